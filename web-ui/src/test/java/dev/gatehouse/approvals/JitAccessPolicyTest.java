package dev.gatehouse.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.TlsMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JitAccessPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final Identity EVE = new Identity("sub-eve", "eve", "gatehouse-cli", IdentityKind.HUMAN, Set.of("gatehouse-user"),
            Set.of(), "jti", NOW, NOW.plusSeconds(300), "oidc-access-token");
    private static final Connection PROD = new Connection("prod", ConnectionType.POSTGRES, "db", 5432, "app", "app", TlsMode.DISABLE,
            null, Set.of("gatehouse-user"), false, true, true);
    private static final Connection OPEN = new Connection("open", ConnectionType.POSTGRES, "db", 5432, "app", "app", TlsMode.DISABLE,
            null, Set.of("gatehouse-user"), false);

    private final GrantsCache grants = new GrantsCache();
    private final JitAccessPolicy policy = new JitAccessPolicy((identity, connection) -> AccessDecision.allow("role:gatehouse-user"),
            grants, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aConnectionWithoutJitNeedsNoGrant() {
        assertThat(policy.decide(EVE, OPEN).allowed()).as("even before the grants are loaded").isTrue();
    }

    @Test
    void aJitConnectionNeedsALiveGrantAndSaysHowToGetOne() {
        grants.replace(Set.of("prod"), List.of());
        AccessDecision refused = policy.decide(EVE, PROD);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.clientMessage()).contains("requires just-in-time access").contains("POST /api/v1/approvals");

        grants.replace(Set.of("prod"), List.of(new AccessGrants.LiveGrant("r1", "eve", "prod", NOW.plusSeconds(60))));
        assertThat(policy.decide(EVE, PROD).allowed()).isTrue();

        grants.replace(Set.of("prod"), List.of(new AccessGrants.LiveGrant("r1", "eve", "prod", NOW.minusSeconds(1))));
        assertThat(policy.decide(EVE, PROD).allowed()).as("a grant past its end, before the next refresh drops it").isFalse();
    }

    @Test
    void nobodyIsAdmittedToAJitConnectionBeforeTheGrantsAreLoaded() {
        assertThat(policy.decide(EVE, PROD).allowed()).isFalse();
    }
}
