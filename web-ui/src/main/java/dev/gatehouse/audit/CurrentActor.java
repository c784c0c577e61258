package dev.gatehouse.audit;

import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Resolves the actor of the current HTTP request (REST or UI), or the system outside a request. */
@RequestScoped
public class CurrentActor {

    @Inject
    Instance<HttpServletRequest> request;

    @Inject
    CurrentIdentity identity;

    public Actor get() {
        try {
            HttpServletRequest http = request.get();
            String address = http.getRemoteAddr();
            Identity who = identity.get().orElse(null);
            return who == null
                    ? new Actor("anonymous", "anonymous", address)
                    : new Actor(who.displayName(), who.kind().wireName(), address);
        } catch (RuntimeException outsideRequest) {
            return Actor.SYSTEM;
        }
    }
}
