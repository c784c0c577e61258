package dev.gatehouse.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;

/**
 * Validates Keycloak access tokens with nimbus-jose-jwt: signature against the realm's JWKS (cached,
 * refetched when an unknown key id appears, i.e. on rotation, at most once per rate-limit window),
 * then issuer, audience, expiry and not-before with a small clock skew, and Keycloak's {@code typ}
 * claim so that an ID or refresh token cannot stand in for an access token.
 */
public final class AccessTokenVerifier {

    /** Bigger than any real Keycloak token; a larger one is refused before it is parsed. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    private static final Duration JWKS_CACHE = Duration.ofMinutes(15);
    private static final Duration JWKS_REFRESH_LIMIT = Duration.ofSeconds(30);

    private final ConfigurableJWTProcessor<SecurityContext> processor;

    /** Keycloak writes {@code typ: Bearer} into access tokens and {@code typ: ID} into ID tokens. */
    public static final String ACCESS_TOKEN = "Bearer";
    public static final String ID_TOKEN = "ID";

    public AccessTokenVerifier(String issuer, String audience, Duration clockSkew) {
        this(issuer, audience, ACCESS_TOKEN, clockSkew, remoteKeys(issuer));
    }

    public AccessTokenVerifier(String issuer, String audience, String keycloakType, Duration clockSkew, JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED_ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).claim("typ", keycloakType).build(), Set.of("sub", "exp", "iat", "azp"));
        claims.setMaxClockSkew((int) clockSkew.toSeconds());
        jwt.setJWTClaimsSetVerifier(claims);
        this.processor = jwt;
    }

    public JWTClaimsSet verify(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationFailedException("missing_token", "no token was presented");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new AuthenticationFailedException("oversized_token", "the token is larger than " + MAX_TOKEN_CHARS + " characters");
        }
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new AuthenticationFailedException("malformed_token", "the token is not a well-formed JWT");
        } catch (BadJWSException e) {
            throw new AuthenticationFailedException("invalid_signature", "the token's signature does not verify against the realm's keys");
        } catch (BadJWTException e) {
            throw classifyClaims(e);
        } catch (RemoteKeySourceException e) {
            throw new AuthenticationFailedException("idp_unavailable", "the identity provider's keys cannot be fetched right now", e);
        } catch (BadJOSEException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("nsecured") || message.contains("plain")) {
                throw new AuthenticationFailedException("unsigned_token", "unsigned tokens (alg none) are refused");
            }
            if (message.contains("no matching key") || message.contains("algorithm")) {
                throw new AuthenticationFailedException("invalid_signature", "the token was not signed by one of the realm's keys");
            }
            if (message.contains("type")) {
                throw new AuthenticationFailedException("malformed_token", "the token's header type is not JWT");
            }
            throw new AuthenticationFailedException("invalid_token", "the token was refused");
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AuthenticationFailedException("invalid_token", "the token could not be verified");
        }
    }

    /** Maps nimbus's claim-check messages (stable since 9.x; pinned by AccessTokenVerifierTest) to our codes. */
    private static AuthenticationFailedException classifyClaims(BadJWTException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("JSON")) {
            return new AuthenticationFailedException("malformed_token", "the token's payload is not a JSON claims set");
        }
        if (message.contains("aud claim") || message.startsWith("JWT missing required aud")) {
            return new AuthenticationFailedException("wrong_audience", "the token was not issued for Gatehouse (audience)");
        }
        if (message.contains("iss claim")) {
            return new AuthenticationFailedException("wrong_issuer", "the token comes from another issuer or realm");
        }
        if (message.contains("typ claim")) {
            return new AuthenticationFailedException("wrong_token_type", "only access tokens are accepted");
        }
        if (message.startsWith("Expired JWT")) {
            return new AuthenticationFailedException("expired", "the token has expired");
        }
        if (message.startsWith("JWT before use time")) {
            return new AuthenticationFailedException("not_yet_valid", "the token is not valid yet");
        }
        if (message.startsWith("JWT missing required claims")) {
            return new AuthenticationFailedException("invalid_claims", "the token lacks required claims");
        }
        return new AuthenticationFailedException("invalid_claims", "the token's claims were refused");
    }

    public static JWKSource<SecurityContext> remoteKeys(String issuer) {
        try {
            return JWKSourceBuilder.create(URI.create(issuer + "/protocol/openid-connect/certs").toURL())
                    .cache(JWKS_CACHE.toMillis(), Duration.ofSeconds(10).toMillis())
                    .rateLimited(JWKS_REFRESH_LIMIT.toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("KEYCLOAK_URL does not form a valid URL: " + issuer, e);
        }
    }
}
