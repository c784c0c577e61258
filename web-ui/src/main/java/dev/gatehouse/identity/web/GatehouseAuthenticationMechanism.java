package dev.gatehouse.identity.web;

import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.identity.IdentityPrincipal;
import dev.gatehouse.identity.KeycloakIdentityResolver;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The one authentication mechanism of the application.
 * <ul>
 *   <li>{@code /api/*}: a bearer token on every request (Keycloak access token or Gatehouse token).
 *       Missing or bad tokens get 401 with a JSON body; no session is created.</li>
 *   <li>Everything else: the browser session from an OIDC login, started by redirect when a page is protected.</li>
 * </ul>
 * Rejections are logged and audited with the reason only; the token itself never reaches a log.
 */
@ApplicationScoped
public class GatehouseAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** RFC 6750 b64token: rejecting anything else early keeps odd bytes out of the JWT parser and the logs. */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer ([A-Za-z0-9._~+/-]+=*)");
    /** Checked before the pattern so that huge headers are not scanned at all. */
    private static final int MAX_HEADER_CHARS = 16 * 1024 + 7;

    @Inject
    KeycloakIdentityResolver resolver;

    @Inject
    OidcLogin oidc;

    @Inject
    AuthenticationEvents events;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return bearer(request, response, context);
        }
        if (path.equals(OidcLogin.CALLBACK_PATH)) {
            return callback(request, response, context);
        }
        SessionLogin login = SessionLogin.from(request.getSession(false));
        if (login != null) {
            return loggedIn(request, context, login.identity());
        }
        return context.isProtected() ? oidc.start(request, context) : context.doNothing();
    }

    private AuthenticationStatus bearer(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return context.isProtected() ? refuse(request, response, new AuthenticationFailedException("missing_token",
                    "send Authorization: Bearer <Keycloak access token or Gatehouse token>")) : context.doNothing();
        }
        if (header.length() > MAX_HEADER_CHARS) {
            return refuse(request, response, new AuthenticationFailedException("oversized_token", "the Authorization header is too large"));
        }
        var matcher = BEARER.matcher(header.trim());
        if (!matcher.matches()) {
            return refuse(request, response, new AuthenticationFailedException("malformed_authorization",
                    "the Authorization header must be 'Bearer <token>'"));
        }
        try {
            return loggedIn(request, context, resolver.resolveNow(matcher.group(1)));
        } catch (RuntimeException e) {
            return refuse(request, response, KeycloakIdentityResolver.unwrap(e));
        }
    }

    private AuthenticationStatus callback(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        try {
            OidcLogin.LoginResult result = oidc.complete(request);
            // A new session id after login: a session fixed before login is worthless afterwards.
            request.changeSessionId();
            request.getSession().setAttribute(SessionLogin.ATTRIBUTE, SessionLogin.of(result.identity(), result.idToken()));
            events.loggedIn(result.identity(), request.getRemoteAddr());
            loggedIn(request, context, result.identity());
            return context.redirect(result.returnTo());
        } catch (RuntimeException e) {
            AuthenticationFailedException refused = KeycloakIdentityResolver.unwrap(e);
            events.rejected(refused, request.getRemoteAddr(), request.getRequestURI());
            return context.redirect(request.getContextPath() + "/auth/login-failed.xhtml?reason=" + refused.code());
        }
    }

    private static AuthenticationStatus loggedIn(HttpServletRequest request, HttpMessageContext context, Identity identity) {
        request.setAttribute(CurrentIdentity.REQUEST_ATTRIBUTE, identity);
        return context.notifyContainerAboutLogin(new IdentityPrincipal(identity), identity.roles());
    }

    private AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationFailedException refused) {
        events.rejected(refused, request.getRemoteAddr(), request.getRequestURI());
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"gatehouse\", error=\"invalid_token\", error_description=\""
                + refused.code() + "\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(Json.createObjectBuilder()
                    .add("code", refused.code())
                    .add("message", "Authentication failed: " + refused.getMessage() + ".")
                    .add("errors", Json.createArrayBuilder())
                    .build().toString());
        } catch (IOException ignored) {
            // The client went away; the status is what mattered.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
