package dev.gatehouse.evidence.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditEventBatch;
import dev.gatehouse.audit.ScratchStore;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ConfigurationHistory;
import dev.gatehouse.evidence.report.ConfigurationHistory.Change;
import dev.gatehouse.evidence.report.ConfigurationHistory.Setting;
import dev.gatehouse.identity.InventoryIdentity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The configuration at the period's start and end, and the changes in between, reconstructed from
 * audit events written as the gateway writes them (changed fields only, or before/after objects).
 */
class ConfigurationAppendicesTest {

    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-08T00:00:00Z");

    @Test
    void snapshotsAndTheChangeLogFollowTheAuditChain() throws Exception {
        try (ScratchStore store = ScratchStore.create("gh_evidence_cfg")) {
            try (Connection c = store.owner()) {
                AuditEventBatch b = new AuditEventBatch(c);
                Actor alice = new Actor("alice", "human", "10.0.0.1");
                Actor bob = new Actor("bob", "human", "10.0.0.2");
                b.add(Instant.parse("2026-02-01T10:00:00Z"), alice, "connection.created", "connection", "c-1", "ledger", "success",
                        Map.of("host", "db1", "allowedRoles", List.of("role:dba")));
                b.add(Instant.parse("2026-02-02T10:00:00Z"), alice, "guardrail.created", "guardrail", "g-1", "no-delete", "success",
                        Map.of("action", "DENY"));
                b.add(Instant.parse("2026-03-02T10:00:00Z"), alice, "connection.updated", "connection", "c-1", "ledger", "success",
                        Map.of("changedFields", List.of("allowedRoles"), "allowedRoles", List.of("role:dba", "role:ops"), "secretChanged", false));
                // As an update with dual control writes it: the changed fields, a "before" (flattened to text by the
                // audit trail's JSON) and the approval that authorised it.
                Map<String, Object> explicit = new LinkedHashMap<>();
                explicit.put("action", "REQUIRE_APPROVAL");
                explicit.put("changedFields", List.of("action"));
                explicit.put("before", Map.of("action", "DENY"));
                explicit.put("approvalRequestId", "req-77");
                b.add(Instant.parse("2026-03-03T10:00:00Z"), bob, "guardrail.updated", "guardrail", "g-1", "no-delete", "success", explicit);
                b.add(Instant.parse("2026-03-04T10:00:00Z"), alice, "connection.tested", "connection", "c-1", "ledger", "success", Map.of());
                b.add(Instant.parse("2026-03-05T10:00:00Z"), alice, "retention.policy_changed", "retention_policy", "*", "*", "success",
                        Map.of("legalHold", true));
                b.add(Instant.parse("2026-03-09T10:00:00Z"), alice, "guardrail.deleted", "guardrail", "g-1", "no-delete", "success",
                        Map.of());
                b.execute();
            }
            ConfigurationHistory history;
            Map<String, Long> rows = new LinkedHashMap<>();
            MemoryPack pack = new MemoryPack();
            try (Connection c = store.application()) {
                history = ConfigurationAppendices.write(new PackScope(FROM, TO, List.of(), List.of(), Set.of()), Set.of("ledger"),
                        List.of(new InventoryIdentity("alice", "human", Set.of("gatehouse-admin"), true),
                                new InventoryIdentity("dora", "human", Set.of("gatehouse-auditor", "gatehouse-admin"), true)),
                        c, pack, rows);
            }

            assertThat(history.atStart()).contains(new Setting("connection", "ledger", "allowedRoles", "[\"role:dba\"]"),
                    new Setting("guardrail", "no-delete", "action", "DENY"));
            assertThat(history.atEnd()).contains(new Setting("connection", "ledger", "allowedRoles", "[\"role:dba\",\"role:ops\"]"),
                    new Setting("guardrail", "no-delete", "action", "REQUIRE_APPROVAL"), new Setting("retention_policy", "*", "legalHold", "true"))
                    .as("the deletion after the period is not applied").anyMatch(s -> s.name().equals("no-delete"));
            assertThat(history.changes()).extracting(Change::action)
                    .as("tests are not changes; events after the period are left out")
                    .containsExactly("connection.updated", "guardrail.updated", "retention.policy_changed");
            Change rule = history.changes().get(1);
            assertThat(rule.actor()).isEqualTo("bob");
            assertThat(rule.before()).containsEntry("action", "DENY");
            assertThat(rule.after()).containsEntry("action", "REQUIRE_APPROVAL");
            assertThat(rule.approval()).isEqualTo("req-77");
            Change access = history.changes().getFirst();
            assertThat(access.before()).containsEntry("allowedRoles", "[\"role:dba\"]");
            assertThat(access.after()).containsEntry("allowedRoles", "[\"role:dba\",\"role:ops\"]").doesNotContainKey("changedFields");
            assertThat(history.byActor()).containsEntry("alice", 2L).containsEntry("bob", 1L);
            assertThat(history.roleHolders().get("gatehouse-admin")).containsExactly("alice", "dora");
            assertThat(dev.gatehouse.evidence.report.RoleConflicts.of(history.roleHolders()))
                    .containsExactly(new dev.gatehouse.evidence.report.RoleConflicts.Conflict("dora", "gatehouse-admin", "gatehouse-auditor",
                            "changes the configuration and reviews the logs of those changes"));

            // Independent count on the store: configuration events in the period, less the connection test.
            try (Connection c = store.owner(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select count(*) from audit_event where occurred_at >= '2026-03-01Z' and occurred_at < '2026-03-08Z'"
                            + " and action not like '%.tested'")) {
                rs.next();
                assertThat(rows.get("configuration-changes")).isEqualTo(rs.getLong(1)).isEqualTo(3);
            }
            assertThat(pack.text("appendix/configuration-changes.csv")).contains("req-77").contains("action=DENY");
            assertThat(rows.get("configuration-at-end")).isEqualTo(history.atEnd().size());
        }
    }
}
