package dev.gatehouse.identity;

import dev.gatehouse.platform.GatehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * Which agent clients are disabled in Keycloak. A disabled client's already-issued tokens stay
 * cryptographically valid until they expire, so the gateway refuses them itself. The set is
 * refreshed at most every {@code GATEHOUSE_AGENT_STATUS_TTL_SECONDS} (default 30 s): that is the
 * longest a disabled agent's token can still be accepted. Disabling through Gatehouse applies at once.
 */
@ApplicationScoped
public class AgentStatusCache {

    private static final Logger LOG = Logger.getLogger(AgentStatusCache.class.getName());

    @Inject
    GatehouseSettings settings;

    @Inject
    KeycloakAdminProducer keycloak;

    private volatile Set<String> disabled = Set.of();
    private volatile Instant refreshedAt = Instant.EPOCH;

    public boolean isDisabled(String clientId) {
        if (clientId == null) {
            return false;
        }
        refreshIfStale();
        return disabled.contains(clientId);
    }

    public void markDisabled(String clientId) {
        disabled = union(disabled, clientId);
    }

    public void markEnabled(String clientId) {
        disabled = disabled.stream().filter(id -> !id.equals(clientId)).collect(Collectors.toUnmodifiableSet());
    }

    private void refreshIfStale() {
        if (Instant.now().isBefore(refreshedAt.plus(settings.agentStatusTtl()))) {
            return;
        }
        synchronized (this) {
            if (Instant.now().isBefore(refreshedAt.plus(settings.agentStatusTtl()))) {
                return;
            }
            try {
                disabled = keycloak.realm().clients().findAll().stream()
                        .filter(c -> Boolean.FALSE.equals(c.isEnabled()))
                        .map(ClientRepresentation::getClientId)
                        .collect(Collectors.toUnmodifiableSet());
            } catch (RuntimeException e) {
                // Keep the last known set: failing open for every agent would be worse than a stale list.
                LOG.log(Level.WARNING, "gatehouse: cannot refresh disabled agents from Keycloak: {0}", e.getMessage());
            }
            refreshedAt = Instant.now();
        }
    }

    private static Set<String> union(Set<String> set, String extra) {
        return java.util.stream.Stream.concat(set.stream(), java.util.stream.Stream.of(extra)).collect(Collectors.toUnmodifiableSet());
    }
}
