package dev.gatehouse.identity.web;

import dev.gatehouse.access.IdentityAttributes;
import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Logins and refused credentials, for the audit trail (FFIEC C13/C14) and the log. Only the reason
 * code and the client address are written: never the token or any part of it.
 */
@ApplicationScoped
public class AuthenticationEvents {

    private static final Logger LOG = Logger.getLogger(AuthenticationEvents.class.getName());

    @Inject
    AuditLog audit;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void rejected(AuthenticationFailedException refused, String clientAddress, String path) {
        LOG.info(() -> "gatehouse: rejected credential from " + clientAddress + " on " + path + ": " + refused.code());
        audit.append(new Actor("unauthenticated", "anonymous", clientAddress), "auth.rejected", "endpoint", null, path, "failure",
                Map.of("reason", refused.code(), "message", refused.getMessage()));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void loggedIn(Identity identity, String clientAddress) {
        audit.append(new Actor(identity.displayName(), identity.kind().wireName(), clientAddress), "auth.login", "ui", null, "web-ui",
                "success", IdentityAttributes.of(identity));
    }
}
