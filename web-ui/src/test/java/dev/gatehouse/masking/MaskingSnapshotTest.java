package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MaskingSnapshotTest {

    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    static final Identity EVE = new Identity("sub-eve", "eve", "gatehouse-ui", IdentityKind.HUMAN, Set.of("gatehouse-user"), Set.of(),
            null, null, null, "oidc-access-token");
    static final Identity ALICE = new Identity("sub-alice", "alice", "gatehouse-ui", IdentityKind.HUMAN, Set.of("gatehouse-admin"), Set.of(),
            null, null, null, "oidc-access-token");
    static final Connection PAYMENTS = connection("payments");

    private final ScopedRule ssn = rule("ssn", "*", Set.of(), new MaskMethod.Redact("***"));
    private final ScopedRule email = rule("email", "payments", Set.of(), new MaskMethod.Tokenize("k1"));
    private final ScopedRule usersOnly = rule("users-only", "*", Set.of("gatehouse-user"), new MaskMethod.Hash());

    @Test
    void rulesApplyOnTheirConnectionAndToTheirRolesInOrder() {
        MaskingSnapshot snapshot = new MaskingSnapshot(List.of(ssn, email, usersOnly), List.of(), Map.of("k1", new byte[32]));
        assertThat(names(snapshot.policyFor(EVE, PAYMENTS, NOW))).containsExactly("ssn", "email", "users-only");
        assertThat(names(snapshot.policyFor(ALICE, PAYMENTS, NOW))).containsExactly("ssn", "email");
        assertThat(names(snapshot.policyFor(EVE, connection("orders"), NOW))).containsExactly("ssn", "users-only");
    }

    @Test
    void onlyTheKeysOfTheRulesInForceAreHandedOver() {
        MaskingSnapshot snapshot = new MaskingSnapshot(List.of(ssn, email), List.of(), Map.of("k1", new byte[32], "k2", new byte[32]));
        assertThat(snapshot.policyFor(EVE, PAYMENTS, NOW).tokenKeys()).containsOnlyKeys("k1");
        assertThat(snapshot.policyFor(EVE, connection("orders"), NOW).tokenKeys()).isEmpty();
    }

    @Test
    void aRuleWhoseKeyIsMissingStaysInForceSoTheDataPathFailsClosed() {
        MaskingSnapshot snapshot = new MaskingSnapshot(List.of(email), List.of(), Map.of());
        MaskingPolicy policy = snapshot.policyFor(EVE, PAYMENTS, NOW);
        assertThat(names(policy)).containsExactly("email");
        assertThat(policy.tokenKeys()).isEmpty();
    }

    @Test
    void anActiveGrantLiftsItsRulesForItsIdentityOnly() {
        ExemptionGrant grant = grant("eve", "payments", List.of(ssn.id()), NOW.minusSeconds(60), NOW.plusSeconds(60));
        MaskingSnapshot snapshot = new MaskingSnapshot(List.of(ssn, email), List.of(grant), Map.of("k1", new byte[32]));
        assertThat(names(snapshot.policyFor(EVE, PAYMENTS, NOW))).containsExactly("email");
        assertThat(names(snapshot.policyFor(ALICE, PAYMENTS, NOW))).containsExactly("ssn", "email");
        assertThat(names(snapshot.policyFor(EVE, connection("orders"), NOW))).as("the grant names payments only").containsExactly("ssn");
    }

    @Test
    void aGrantWithoutRulesLiftsEveryRuleAndMayNameTheSubject() {
        ExemptionGrant grant = new ExemptionGrant(UUID.randomUUID(), "sub-eve", null, "*", List.of(), NOW.minusSeconds(1), NOW.plusSeconds(1),
                null);
        MaskingSnapshot snapshot = new MaskingSnapshot(List.of(ssn, email), List.of(grant), Map.of());
        assertThat(snapshot.policyFor(EVE, PAYMENTS, NOW)).isEqualTo(MaskingPolicy.NONE);
    }

    @Test
    void anExpiredScheduledOrRevokedGrantLiftsNothing() {
        ExemptionGrant ended = grant("eve", "*", List.of(), NOW.minusSeconds(120), NOW);
        ExemptionGrant later = grant("eve", "*", List.of(), NOW.plusSeconds(1), NOW.plusSeconds(120));
        ExemptionGrant revoked = new ExemptionGrant(UUID.randomUUID(), null, "eve", "*", List.of(), NOW.minusSeconds(1), NOW.plusSeconds(60),
                NOW.minusMillis(1));
        MaskingSnapshot snapshot = new MaskingSnapshot(List.of(ssn), List.of(ended, later, revoked), Map.of());
        assertThat(names(snapshot.policyFor(EVE, PAYMENTS, NOW))).containsExactly("ssn");
        assertThat(names(snapshot.policyFor(EVE, PAYMENTS, NOW.minusSeconds(1)))).as("while the first grant still ran").isEmpty();
    }

    @Test
    void theNextChangeIsTheEarliestStartOrEndStillAhead() {
        ExemptionGrant running = grant("eve", "*", List.of(), NOW.minusSeconds(60), NOW.plusSeconds(300));
        ExemptionGrant later = grant("bob", "*", List.of(), NOW.plusSeconds(100), NOW.plusSeconds(200));
        MaskingSnapshot snapshot = new MaskingSnapshot(List.of(ssn), List.of(running, later), Map.of());
        assertThat(snapshot.nextChangeAfter(NOW)).contains(NOW.plusSeconds(100));
        assertThat(MaskingSnapshot.EMPTY.nextChangeAfter(NOW)).isEmpty();
    }

    @Test
    void keyMaterialIsNeverInTheSnapshotsText() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes();
        assertThat(new MaskingSnapshot(List.of(email), List.of(), Map.of("k1", key)).toString()).contains("k1").doesNotContain("0123456789");
    }

    static ScopedRule rule(String name, String connection, Set<String> roles, MaskMethod method) {
        UUID id = UUID.randomUUID();
        return new ScopedRule(id, connection, roles, Set.of(),
                new MaskingRule(id.toString(), name, new MaskTarget.Content(new Detector.BuiltIn(Detector.Kind.US_SSN)), method));
    }

    static ExemptionGrant grant(String username, String connection, List<UUID> rules, Instant from, Instant to) {
        return new ExemptionGrant(UUID.randomUUID(), null, username, connection, rules, from, to, null);
    }

    static Connection connection(String name) {
        return new Connection(name, ConnectionType.POSTGRES, "127.0.0.1", 5432, "db", "u", TlsMode.DISABLE, Map.of(), Set.of(), false);
    }

    private static List<String> names(MaskingPolicy policy) {
        return policy.rules().stream().map(MaskingRule::name).toList();
    }
}
