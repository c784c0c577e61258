package dev.gatehouse.proxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.TlsMode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowListAccessPolicyTest {

    private final AllowListAccessPolicy policy = new AllowListAccessPolicy();

    @Test
    void aConnectionThatListsNobodyDeniesEveryone() {
        AccessDecision decision = policy.decide(human("alice", Set.of("gatehouse-admin"), Set.of()), connection(Set.of()));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("allows nobody yet").contains("default deny");
    }

    @Test
    void aBareEntryIsARealmRole() {
        AccessDecision decision = policy.decide(human("eve", Set.of("gatehouse-user"), Set.of()), connection(Set.of("gatehouse-user")));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.matchedEntry()).isEqualTo("role:gatehouse-user");
    }

    @Test
    void anExplicitRoleEntryMatchesTheRole() {
        assertThat(policy.decide(human("eve", Set.of("dba"), Set.of()), connection(Set.of("role:dba"))).allowed()).isTrue();
    }

    @Test
    void anIdentityWithoutTheRoleIsDeniedWithAReason() {
        AccessDecision decision = policy.decide(human("eve", Set.of("gatehouse-user"), Set.of()), connection(Set.of("gatehouse-admin")));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("eve").contains("payments");
        assertThat(decision.matchedEntry()).isEmpty();
    }

    @Test
    void aGroupEntryMatchesTheGroupAndItsSubgroupsButNotASiblingWithTheSamePrefix() {
        Connection payments = connection(Set.of("group:/platform"));
        assertThat(policy.decide(human("a", Set.of(), Set.of("/platform")), payments).allowed()).isTrue();
        assertThat(policy.decide(human("b", Set.of(), Set.of("/platform/dba")), payments).allowed()).isTrue();
        assertThat(policy.decide(human("c", Set.of(), Set.of("/platform-eng")), payments).allowed()).isFalse();
        assertThat(policy.decide(human("d", Set.of(), Set.of("/platform")), connection(Set.of("group:platform"))).allowed())
                .as("the leading slash is optional").isTrue();
    }

    @Test
    void aClientEntryMatchesOnlyThatAgent() {
        Connection payments = connection(Set.of("client:ci-agent"));
        assertThat(policy.decide(agent("ci-agent", Set.of()), payments).allowed()).isTrue();
        assertThat(policy.decide(agent("other-agent", Set.of()), payments).allowed()).isFalse();
        assertThat(policy.decide(agent("other-agent", Set.of("client:ci-agent")), payments).allowed())
                .as("a role that looks like a client entry grants nothing").isFalse();
    }

    @Test
    void theMatchedEntryIsDeterministicWhenSeveralMatch() {
        Identity both = new Identity("s", "x", "ci-agent", IdentityKind.AGENT, Set.of("gatehouse-user"), Set.of(), "t", Instant.EPOCH, null, "test");
        Connection connection = connection(Set.of("gatehouse-user", "client:ci-agent"));
        assertThat(policy.decide(both, connection).matchedEntry()).isEqualTo("client:ci-agent");
        assertThat(policy.decide(both, connection).matchedEntry()).isEqualTo("client:ci-agent");
    }

    static Identity human(String name, Set<String> roles, Set<String> groups) {
        return new Identity("sub-" + name, name, "gatehouse-cli", IdentityKind.HUMAN, roles, groups, "jti", Instant.EPOCH, null, "test");
    }

    static Identity agent(String clientId, Set<String> roles) {
        return new Identity("sub-" + clientId, "service-account-" + clientId, clientId, IdentityKind.AGENT, roles, Set.of(), "jti",
                Instant.EPOCH, null, "test");
    }

    static Connection connection(Set<String> allowed) {
        return new Connection("payments", ConnectionType.POSTGRES, "db", 5432, "payments", "svc", TlsMode.REQUIRE, Map.of(), allowed, false);
    }
}
