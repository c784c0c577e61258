package dev.gatehouse.identity;

import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The identity of the current HTTP request, as the authentication mechanism established it.
 * It is kept as a request attribute so it does not depend on how the container wraps principals.
 */
@RequestScoped
public class CurrentIdentity {

    public static final String REQUEST_ATTRIBUTE = "dev.gatehouse.identity";

    @Inject
    Instance<HttpServletRequest> request;

    public Optional<Identity> get() {
        try {
            return Optional.ofNullable((Identity) request.get().getAttribute(REQUEST_ATTRIBUTE));
        } catch (RuntimeException outsideRequest) {
            return Optional.empty();
        }
    }

    public Identity require() {
        return get().orElseThrow(() -> new dev.gatehouse.proxy.api.AuthenticationFailedException("missing_token", "not authenticated"));
    }
}
