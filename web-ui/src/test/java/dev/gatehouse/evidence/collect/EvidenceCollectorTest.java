package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.report.SectionStatus.EFFECTIVE;
import static dev.gatehouse.evidence.report.SectionStatus.EXCEPTIONS;
import static dev.gatehouse.evidence.report.SectionStatus.NOT_EXERCISED;
import static dev.gatehouse.evidence.report.SectionStatus.NOT_IN_SCOPE;
import static dev.gatehouse.evidence.report.SectionStatus.NO_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.ScratchStore;
import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ChainFacts;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.DataAvailability;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.evidence.report.ExecutiveSummary;
import dev.gatehouse.evidence.report.Figure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report's figures over the fixture, each compared with a count written independently here. */
class EvidenceCollectorTest {

    static final ChainFacts INTACT = new ChainFacts(1, 40, true, 40, 2, null, null, 2, 2, List.of("k1"));
    static final String IN_SCOPE_STATEMENTS = "from data_statement st join data_session s on s.id = st.session_id"
            + " where s.connection_name in ('pay', 'crm') and st.started_at >= '2026-03-01Z' and st.started_at < '2026-03-08Z'";

    static ScratchStore store;
    static EvidenceReport report;

    @BeforeAll
    static void collect() throws Exception {
        store = ScratchStore.create("gh_evidence_fig");
        try (Connection c = store.owner()) {
            EvidenceFixture.seed(c);
        }
        report = collect(EvidenceFixture.SCOPE, INTACT);
    }

    @AfterAll
    static void drop() throws SQLException {
        if (store != null) {
            store.close();
        }
    }

    static EvidenceReport collect(PackScope scope, ChainFacts chain) throws SQLException {
        try (Connection c = store.application()) {
            return EvidenceCollector.collect("pack-1", scope, EvidenceFixture.IN_SCOPE, EvidenceFixture.INVENTORY, chain, c,
                    "Gatehouse test", "dora", Instant.parse("2026-03-09T00:00:00Z"));
        }
    }

    @Test
    void everyControlHasOneSectionInOrderWithUniqueKeysAndLabels() {
        assertThat(report.sections()).extracting(ControlSection::control).containsExactly(FfiecControl.values());
        for (ControlSection section : report.sections()) {
            assertThat(section.figures()).extracting(Figure::key).doesNotHaveDuplicates()
                    .allSatisfy(key -> assertThat(key).startsWith(section.control().name() + "."));
            assertThat(section.figures()).extracting(Figure::label).doesNotHaveDuplicates();
            assertThat(section.appendices()).allSatisfy(path -> assertThat(path).matches("appendix/[a-z-]+\\.(csv|json)"));
            if (section.status() == NO_EVIDENCE || section.status() == NOT_IN_SCOPE) {
                assertThat(section.noEvidenceReason()).isNotBlank();
            }
        }
        assertThat(report.connections()).containsExactly("crm", "pay");
    }

    @Test
    void activityFiguresEqualIndependentCounts() throws SQLException {
        assertThat(section(FfiecControl.C5).figure("C5.statements")).isEqualTo(count("select count(*) " + IN_SCOPE_STATEMENTS)).isEqualTo(8);
        assertThat(section(FfiecControl.C5).figure("C5.sessions_active")).isEqualTo(4);
        assertThat(section(FfiecControl.C5).figure("C5.session_reviews")).isEqualTo(1);
        assertThat(section(FfiecControl.C5).figure("C5.statements_text_purged")).isEqualTo(1);
        ControlSection c14 = section(FfiecControl.C14);
        assertThat(c14.figure("C14.blocked_commands")).isEqualTo(count("select count(*) " + IN_SCOPE_STATEMENTS
                + " and st.decision in ('DENY', 'REQUIRE_APPROVAL')") + 1 /* the audit-only attempt */);
        assertThat(c14.figure("C14.refused_sessions")).isEqualTo(1);
        assertThat(c14.figure("C14.rejected_credentials")).isEqualTo(1);
        assertThat(c14.figure("C14.denied_access_decisions")).isEqualTo(1);
        assertThat(c14.figure("C14.rejected_requests")).isEqualTo(1);
        assertThat(c14.status()).isEqualTo(EXCEPTIONS);
        assertThat(c14.exceptions()).anySatisfy(line -> assertThat(line).contains("eve").contains("pay")).noneMatch(l -> l.contains("hr"));
        ControlSection c7 = section(FfiecControl.C7);
        String changes = "select count(*) " + IN_SCOPE_STATEMENTS + " and lower(st.sql_text) ~ '^(insert|update|delete)'";
        assertThat(c7.figure("C7.changes_run")).isEqualTo(count(changes + " and st.decision = 'ALLOW'")).isEqualTo(2);
        assertThat(c7.figure("C7.blocked_changes")).isEqualTo(count(changes + " and st.decision = 'DENY'")).isEqualTo(2);
        assertThat(c7.figure("C7.changes_held_for_approval")).isEqualTo(1);
        assertThat(c7.figure("C7.approved_commands_run")).isEqualTo(1);
    }

