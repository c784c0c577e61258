package dev.gatehouse.evidence.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.ScratchStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's queries on a real store (real migrations, the application's role for reading):
 * rows inside and outside the 30 UTC days, and rows that look alike but are not exceptions.
 */
class ComplianceQueriesTest {

    /** The window is 2026-04-21T00:00Z (inclusive) to this moment (exclusive). */
    static final Instant NOW = Instant.parse("2026-05-20T10:00:00Z");

    static ScratchStore store;
    static ComplianceSnapshot snapshot;

    @BeforeAll
    static void seedAndRead() throws SQLException {
        store = ScratchStore.create("gh_dashboard_test");
        try (Connection owner = store.owner()) {
            owner.setAutoCommit(false);
            new DashboardSeed(owner)
                    // self-approval: eve refused on her own request, twice inside (one on the first instant), once a day too early
                    .approvalRequested("req-1", "eve", at("2026-03-01T09:00:00Z"))
                    .approvalRefused("req-1", "eve", at("2026-05-19T08:00:00Z"), "SEPARATION_OF_DUTIES")
                    .approvalRefused("req-1", "eve", at("2026-04-21T00:00:00Z"), "NOT_A_CANDIDATE")
                    .approvalRefused("req-1", "eve", at("2026-04-20T23:59:59Z"), "SEPARATION_OF_DUTIES")
                    .approvalRefused("req-1", "eve", NOW, "SEPARATION_OF_DUTIES")
                    // bob deciding a second step of someone else's request: segregation of duties, but no self-approval
                    .approvalRequested("req-2", "dan", at("2026-05-18T09:00:00Z"))
                    .approvalRefused("req-2", "bob", at("2026-05-19T09:00:00Z"), "SEPARATION_OF_DUTIES")
                    // issue 17: a self-grant and an agent deciding inside, a store target too old, a success that is no refusal
                    .powerRefused("alice", "masking.exemption_refused", "alice", "self_grant", at("2026-05-19T10:00:00Z"))
                    .approvalRefused("req-2", "etl-bot", at("2026-05-19T11:00:00Z"), "SERVICE_ACCOUNT")
                    .powerRefused("alice", "connection.refused", "store", "store_target", at("2026-04-01T10:00:00Z"))
                    // blocked commands: three inside, one too old, and an executed statement that is no exception
                    .statementBlocked("etl-bot", "payments", "DENY", "no-ddl", at("2026-05-18T10:00:00Z"))
                    .statementBlocked("etl-bot", "payments", "DENY", "no-ddl", at("2026-05-18T11:00:00Z"))
                    .statementBlocked("report-bot", "ledger", "REQUIRE_APPROVAL", "updates-need-approval", at("2026-05-20T09:59:00Z"))
                    .statementBlocked("etl-bot", "payments", "DENY", "no-ddl", at("2026-04-01T10:00:00Z"))
                    .statementExecuted("etl-bot", "payments", at("2026-05-18T12:00:00Z"))
                    // verifications: one failure inside, a success inside, a failure too old
                    .verified("dora", false, at("2026-05-10T15:30:00Z"))
                    .verified("dora", true, at("2026-05-10T16:00:00Z"))
                    .verified("dora", false, at("2026-04-10T15:30:00Z"))
                    .flushAudit()
                    // unmask grants: two given inside (one revoked since, one never used), one given before and still live and used
                    .unmaskGrant(UUID.fromString("00000000-0000-0000-0000-0000000000a1"), "ivan", "payments", at("2026-05-01T08:00:00Z"),
                            at("2026-06-30T00:00:00Z"), null)
                    .unmaskGrant(UUID.randomUUID(), "judy", "payments", at("2026-05-02T08:00:00Z"), at("2026-06-30T00:00:00Z"),
                            at("2026-05-03T08:00:00Z"))
                    .unmaskGrant(UUID.randomUUID(), "ken", "*", at("2026-03-01T08:00:00Z"), at("2026-06-30T00:00:00Z"), null)
                    .session("ken", "ledger", "role:auditors", at("2026-05-15T08:00:00Z"))
                    // JIT grants: never used, used only long ago, used lately, revoked, expired
                    .accessGrant("jit-never", "eve", "payments", at("2026-05-19T00:00:00Z"), at("2026-05-21T00:00:00Z"), null)
                    .accessGrant("jit-long-ago", "dan", "payments", at("2026-03-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), null)
                    .session("dan", "payments", "jit:jit-long-ago", at("2026-04-01T08:00:00Z"))
                    .accessGrant("jit-used", "carol", "payments", at("2026-05-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), null)
                    .session("carol", "payments", "jit:jit-used", at("2026-05-10T08:00:00Z"))
                    .accessGrant("jit-revoked", "mallory", "payments", at("2026-05-01T00:00:00Z"), at("2026-06-01T00:00:00Z"),
                            at("2026-05-02T00:00:00Z"))
                    .accessGrant("jit-expired", "oscar", "payments", at("2026-04-01T00:00:00Z"), at("2026-05-01T00:00:00Z"), null)
                    // dormant: let in by a role the connection still allows, last session more than 90 days ago
                    .connectionAllowing("payments", "analyst")
                    .session("frank", "payments", "role:analyst", at("2026-01-10T08:00:00Z"))
                    .agentSession("etl-bot", "payments", "role:analyst", at("2025-12-01T08:00:00Z"))
                    .session("grace", "payments", "role:analyst", at("2026-01-05T08:00:00Z"))
                    .session("grace", "payments", "role:analyst", at("2026-05-01T08:00:00Z"))
                    .session("heidi", "payments", "role:retired", at("2026-01-01T08:00:00Z"));
            owner.commit();
        }
        try (Connection application = store.application()) {
            snapshot = ComplianceQueries.read(application, NOW);
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theWindowIsThirtyWholeUtcDaysEndingNow() {
        assertThat(snapshot.window().from()).isEqualTo(at("2026-04-21T00:00:00Z"));
        assertThat(snapshot.window().to()).isEqualTo(NOW);
        assertThat(snapshot.window().days()).hasSize(30).startsWith(LocalDate.parse("2026-04-21")).endsWith(LocalDate.parse("2026-05-20"));
    }

    @Test
    void selfApprovalsAreRefusalsOfTheRequesterInsideTheWindow() {
        ExceptionSummary self = snapshot.selfApprovals();
        assertThat(self.total()).isEqualTo(2);
        assertThat(self.perDay().counts()).isEqualTo(series(0, 1, 28, 1));
        assertThat(self.latest()).extracting(ExceptionEntry::who).containsExactly("eve", "eve");
        assertThat(self.latest().get(0).at()).isEqualTo(at("2026-05-19T08:00:00Z"));
        assertThat(self.latest().get(0).what()).isEqualTo("request req-1, refused: SEPARATION_OF_DUTIES");
    }

    @Test
    void blockedCommandsCountDeniedAndHeldStatementsPerUtcDay() {
        ExceptionSummary blocked = snapshot.blockedCommands();
        assertThat(blocked.total()).isEqualTo(3);
        assertThat(blocked.perDay().counts()).isEqualTo(series(27, 2, 29, 1));
        assertThat(blocked.latest()).extracting(ExceptionEntry::what).containsExactly(
                "ledger, held for approval by rule updates-need-approval", "payments, denied by rule no-ddl", "payments, denied by rule no-ddl");
        assertThat(blocked.latest().get(0).who()).isEqualTo("report-bot");
    }

    @Test
    void unmaskGrantsGivenInTheWindowAndTheLiveOnes() {
        ExceptionSummary unmask = snapshot.unmaskGrants();
        assertThat(unmask.total()).isEqualTo(2);
        assertThat(unmask.perDay().counts()).isEqualTo(series(10, 1, 11, 1));
        assertThat(unmask.latest()).extracting(ExceptionEntry::what)
                .containsExactly("unmask on payments, granted by alice, revoked by alice", "unmask on payments, granted by alice");
        assertThat(snapshot.liveUnmaskGrants()).as("ivan's and ken's; judy's was revoked").isEqualTo(2);
    }

    @Test
    void failedVerificationsOnly() {
        ExceptionSummary failed = snapshot.failedVerifications();
        assertThat(failed.total()).isEqualTo(1);
        assertThat(failed.perDay().on(LocalDate.parse("2026-05-10"))).isEqualTo(1);
        assertThat(failed.latest()).singleElement().satisfies(e -> {
            assertThat(e.who()).isEqualTo("dora");
            assertThat(e.what()).isEqualTo("HASH_MISMATCH at seq 41 (ui)");
        });
    }

    @Test
    void staleJitGrantsAreLiveAndNeverOrNotLatelyUsed() {
        StaleAccess stale = snapshot.stale();
        assertThat(stale.jitGrants()).isEqualTo(2);
        assertThat(stale.staleJitGrants()).extracting(StaleAccess.Item::access)
                .containsExactly("jit:jit-long-ago on payments", "jit:jit-never on payments");
        assertThat(stale.staleJitGrants().get(0).lastUsed()).isEqualTo(at("2026-04-01T08:00:00Z"));
        assertThat(stale.staleJitGrants().get(1).lastUsed()).isNull();
    }

    @Test
    void staleUnmaskExemptionsAreLiveAndUnused() {
        StaleAccess stale = snapshot.stale();
        assertThat(stale.unmaskExemptions()).as("ivan never connected; ken did, on a connection his '*' grant covers").isEqualTo(1);
        assertThat(stale.staleUnmaskExemptions()).singleElement().satisfies(item -> {
            assertThat(item.who()).isEqualTo("ivan");
            assertThat(item.access()).isEqualTo("unmask:00000000-0000-0000-0000-0000000000a1 on payments");
        });
    }

    @Test
    void dormantIdentitiesStillHaveARoleTheConnectionAllows() {
        StaleAccess stale = snapshot.stale();
        assertThat(stale.dormantIdentities()).isEqualTo(2);
        assertThat(stale.dormant()).extracting(StaleAccess.Item::who).containsExactly("etl-bot", "frank");
        assertThat(stale.dormant().get(1).access()).isEqualTo("payments via role:analyst");
        assertThat(stale.total()).isEqualTo(5);
    }

    @Test
    void oneCardPerControlInTheAgreedOrder() {
        assertThat(snapshot.controlCards()).extracting(ComplianceSnapshot.ControlCard::ids)
                .containsExactly("C3", "C6", "C6", "C7 / C14", "C10 / C11", "C15", "C4");
        assertThat(snapshot.controlCards()).extracting(ComplianceSnapshot.ControlCard::count).containsExactly(2L, 2L, 2L, 3L, 1L, 2L, 5L);
    }

    @Test
    void refusedSelfGrantsAndMachineDecisionsAreCountedForC6() {
        ExceptionSummary refused = snapshot.refusedPowers();
        assertThat(refused.total()).isEqualTo(2);
        assertThat(refused.latest()).extracting(ExceptionEntry::what)
                .anySatisfy(what -> assertThat(what).contains("masking.exemption_refused").contains("self_grant"))
                .anySatisfy(what -> assertThat(what).contains("approval.refused").contains("SERVICE_ACCOUNT"));
    }

    /** 30 zeros but for the given (index, count) pairs. */
    static List<Long> series(long... indexAndCount) {
        List<Long> counts = new ArrayList<>(Collections.nCopies(30, 0L));
        for (int i = 0; i < indexAndCount.length; i += 2) {
            counts.set((int) indexAndCount[i], indexAndCount[i + 1]);
        }
        return counts;
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
