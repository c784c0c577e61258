package dev.gatehouse.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.datapath.DataPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which sessions end when grants end: the holder's, on a JIT connection, once no live grant covers them. */
class GrantsRefresherTest {

    private final List<AccessGrants.LiveGrant> live = new ArrayList<>();
    private final Set<String> jit = new HashSet<>(Set.of("prod"));
    private final Set<String> revoked = new HashSet<>();
    private final List<String> ended = new ArrayList<>();
    private final List<String> audited = new ArrayList<>();
    private final GrantsRefresher refresher = new GrantsRefresher();

    GrantsRefresherTest() {
        refresher.cache = new GrantsCache();
        refresher.grants = new AccessGrants() {
            @Override
            public List<LiveGrant> live(Instant now) {
                return List.copyOf(live);
            }

            @Override
            public Set<String> connectionsRequiringJit() {
                return Set.copyOf(jit);
            }

            @Override
            public boolean wasRevoked(String requestId) {
                return revoked.contains(requestId);
            }
        };
        refresher.dataPath = new DataPath() {
            @Override
            public CompletableFuture<Integer> endSessions(String identityName, String connectionName, String message) {
                ended.add(identityName + "@" + connectionName + ": " + message);
                return CompletableFuture.completedFuture(1);
            }
        };
        refresher.trail = new ApprovalAuditTrail() {
            @Override
            public void record(Actor actor, String action, String requestId, String outcome, Map<String, ?> details) {
                audited.add(action + " " + requestId + " " + details.get("grant"));
            }
        };
    }

    @Test
    void anExpiredGrantEndsItsHoldersSessionsOnce() {
        live.add(grant("r1", "eve", "prod"));
        refresher.refresh();
        assertThat(ended).isEmpty();

        live.clear();
        refresher.refresh();
        refresher.refresh();
        assertThat(ended).containsExactly("eve@prod: your just-in-time access to connection \"prod\" expired (request r1); "
                + "request access again with POST /api/v1/approvals");
        assertThat(audited).containsExactly("approval.sessions-ended r1 expired");
    }

    @Test
    void aRevokedGrantSaysSo() {
        live.add(grant("r2", "eve", "prod"));
        refresher.refresh();
        live.clear();
        revoked.add("r2");
        refresher.refresh();
        assertThat(ended).singleElement().asString().contains("was revoked (request r2)");
    }

    @Test
    void anotherLiveGrantOrAConnectionWithoutJitKeepsTheSessions() {
        live.add(grant("r3", "eve", "prod"));
        live.add(grant("r4", "eve", "prod"));
        live.add(grant("r5", "eve", "staging"));
        refresher.refresh();
        live.removeIf(grant -> !grant.requestId().equals("r4"));
        refresher.refresh();
        assertThat(ended).as("r4 still covers prod; staging does not require JIT").isEmpty();
    }

    private static AccessGrants.LiveGrant grant(String id, String requester, String connection) {
        return new AccessGrants.LiveGrant(id, requester, connection, Instant.now().plusSeconds(600));
    }
}
