package dev.gatehouse.identity;

import java.util.List;

/**
 * Every identity the identity provider holds, with its roles: what access reviews enumerate and
 * what evidence packs list (controls C1, C4, C13). Never called on a Netty event loop.
 */
public interface IdentityInventory {

    /** @throws IdentityProviderUnavailableException when the provider cannot be asked */
    List<InventoryIdentity> identities();

    final class IdentityProviderUnavailableException extends RuntimeException {
        public IdentityProviderUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
