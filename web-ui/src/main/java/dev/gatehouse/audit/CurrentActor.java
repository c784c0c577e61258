package dev.gatehouse.audit;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Resolves the actor of the current HTTP request (REST or UI), or the system outside a request. */
@RequestScoped
public class CurrentActor {

    @Inject
    Instance<HttpServletRequest> request;

    public Actor get() {
        try {
            HttpServletRequest http = request.get();
            Principal principal = http.getUserPrincipal();
            String address = http.getRemoteAddr();
            return principal == null
                    ? new Actor("anonymous", "anonymous", address)
                    : new Actor(principal.getName(), "human", address);
        } catch (ContextNotActiveException | IllegalStateException outsideRequest) {
            return Actor.SYSTEM;
        }
    }
}