    @Test
    void approvalsAndSegregationOfDuties() {
        ControlSection c2 = section(FfiecControl.C2);
        assertThat(List.of(c2.figure("C2.requests"), c2.figure("C2.approved"), c2.figure("C2.rejected"), c2.figure("C2.decisions")))
                .containsExactly(3L, 2L, 1L, 3L);
        assertThat(c2.status()).isEqualTo(EFFECTIVE);
        ControlSection c6 = section(FfiecControl.C6);
        assertThat(c6.figure("C6.self_approval_attempts")).isEqualTo(1);
        assertThat(c6.figure("C6.decisions_by_requester")).isZero();
        assertThat(c6.figure("C6.refused_self_grants")).isEqualTo(1);
        assertThat(c6.figure("C6.refused_service_account_actions")).isEqualTo(1);
        assertThat(c6.status()).isEqualTo(EXCEPTIONS);
        assertThat(c6.exceptions()).hasSize(3);
        assertThat(c6.exceptions().get(0)).contains("alice").contains("req-1").contains("2026-03-02T10:05:00Z");
        assertThat(c6.exceptions()).anySatisfy(line -> assertThat(line).contains("alice tried to grant themselves an exemption"))
                .anySatisfy(line -> assertThat(line).contains("etl-bot").contains("agents do not decide"));
        ControlSection c3 = section(FfiecControl.C3);
        assertThat(c3.figure("C3.jit_grants")).isEqualTo(1);
        assertThat(c3.figure("C3.approvals_used_outside_window")).isZero();
        assertThat(c3.status()).isEqualTo(EFFECTIVE);
    }

    @Test
    void reviewsIdentitiesMaskingRetentionAndLogs() throws SQLException {
        ControlSection c4 = section(FfiecControl.C4);
        assertThat(c4.figure("C4.campaigns")).isEqualTo(1);
        assertThat(c4.figure("C4.items")).isEqualTo(2);
        assertThat(c4.figure("C4.campaigns_overdue")).isEqualTo(1);
        assertThat(c4.figure("C4.stale_access")).isEqualTo(1);
        assertThat(c4.exceptions()).anySatisfy(line -> assertThat(line).startsWith("carol (human) may use crm"));
        ControlSection c13 = section(FfiecControl.C13);
        assertThat(c13.figure("C13.unknown_identities")).isEqualTo(1);
        assertThat(c13.figure("C13.agents")).isEqualTo(1);
        assertThat(c13.exceptions()).anySatisfy(line -> assertThat(line).contains("mallory"));
        ControlSection c15 = section(FfiecControl.C15);
        assertThat(c15.figure("C15.masked_values")).isEqualTo(count("select sum((e ->> 'values')::bigint) " + IN_SCOPE_STATEMENTS.replace(
                "where", "cross join lateral jsonb_array_elements(st.masking::jsonb) e where st.masking is not null and"))).isEqualTo(10);
        assertThat(c15.figure("C15.unmask_exemptions")).isEqualTo(1);
        assertThat(c15.exceptions()).singleElement().satisfies(line -> assertThat(line).contains("carol").contains("crm"));
        assertThat(section(FfiecControl.C8).figure("C8.payload_days_min")).isEqualTo(30);
        assertThat(section(FfiecControl.C8).status()).isEqualTo(EXCEPTIONS);
        assertThat(section(FfiecControl.C9).figure("C9.log_accesses")).isEqualTo(3);
        assertThat(section(FfiecControl.C11).figure("C11.auditor_runs")).isEqualTo(1);
        assertThat(section(FfiecControl.C11).status()).isEqualTo(EFFECTIVE);
        assertThat(section(FfiecControl.C10).status()).isEqualTo(EFFECTIVE);
        assertThat(section(FfiecControl.C12).status()).isEqualTo(EXCEPTIONS);
    }

