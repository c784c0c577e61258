package dev.gatehouse.identity.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Ends the Gatehouse session and the Keycloak SSO session, then lands on a public page. */
@WebServlet("/auth/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient OidcProvider provider;

    @Inject
    transient OidcLogin login;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doPost(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        SessionLogin signedIn = SessionLogin.from(session);
        if (session != null) {
            session.invalidate();
        }
        String afterLogout = login.baseUrl(request) + "/auth/logged-out.xhtml";
        StringBuilder url = new StringBuilder(provider.endSessionEndpoint())
                .append("?client_id=").append(enc(provider.clientId()))
                .append("&post_logout_redirect_uri=").append(enc(afterLogout));
        if (signedIn != null && signedIn.idTokenHint() != null) {
            url.append("&id_token_hint=").append(enc(signedIn.idTokenHint()));
        }
        response.sendRedirect(url.toString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
