package dev.gatehouse.catalog;

import dev.gatehouse.platform.SecretCipher;
import dev.gatehouse.proxy.api.CredentialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Hands the data path a connection's password, unsealed on each call and never cached, so plaintext
 * lives only as long as the upstream login that needs it. It reads the store and therefore blocks:
 * the data path calls it from a worker, never from an event loop.
 */
@ApplicationScoped
public class SealedCredentialStore implements CredentialStore {

    @Inject
    TargetConnectionRepository repository;

    @Inject
    SecretCipher cipher;

    /** In a transaction of its own: called from executor threads, which have no persistence context otherwise. */
    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<char[]> secretFor(String connectionName) {
        return repository.findByName(connectionName)
                .filter(TargetConnection::secretSet)
                .map(connection -> cipher.openChars(connection.sealedSecret(), DefaultConnectionCatalog.SECRET_PURPOSE));
    }
}
