package dev.gatehouse.approvals;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.datapath.DataPath;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reloads the grants cache every second from the store, which every gateway node shares, so a
 * decision on any node reaches this node's data path within a second. A grant that has ended
 * (expired or revoked) on a connection that requires just-in-time access ends its holder's
 * sessions there, unless another live grant still covers them.
 */
@Singleton
public class GrantsRefresher {

    private static final Logger LOG = Logger.getLogger(GrantsRefresher.class.getName());

    @Inject
    AccessGrants grants;

    @Inject
    GrantsCache cache;

    @Inject
    DataPath dataPath;

    @Inject
    ApprovalAuditTrail trail;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void refresh() {
        try {
            Instant now = Instant.now();
            GrantsCache.Snapshot previous = cache.replace(grants.connectionsRequiringJit(), grants.live(now));
            previous.grants().forEach((connection, holders) -> holders.forEach((requester, ended) -> {
                if (cache.requiresJit(connection) && !cache.holdsGrant(requester, connection, now)) {
                    endSessions(requester, connection, ended);
                }
            }));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gatehouse: the grants cache could not be refreshed; it keeps its last state", e);
        }
    }

    private void endSessions(String requester, String connection, List<AccessGrants.LiveGrant> ended) {
        String requestId = ended.getFirst().requestId();
        String how = grants.wasRevoked(requestId) ? "was revoked" : "expired";
        String message = "your just-in-time access to connection \"" + connection + "\" " + how + " (request " + requestId
                + "); request access again with POST /api/v1/approvals";
        try {
            int count = dataPath.endSessions(requester, connection, message).get(2, TimeUnit.SECONDS);
            if (count > 0) {
                trail.record(Actor.SYSTEM, "approval.sessions-ended", requestId, "success",
                        Map.of("requester", requester, "connection", connection, "grant", how, "sessions", count));
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "gatehouse: sessions of an ended grant could not all be ended", e);
        }
    }
}
