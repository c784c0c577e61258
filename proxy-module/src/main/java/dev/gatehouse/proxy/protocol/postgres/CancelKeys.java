package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.api.Connection;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's own BackendKeyData values and the upstream backends they stand for. Clients only
 * ever see the gateway's key: the target's process id and secret stay inside the gateway, so a
 * client cannot cancel another session's query on the target by guessing, and a cancel through
 * the gateway reaches exactly the backend of the session that owns the key.
 */
final class CancelKeys {

    /**
     * Where a cancel for one client key must go; {@code onCancel} also tells the owning session, for
     * a statement the gateway itself is holding (waiting for an approval) rather than the target.
     */
    record UpstreamBackend(Connection target, int processId, int secretKey, Runnable onCancel) {
        UpstreamBackend(Connection target, int processId, int secretKey) {
            this(target, processId, secretKey, () -> { });
        }

        @Override
        public String toString() {
            return "UpstreamBackend[" + target.name() + ", pid=" + processId + "]";
        }
    }

    record ClientKey(int processId, int secretKey) {
        @Override
        public String toString() {
            return "ClientKey[pid=" + processId + "]";
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<ClientKey, UpstreamBackend> keys = new ConcurrentHashMap<>();

    ClientKey register(UpstreamBackend backend) {
        while (true) {
            // A positive pid looks like a real one to tools that print it.
            ClientKey key = new ClientKey(random.nextInt(1, Integer.MAX_VALUE), random.nextInt());
            if (keys.putIfAbsent(key, backend) == null) {
                return key;
            }
        }
    }

    Optional<UpstreamBackend> find(int processId, int secretKey) {
        return Optional.ofNullable(keys.get(new ClientKey(processId, secretKey)));
    }

    void remove(ClientKey key) {
        if (key != null) {
            keys.remove(key);
        }
    }

    int size() {
        return keys.size();
    }
}