    @Test
    void summaryChartsMatchTheSections() {
        ExecutiveSummary summary = report.summary();
        assertThat(summary.activity()).extracting(ExecutiveSummary.DayActivity::day).first().isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(summary.activity()).hasSize(7);
        assertThat(summary.activity().stream().mapToLong(ExecutiveSummary.DayActivity::statements).sum())
                .isEqualTo(section(FfiecControl.C5).figure("C5.statements"));
        assertThat(summary.activity().stream().mapToLong(ExecutiveSummary.DayActivity::blocked).sum()).isEqualTo(2);
        assertThat(summary.activity().stream().mapToLong(ExecutiveSummary.DayActivity::sessions).sum()).isEqualTo(3);
        assertThat(summary.verdicts()).isEqualTo(new ExecutiveSummary.Verdicts(6, 1, 1));
        assertThat(summary.approvals().approved()).isEqualTo(2);
        assertThat(summary.approvals().medianLatency()).isEqualTo(Duration.ofSeconds(3601));
        assertThat(summary.approvals().p90Latency()).isEqualTo(Duration.ofSeconds(12241));
        assertThat(summary.masking().maskedValues()).isEqualTo(10);
        assertThat(summary.masking().perDay()).filteredOn(d -> d.maskedValues() > 0).extracting(ExecutiveSummary.MaskingDay::maskedValues)
                .containsExactly(3L, 7L);
        assertThat(summary.headline()).extracting(Figure::key).contains("summary.sessions", "summary.controls_with_exceptions");
    }

