package dev.gatehouse.accessreview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.TlsMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The revocation check on the data path, around whatever the rest of the access chain decides. */
class ReviewedAccessPolicyTest {

    private final AccessRevocationsCache cache = new AccessRevocationsCache();
    private final ReviewedAccessPolicy policy = new ReviewedAccessPolicy((identity, connection) -> AccessDecision.allow("role:gatehouse-user"),
            cache);

    @Test
    void refusesEveryoneUntilTheRevocationsAreLoaded() {
        AccessDecision decision = policy.decide(human("eve"), connection("payments"));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.clientMessage()).contains("still loading");
    }

    @Test
    void aRevokedIdentityIsRefusedOnThatConnectionOnlyWithTheReviewNamed() {
        cache.replace(List.of(revocation("eve", "payments", null)));

        AccessDecision refused = policy.decide(human("eve"), connection("payments"));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.clientMessage()).isEqualTo("access to connection \"payments\" for \"eve\" was revoked by access review"
                + " \"Q4 2026\" on 2026-11-26; ask an administrator to lift the revocation");
        assertThat(policy.decide(human("eve"), connection("ledger")).allowed()).isTrue();
        assertThat(policy.decide(human("bob"), connection("payments")).allowed()).isTrue();
    }

    @Test
    void aLiftedRevocationNoLongerRefuses() {
        cache.replace(List.of(revocation("eve", "payments", null)));
        cache.replace(List.of(revocation("eve", "payments", Instant.parse("2026-11-27T09:00:00Z"))));

        assertThat(policy.decide(human("eve"), connection("payments")).allowed()).isTrue();
    }

    @Test
    void theRestOfTheChainsRefusalStands() {
        cache.replace(List.of());
        ReviewedAccessPolicy denying = new ReviewedAccessPolicy((i, c) -> AccessDecision.deny("not on the allow list"), cache);
        assertThat(denying.decide(human("eve"), connection("payments")).reason()).isEqualTo("not on the allow list");
    }

    @Test
    void aRefreshReportsOnlyRevocationsItHadNotSeenLive() {
        Revocation eve = revocation("eve", "payments", null);
        assertThat(cache.replace(List.of(eve))).as("the first load: no session predates it").isEmpty();
        Revocation bob = revocation("bob", "payments", null);
        assertThat(cache.replace(List.of(eve, bob))).containsExactly(bob);
        assertThat(cache.replace(List.of(eve, bob))).isEmpty();
    }

    private static Revocation revocation(String identity, String connection, Instant liftedAt) {
        return new Revocation(UUID.nameUUIDFromBytes((identity + connection).getBytes()), identity, connection, UUID.randomUUID(), "Q4 2026",
                "access review \"Q4 2026\": left the team", "alice", Instant.parse("2026-11-26T10:15:00Z"),
                liftedAt == null ? null : "alice", liftedAt);
    }

    private static Identity human(String name) {
        return new Identity("sub-" + name, name, "gatehouse-cli", IdentityKind.HUMAN, Set.of("gatehouse-user"), Set.of(), null, null, null,
                "oidc-access-token");
    }

    private static Connection connection(String name) {
        return new Connection(name, ConnectionType.POSTGRES, "127.0.0.1", 5432, "app", "app", TlsMode.DISABLE, Map.of(),
                Set.of("gatehouse-user"), false, false, false);
    }
}
