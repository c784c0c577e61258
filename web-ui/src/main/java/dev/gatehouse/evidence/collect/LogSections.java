package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ChainFacts;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.identity.InventoryIdentity;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * C8 (log retention), C10 (log integrity), C11 (independent review of logging) and C12 (SIEM).
 *
 * <table>
 * <caption>Figures</caption>
 * <tr><th>key</th><th>meaning</th><th>source</th></tr>
 * <tr><td>C8.payload_days_min, .recording_days_min, .audit_days_min</td><td>shortest effective retention over the connections in scope and '*'</td><td>retention_policy (own row, else '*')</td></tr>
 * <tr><td>C8.legal_holds</td><td>connections in scope under legal hold plus held sessions on them</td><td>retention_policy.legal_hold, data_session.legal_hold</td></tr>
 * <tr><td>C8.retention_runs, .runs_failed</td><td>purge runs started in the period; failed or interrupted ones</td><td>retention_run</td></tr>
 * <tr><td>C8.purge_events</td><td>retention.purged audit events in the period</td><td>audit retention.purged</td></tr>
 * <tr><td>C8.oldest_session_age_days</td><td>age at period end of the oldest retained session in scope</td><td>min(data_session.started_at)</td></tr>
 * <tr><td>C10.chain_intact</td><td>1 when the chain over the period verified</td><td>ChainFacts</td></tr>
 * <tr><td>C10.first_seq, .last_seq, .events_checked, .checkpoints_verified, .checkpoints_in_pack, .checkpoints_anchored</td><td>the verification over the period</td><td>ChainFacts</td></tr>
 * <tr><td>C10.failed_verifications</td><td>verification runs in the period that failed</td><td>audit audit.verified outcome failure</td></tr>
 * <tr><td>C11.verification_runs</td><td>chain verifications run in the period</td><td>audit audit.verified</td></tr>
 * <tr><td>C11.auditor_runs</td><td>of those, by an identity holding gatehouse-auditor</td><td>audit actor x inventory roles</td></tr>
 * <tr><td>C11.failed_runs, .verifiers</td><td>failed runs; distinct people who verified</td><td>audit audit.verified</td></tr>
 * <tr><td>C12.sinks, .sinks_enabled, .sinks_failing, .sinks_lagging</td><td>SIEM sinks now: all, enabled, with consecutive failures, behind with nothing delivered for 15 minutes</td><td>siem_sink</td></tr>
 * <tr><td>C12.max_lag, .delivered_total</td><td>largest chain head seq - cursor; events delivered over all sinks</td><td>siem_sink, max(audit_event.seq)</td></tr>
 * </table>
 */
final class LogSections {

    static final String AUDITOR_ROLE = "gatehouse-auditor";

    private LogSections() {
    }