    @Test
    void controlsLeftOutAreNotInScopeAndABrokenChainOrNoSinkSaySo() throws SQLException {
        ChainFacts broken = new ChainFacts(1, 40, false, 17, 0, "MODIFIED_ROW", 17L, 2, 1, List.of("k1"));
        EvidenceReport narrow = collect(EvidenceFixture.scope(Set.of(FfiecControl.C10, FfiecControl.C12)), broken);
        assertThat(narrow.sections().stream().filter(s -> s.status() == NOT_IN_SCOPE).map(ControlSection::control)
                .collect(Collectors.toSet())).hasSize(13).doesNotContain(FfiecControl.C10, FfiecControl.C12);
        ControlSection c10 = narrow.section(FfiecControl.C10);
        assertThat(c10.status()).isEqualTo(EXCEPTIONS);
        assertThat(c10.exceptions()).contains("the chain over the period does not verify: MODIFIED_ROW at seq 17");
        try (Connection c = store.application()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("delete from siem_sink");
            }
            EvidenceReport noSink = EvidenceCollector.collect("p", EvidenceFixture.SCOPE, EvidenceFixture.IN_SCOPE, EvidenceFixture.INVENTORY,
                    INTACT, c, "g", "dora", Instant.now());
            c.rollback();
            // No SIEM sink is a finding about the control's design, not missing evidence.
            assertThat(noSink.section(FfiecControl.C12).status()).isEqualTo(EXCEPTIONS);
            assertThat(noSink.section(FfiecControl.C12).exceptions())
                    .contains("no SIEM sink is configured, so no audit event is monitored outside the gateway");
        }
    }

    @Test
    void aPeriodWithNoActivityIsNeverEffectiveAndIsFlagged() throws SQLException {
        // A year before the fixture's data, ending after "generation": nothing happened, and the pack must say so.
        Instant generatedAt = Instant.parse("2025-03-05T12:00:00Z");
        PackScope empty = new PackScope(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-06T00:00:00Z"), List.of("pay"),
                List.of("tier=gold"), Set.of());
        ChainFacts noEvents = new ChainFacts(0, 0, true, 0, 0, null, null, 0, 0, List.of("k1"));
        EvidenceReport report;
        try (Connection c = store.application()) {
            report = EvidenceCollector.collect("p-empty", empty, EvidenceFixture.IN_SCOPE, EvidenceFixture.INVENTORY, noEvents, c,
                    "g", "dora", generatedAt);
        }
        assertThat(report.sections()).extracting(ControlSection::status).doesNotContain(EFFECTIVE)
                .as("a period without any record: every control reads not exercised or no evidence").allMatch(s -> s == NOT_EXERCISED || s == NO_EVIDENCE);
        assertThat(report.sections()).filteredOn(s -> s.status() == NOT_EXERCISED)
                .allSatisfy(s -> assertThat(s.noEvidenceReason()).startsWith("nothing in the period exercised this control"));
        assertThat(report.section(FfiecControl.C10).figure("C10.chain_intact")).isZero();
        assertThat(report.section(FfiecControl.C8).figure("C8.oldest_session_age_days")).isZero();
        DataAvailability data = report.availability();
        assertThat(data.periodEvents()).isZero();
        assertThat(data.firstRecord()).isEqualTo(Instant.parse(first("select min(occurred_at) from audit_event where seq is not null")));
        assertThat(data.warnings()).anySatisfy(w -> assertThat(w).contains("before the first audit record held"))
                .anySatisfy(w -> assertThat(w).contains("predates all the data"))
                .anySatisfy(w -> assertThat(w).contains("after the pack was generated"))
                .anySatisfy(w -> assertThat(w).isEqualTo("no audit event falls in the period"));
        // Stale access names the real last use (or none), never the period's end minus 90 days.
        assertThat(report.section(FfiecControl.C4).exceptions()).filteredOn(e -> e.contains(" may use "))
                .allSatisfy(e -> assertThat(e).endsWith("never used before the period's end"));
    }

    @Test
    void headlineFiguresSplitHumansAndAgents() throws SQLException {
        List<Figure> headline = report.summary().headline();
        long humans = value(headline, "summary.sessions_humans");
        long agents = value(headline, "summary.sessions_agents");
        assertThat(humans + agents).isEqualTo(value(headline, "summary.sessions"));
        assertThat(agents).isEqualTo(count("select count(*) from data_session where identity_kind = 'agent' and connection_name in ('pay', 'crm')"
                + " and started_at < '2026-03-08Z' and (ended_at is null or ended_at >= '2026-03-01Z')")).isPositive();
        assertThat(value(headline, "summary.statements_humans") + value(headline, "summary.statements_agents"))
                .isEqualTo(value(headline, "summary.statements"));
        assertThat(value(headline, "summary.statements_agents")).isEqualTo(count("select count(*) " + IN_SCOPE_STATEMENTS.replace("where",
                "where s.identity_kind = 'agent' and")));
    }

    private static long value(List<Figure> figures, String key) {
        return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow().value();
    }

    @Test
    void theDataAvailabilityBlockMatchesTheStore() throws SQLException {
        DataAvailability data = report.availability();
        assertThat(data.periodEvents()).isEqualTo(count("select count(*) from audit_event where seq is not null"
                + " and occurred_at >= '2026-03-01Z' and occurred_at < '2026-03-08Z'"));
        assertThat(data.periodFirstSeq()).isEqualTo(count("select min(seq) from audit_event where occurred_at >= '2026-03-01Z'"
                + " and occurred_at < '2026-03-08Z'"));
        assertThat(data.lastSeqHeld()).isEqualTo(count("select max(seq) from audit_event"));
        assertThat(data.warnings()).noneSatisfy(w -> assertThat(w).contains("predates"));
    }

    private static String first(String sql) throws SQLException {
        try (Connection c = store.owner(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
        }
    }

    private static ControlSection section(FfiecControl control) {
        return report.section(control);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = store.owner(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
