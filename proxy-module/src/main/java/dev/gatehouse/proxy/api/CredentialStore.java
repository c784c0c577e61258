package dev.gatehouse.proxy.api;

import java.util.Optional;

/**
 * Hands the data path the decrypted secret of a connection, at the moment it dials the target.
 * Implementations decrypt on demand and keep plaintext out of logs; callers should wipe the array
 * once the upstream authentication exchange is done.
 */
public interface CredentialStore {

    /** The plaintext secret, or empty when none is stored for that connection. */
    Optional<char[]> secretFor(String connectionName);
}