    static ControlSection c8(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C8).appendix("retention").appendix("retention-runs");
        String effective = "from (select unnest(:scope) as name union all select '*') t cross join lateral (select * from retention_policy rp"
                + " where rp.connection_name in (t.name, '*') order by rp.connection_name = '*' limit 1) p";
        d.figure("payload_days_min", "Shortest statement-text retention (days)", context.count("select min(p.payload_days) " + effective));
        d.figure("recording_days_min", "Shortest recording retention (days)", context.count("select min(p.recording_days) " + effective));
        d.figure("audit_days_min", "Shortest audit-detail retention (days)", context.count("select min(p.audit_days) " + effective));
        d.figure("legal_holds", "Legal holds on connections and sessions", context.count("select (select count(*) from retention_policy"
                + " where legal_hold and connection_name = any(:scope)) + (select count(*) from data_session where legal_hold and connection_name = any(:scope))"));
        String runs = "from retention_run r where r.started_at >= :from and r.started_at < :to";
        long ran = d.figure("retention_runs", "Purge runs", context.count("select count(*) " + runs));
        List<Object[]> failed = context.rows("select r.started_at, r.outcome, r.error " + runs + " and r.outcome in ('failed', 'interrupted') order by 1");
        d.figure("runs_failed", "Purge runs failed or interrupted", failed.size());
        d.figure("purge_events", "Purge events in the audit trail", context.count("select count(*) from audit_event e"
                + " where e.action = 'retention.purged' and e.occurred_at >= :from and e.occurred_at < :to"));
        d.figure("oldest_session_age_days", "Age of the oldest retained session (days)", context.count("select coalesce(floor(extract(epoch from"
                + " (:to - min(s.started_at))) / 86400), 0)::bigint from data_session s where s.connection_name = any(:scope) and s.started_at < :to"));
        d.evidence("Retention is configured per connection with a default ('*'); appendix/retention.csv gives the effective periods and the"
                + " oldest record retained, appendix/retention-runs.csv every purge run and its audit event.");
        d.exceptions(failed.stream().map(r -> "purge run started " + r[0] + " ended " + r[1] + (r[2] == null ? "" : ": " + r[2])).toList(),
                "retention-runs");
        if (ran == 0 && Duration.between(context.scope().from(), context.scope().to()).toDays() >= 2) {
            d.exception("no retention purge run started in the period");
        }
        return d.build();
    }

    static ControlSection c10(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C10);
        ChainFacts chain = context.chain();
        // Intact means verified over at least one event: an empty range proves nothing and never reads 1.
        d.figure("chain_intact", "Chain verified intact over the period's events (1 yes, 0 no)", chain.intact() && !chain.emptyPeriod() ? 1 : 0);
        d.figure("first_seq", "First sequence number", chain.fromSeq());
        d.figure("last_seq", "Last sequence number", chain.toSeq());
        d.figure("events_checked", "Events checked", chain.eventsChecked());
        d.figure("checkpoints_verified", "Signed checkpoints verified", chain.checkpointsVerified());
        d.figure("checkpoints_in_pack", "Signed checkpoints in the pack", chain.checkpointsInPack());
        d.figure("checkpoints_anchored", "Checkpoints anchored outside the database", chain.checkpointsAnchored());
        List<Object[]> failed = failedVerifications(context);
        d.figure("failed_verifications", "Failed verification runs in the period", failed.size());
        d.evidence("The audit trail is a hash chain with signed checkpoints; audit/chain-verification.json holds the verification of the"
                + " period, audit/checkpoints.json the checkpoints and audit/public-key.json the keys " + chain.keyIds() + ".");
        if (!chain.intact()) {
            d.exception("the chain over the period does not verify: " + chain.problemKind()
                    + (chain.problemSeq() == null ? "" : " at seq " + chain.problemSeq()));
        }
        if (chain.checkpointsInPack() > chain.checkpointsAnchored()) {
            d.exception((chain.checkpointsInPack() - chain.checkpointsAnchored()) + " checkpoint(s) in the pack have no anchor outside the database");
        }
        d.exceptions(failed.stream().map(LogSections::failedLine).toList(), "log-access");
        if (chain.emptyPeriod() && chain.intact()) {
            return d.noEvidence("no chained audit event falls in the period");
        }
        return d.build();
    }

    static ControlSection c11(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C11).appendix("log-access");
        List<Object[]> runs = context.rows("select e.seq, e.occurred_at, e.actor, e.outcome, e.details ->> 'problem', e.details ->> 'firstBadSeq'"
                + " from audit_event e where e.action = 'audit.verified' and e.occurred_at >= :from and e.occurred_at < :to order by e.seq");
        Set<String> auditors = context.inventory().stream().filter(i -> i.roles().contains(AUDITOR_ROLE)).map(InventoryIdentity::name)
                .collect(Collectors.toSet());
        d.figure("verification_runs", "Chain verifications", runs.size());
        long byAuditors = d.figure("auditor_runs", "Verifications by the auditor role", runs.stream().filter(r -> auditors.contains(r[2])).count());
        d.figure("failed_runs", "Verifications that failed", runs.stream().filter(r -> !"success".equals(r[3])).count());
        d.figure("verifiers", "People who verified", runs.stream().map(r -> r[2]).distinct().count());
        d.evidence("Auditors verify the chain from the UI or the API, and examiners offline with gatehouse-verify; each run is an"
                + " audit.verified event with its result (appendix/log-access.csv).");
        d.exceptions(runs.stream().filter(r -> !"success".equals(r[3])).map(LogSections::failedLine).toList(), "log-access");
        if (byAuditors == 0) {
            d.exception("no verification was run by the " + AUDITOR_ROLE + " role in the period");
        }
        return d.build();
    }

    static ControlSection c12(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C12).appendix("siem");
        String sinks = "with head as (select coalesce(max(seq), 0) as seq from audit_event) select k.name, k.enabled, k.consecutive_failures,"
                + " head.seq - k.cursor_seq, k.delivered_count, k.last_error, (k.last_delivered_at is null or k.last_delivered_at < now() - interval '15 minutes')"
                + " from siem_sink k cross join head order by k.name";
        List<Object[]> rows = context.rows(sinks);
        long count = d.figure("sinks", "SIEM sinks", rows.size());
        long enabled = d.figure("sinks_enabled", "Sinks enabled", rows.stream().filter(r -> (Boolean) r[1]).count());
        List<Object[]> failing = rows.stream().filter(r -> (Boolean) r[1] && (Long) r[2] > 0).toList();
        List<Object[]> lagging = rows.stream().filter(r -> (Boolean) r[1] && (Long) r[3] > 0 && (Boolean) r[6]).toList();
        d.figure("sinks_failing", "Sinks failing", failing.size());
        d.figure("sinks_lagging", "Sinks lagging", lagging.size());
        d.figure("max_lag", "Largest lag (events)", rows.stream().mapToLong(r -> (Long) r[3]).max().orElse(0));
        d.figure("delivered_total", "Events delivered", rows.stream().mapToLong(r -> (Long) r[4]).sum());
        d.evidence("Audit events are exported to SIEM sinks, each with its own cursor in the chain; appendix/siem.csv gives each sink's"
                + " format, transport, lag and last delivery as of the pack's generation.");
        failing.forEach(r -> d.exception("sink '" + r[0] + "' has failed " + r[2] + " times in a row"));
        lagging.forEach(r -> d.exception("sink '" + r[0] + "' is " + r[3] + " events behind and delivered nothing for 15 minutes"));
        if (count == 0) {
            // Forwarding to a SIEM is part of the control's design: having none is a finding, not missing evidence.
            d.exception("no SIEM sink is configured, so no audit event is monitored outside the gateway");
        }
        if (count > 0 && enabled == 0) {
            d.exception("no SIEM sink is enabled");
        }
        return d.build();
    }

    private static List<Object[]> failedVerifications(EvidenceContext context) throws SQLException {
        return context.rows("select e.seq, e.occurred_at, e.actor, e.outcome, e.details ->> 'problem', e.details ->> 'firstBadSeq'"
                + " from audit_event e where e.action = 'audit.verified' and e.outcome <> 'success'"
                + " and e.occurred_at >= :from and e.occurred_at < :to order by e.seq");
    }

    private static String failedLine(Object[] r) {
        return "verification by " + r[2] + " at " + r[1] + " failed: " + r[4] + (r[5] == null ? "" : " at seq " + r[5]) + " (audit seq " + r[0] + ")";
    }
}
