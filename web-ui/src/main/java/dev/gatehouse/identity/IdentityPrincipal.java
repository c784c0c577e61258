package dev.gatehouse.identity;

import dev.gatehouse.proxy.api.Identity;
import jakarta.security.enterprise.CallerPrincipal;

/** The container's view of a Gatehouse identity: the name is what the audit trail shows. */
public class IdentityPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final transient Identity identity;

    public IdentityPrincipal(Identity identity) {
        super(identity.displayName());
        this.identity = identity;
    }

    public Identity identity() {
        return identity;
    }
}
