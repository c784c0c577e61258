package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier's decisions without a network: tokens are signed here with a key the verifier
 * trusts, or with one it does not. The real-Keycloak counterpart is BearerAuthenticationIT.
 */
class AccessTokenVerifierTest {

    private static final String ISSUER = "http://localhost:8180/realms/gatehouse";
    private static RSAKey realmKey;
    private static RSAKey strangerKey;
    private static AccessTokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        realmKey = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        verifier = new AccessTokenVerifier(ISSUER, "gatehouse-api", AccessTokenVerifier.ACCESS_TOKEN, Duration.ofSeconds(5),
                new ImmutableJWKSet<>(new JWKSet(realmKey.toPublicJWK())));
    }

    @Test
    void aGoodTokenGivesTheIdentity() throws Exception {
        Identity identity = IdentityClaims.from(verifier.verify(sign(claims().build(), realmKey)), "oidc-access-token");
        assertThat(identity.username()).isEqualTo("alice");
        assertThat(identity.kind()).isEqualTo(IdentityKind.HUMAN);
        assertThat(identity.roles()).containsExactly("gatehouse-admin");
        assertThat(identity.groups()).containsExactly("/platform");
        assertThat(identity.clientId()).isEqualTo("gatehouse-cli");
    }

    @Test
    void aServiceAccountIsAnAgent() throws Exception {
        String token = sign(claims().claim("preferred_username", "service-account-ci-agent").claim("azp", "ci-agent").build(), realmKey);
        Identity identity = IdentityClaims.from(verifier.verify(token), "oidc-access-token");
        assertThat(identity.kind()).isEqualTo(IdentityKind.AGENT);
        assertThat(identity.displayName()).isEqualTo("ci-agent");
    }

    @Test
    void refusals() throws Exception {
        Instant now = Instant.now();
        assertRefused(sign(claims().expirationTime(Date.from(now.minusSeconds(60))).build(), realmKey), "expired");
        assertRefused(sign(claims().notBeforeTime(Date.from(now.plusSeconds(120))).build(), realmKey), "not_yet_valid");
        assertRefused(sign(claims().audience("someone-else").build(), realmKey), "wrong_audience");
        assertRefused(sign(claims().audience(List.of()).build(), realmKey), "wrong_audience");
        assertRefused(sign(claims().issuer("http://localhost:8180/realms/master").build(), realmKey), "wrong_issuer");
        assertRefused(sign(claims().claim("typ", "ID").build(), realmKey), "wrong_token_type");
        Map<String, Object> withoutAzp = new java.util.HashMap<>(claims().build().toJSONObject());
        withoutAzp.remove("azp");
        assertRefused(sign(JWTClaimsSet.parse(withoutAzp), realmKey), "invalid_claims");
        assertRefused(sign(claims().build(), strangerKey), "invalid_signature");
        assertRefused(new PlainJWT(claims().build()).serialize(), "unsigned_token");
        assertRefused("not-a-jwt", "malformed_token");
        assertRefused("eyJhbGciOiJSUzI1NiJ9.Zm9yZ2Vk.c2lnbmF0dXJl", "malformed_token");
        assertRefused("", "missing_token");
        assertRefused("a".repeat(100 * 1024), "oversized_token");
    }

    @Test
    void oneAlteredCharacterInTheSignatureIsRefused() throws Exception {
        String token = sign(claims().build(), realmKey);
        int last = token.length() - 3;
        char replacement = token.charAt(last) == 'A' ? 'B' : 'A';
        String altered = token.substring(0, last) + replacement + token.substring(last + 1);
        assertRefused(altered, "invalid_signature");
    }

    @Test
    void expiryHonoursOnlyTheSmallClockSkew() throws Exception {
        Instant now = Instant.now();
        String justExpired = sign(claims().expirationTime(Date.from(now.minusSeconds(2))).build(), realmKey);
        assertThat(verifier.verify(justExpired).getSubject()).as("within the 5 s skew").isEqualTo("sub-alice");
    }

    @Test
    void refusalMessagesNeverEchoTheToken() throws Exception {
        String token = sign(claims().audience("someone-else").build(), realmKey);
        assertThatThrownBy(() -> verifier.verify(token)).hasMessageNotContaining(token.substring(0, 20));
    }

    private static void assertRefused(String token, String code) {
        assertThatThrownBy(() -> verifier.verify(token))
                .as("expected %s", code)
                .isInstanceOfSatisfying(AuthenticationFailedException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("sub-alice")
                .audience("gatehouse-api")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("azp", "gatehouse-cli")
                .claim("preferred_username", "alice")
                .claim("realm_access", Map.of("roles", List.of("gatehouse-admin")))
                .claim("groups", List.of("/platform"));
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
