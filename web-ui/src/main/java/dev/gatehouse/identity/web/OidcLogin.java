package dev.gatehouse.identity.web;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.identity.KeycloakIdentityResolver;
import dev.gatehouse.platform.GatehouseSettings;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The browser login: OAuth 2 authorization code with PKCE (S256), state against CSRF and nonce
 * against ID-token replay, as a confidential client. Tokens are verified with the same nimbus code
 * as bearer tokens; the roles come from the verified access token.
 */
@ApplicationScoped
public class OidcLogin {

    static final String CALLBACK_PATH = "/auth/callback";
    private static final String PENDING = "dev.gatehouse.pending-logins";
    private static final long PENDING_TTL_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    OidcProvider provider;

    @Inject
    KeycloakIdentityResolver resolver;

    @Inject
    GatehouseSettings settings;

    AuthenticationStatus start(HttpServletRequest request, HttpMessageContext context) {
        PendingLogin pending = new PendingLogin(random(24), random(24), random(48), returnTo(request), System.currentTimeMillis());
        pendingLogins(request.getSession(true)).put(pending.state(), pending);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", provider.clientId());
        query.put("redirect_uri", baseUrl(request) + CALLBACK_PATH);
        query.put("scope", "openid");
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", challenge(pending.codeVerifier()));
        query.put("code_challenge_method", "S256");
        return context.redirect(provider.authorizationEndpoint() + "?" + form(query));
    }

    /** Handles the redirect back from Keycloak; returns the identity and where to send the browser. */
    LoginResult complete(HttpServletRequest request) {
        String error = request.getParameter("error");
        if (error != null) {
            throw new AuthenticationFailedException("login_refused", "the identity provider refused the login: " + error);
        }
        HttpSession session = request.getSession(false);
        String state = request.getParameter("state");
        PendingLogin pending = session == null || state == null ? null : pendingLogins(session).remove(state);
        if (pending == null || System.currentTimeMillis() - pending.createdAtMillis() > PENDING_TTL_MILLIS) {
            throw new AuthenticationFailedException("login_state_mismatch", "the login response does not match a login started here; start again");
        }
        JsonObject tokens = redeem(request.getParameter("code"), pending, baseUrl(request) + CALLBACK_PATH);
        String idToken = tokens.getString("id_token", null);
        JWTClaimsSet idClaims = provider.idTokenVerifier().verify(idToken);
        if (!pending.nonce().equals(idClaims.getClaim("nonce"))) {
            throw new AuthenticationFailedException("login_nonce_mismatch", "the ID token was not issued for this login");
        }
        Identity identity = resolver.resolveNow(tokens.getString("access_token", null));
        if (!identity.subject().equals(idClaims.getSubject())) {
            throw new AuthenticationFailedException("login_subject_mismatch", "the ID token and the access token name different users");
        }
        return new LoginResult(identity, idToken, pending.returnTo());
    }

    record LoginResult(Identity identity, String idToken, String returnTo) {
    }

    private JsonObject redeem(String code, PendingLogin pending, String redirectUri) {
        if (code == null || code.isBlank()) {
            throw new AuthenticationFailedException("login_code_missing", "the login response carries no authorization code");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", pending.codeVerifier());
        String basic = Base64.getEncoder().encodeToString((enc(provider.clientId()) + ":" + enc(provider.clientSecret())).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AuthenticationFailedException("login_code_refused", "the identity provider refused the authorization code (HTTP "
                        + response.statusCode() + ")");
            }
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new AuthenticationFailedException("idp_unavailable", "the identity provider cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationFailedException("idp_unavailable", "interrupted while talking to the identity provider", e);
        }
    }

    /** The UI's own URL for redirects: GATEHOUSE_PUBLIC_URL behind a proxy, else the request's. */
    String baseUrl(HttpServletRequest request) {
        if (settings.publicUrl().isPresent()) {
            return settings.publicUrl().get();
        }
        StringBuilder url = new StringBuilder().append(request.getScheme()).append("://").append(request.getServerName());
        int port = request.getServerPort();
        if (!(("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443))) {
            url.append(':').append(port);
        }
        return url.append(request.getContextPath()).toString();
    }

    /** Only GETs are replayed after login; a form post would resubmit without its view state. */
    private static String returnTo(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return request.getContextPath() + "/";
        }
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, PendingLogin> pendingLogins(HttpSession session) {
        Object existing = session.getAttribute(PENDING);
        if (existing == null) {
            existing = new ConcurrentHashMap<String, PendingLogin>();
            session.setAttribute(PENDING, existing);
        }
        return (Map<String, PendingLogin>) existing;
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
