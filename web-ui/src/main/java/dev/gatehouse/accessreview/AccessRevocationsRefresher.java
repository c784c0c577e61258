package dev.gatehouse.accessreview;

import dev.gatehouse.datapath.DataPath;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reloads the revocations cache every second from the store every gateway node shares, and ends the
 * sessions of an identity whose access to a connection was newly revoked, here or on another node.
 * {@link #refreshNow()} is called right after a revocation or a lift commits on this node, so it
 * applies at once rather than at the next tick. The singleton's lock serialises the two callers, so a
 * revocation's sessions are ended once per node.
 */
@Singleton
public class AccessRevocationsRefresher {

    private static final Logger LOG = Logger.getLogger(AccessRevocationsRefresher.class.getName());

    @Inject
    AccessReviewStore store;

    @Inject
    AccessRevocationsCache cache;

    @Inject
    DataPath dataPath;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void tick() {
        try {
            refreshNow();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gatehouse: the access revocations could not be refreshed; the cache keeps its last state", e);
        }
    }

    /** @return how many sessions were ended because of revocations this refresh found */
    public int refreshNow() {
        int ended = 0;
        for (Revocation revoked : cache.replace(store.revocations(true))) {
            ended += endSessions(revoked);
        }
        return ended;
    }

    private int endSessions(Revocation revoked) {
        try {
            int count = dataPath.endSessions(revoked.identity(), revoked.connection(), revoked.clientMessage()).get(2, TimeUnit.SECONDS);
            if (count > 0) {
                LOG.info(() -> "gatehouse: ended " + count + " session(s) of '" + revoked.identity() + "' on '" + revoked.connection()
                        + "' after an access-review revocation");
            }
            return count;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "gatehouse: sessions of a revoked identity could not all be ended", e);
            return 0;
        }
    }
}
