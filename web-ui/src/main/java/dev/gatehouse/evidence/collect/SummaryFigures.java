package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.collect.EvidenceSql.BLOCKED;
import static dev.gatehouse.evidence.collect.EvidenceSql.HELD;
import static dev.gatehouse.evidence.collect.EvidenceSql.SCOPED_STATEMENTS;

import dev.gatehouse.evidence.report.ExecutiveSummary;
import dev.gatehouse.evidence.report.ExecutiveSummary.Approvals;
import dev.gatehouse.evidence.report.ExecutiveSummary.DayActivity;
import dev.gatehouse.evidence.report.ExecutiveSummary.Masking;
import dev.gatehouse.evidence.report.ExecutiveSummary.MaskingDay;
import dev.gatehouse.evidence.report.ExecutiveSummary.Verdicts;
import dev.gatehouse.evidence.report.Figure;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The executive summary's series, each one grouped query.
 *
 * <ul>
 * <li>Activity per UTC day: sessions started, statements recorded, statements blocked (DENY or
 * REQUIRE_APPROVAL, held ones included), every day of the period, zero days too.</li>
 * <li>Verdicts (disjoint): blocked = refused and not held for approval; held for approval; allowed =
 * the rest, including statements on connections without guardrails.</li>
 * <li>Approvals: the requests opened in the period by status; latency from request to close over
 * the approved and rejected ones, median and 90th percentile (percentile_cont).</li>
 * <li>Masking: values masked per UTC day from data_statement.masking, and statements with masking.</li>
 * </ul>
 */
final class SummaryFigures {

    private static final String DAYS = "days as (select generate_series(date_trunc('day', :from at time zone 'UTC'),"
            + " (:to at time zone 'UTC') - interval '1 microsecond', interval '1 day')::date as day)";
    private static final String DAY_OF_STATEMENT = "(st.started_at at time zone 'UTC')::date";

    private SummaryFigures() {
    }

    static ExecutiveSummary summary(EvidenceContext context) throws SQLException {
        return new ExecutiveSummary(activity(context), verdicts(context), approvals(context), masking(context), List.of());
    }

    static List<DayActivity> activity(EvidenceContext context) throws SQLException {
        List<DayActivity> days = new ArrayList<>();
        for (Object[] r : context.rows("with " + DAYS + ","
                + " ses as (select (s.started_at at time zone 'UTC')::date as day, count(*) as n " + EvidenceSql.STARTED_SESSIONS + " group by 1),"
                + " sta as (select " + DAY_OF_STATEMENT + " as day, count(*) as n, count(*) filter (where " + BLOCKED + ") as blocked "
                + SCOPED_STATEMENTS + " group by 1)"
                + " select d.day::text, coalesce(ses.n, 0), coalesce(sta.n, 0), coalesce(sta.blocked, 0) from days d"
                + " left join ses on ses.day = d.day left join sta on sta.day = d.day order by d.day")) {
            days.add(new DayActivity(LocalDate.parse((String) r[0]), (Long) r[1], (Long) r[2], (Long) r[3]));
        }
        return days;
    }

    static Verdicts verdicts(EvidenceContext context) throws SQLException {
        Object[] r = context.rows("select count(*), count(*) filter (where " + BLOCKED + " and not " + HELD + "),"
                + " count(*) filter (where " + HELD + ") " + SCOPED_STATEMENTS).getFirst();
        long total = (Long) r[0];
        long blocked = (Long) r[1];
        long held = (Long) r[2];
        return new Verdicts(total - blocked - held, blocked, held);
    }

    static Approvals approvals(EvidenceContext context) throws SQLException {
        Object[] r = context.rows("with " + EvidenceSql.REQUESTS + " select count(*) filter (where status = 'APPROVED'),"
                + " count(*) filter (where status = 'REJECTED'), count(*) filter (where status = 'EXPIRED'),"
                + " count(*) filter (where status = 'PENDING'),"
                + " percentile_cont(0.5) within group (order by extract(epoch from decided_at - requested_at))"
                + " filter (where status in ('APPROVED', 'REJECTED') and decided_at is not null),"
                + " percentile_cont(0.9) within group (order by extract(epoch from decided_at - requested_at))"
                + " filter (where status in ('APPROVED', 'REJECTED') and decided_at is not null) from requests").getFirst();
        return new Approvals((Long) r[0], (Long) r[1], (Long) r[2], (Long) r[3], seconds(r[4]), seconds(r[5]));
    }

    static Masking masking(EvidenceContext context) throws SQLException {
        List<MaskingDay> perDay = new ArrayList<>();
        long total = 0;
        for (Object[] r : context.rows("with " + DAYS + ", m as (select " + DAY_OF_STATEMENT + " as day, sum((e ->> 'values')::bigint) as n "
                + EvidenceSql.SCOPED_MASKING + " group by 1)"
                + " select d.day::text, coalesce(m.n, 0)::bigint from days d left join m on m.day = d.day order by d.day")) {
            perDay.add(new MaskingDay(LocalDate.parse((String) r[0]), (Long) r[1]));
            total += (Long) r[1];
        }
        long statements = context.count("select count(*) " + SCOPED_STATEMENTS + " and st.masking is not null");
        return new Masking(total, statements, perDay);
    }

    /** The headline figures on the summary's first page. */
    static List<Figure> headline(ExecutiveSummary summary, long sessions, long statements, long requests, long sectionsWithExceptions) {
        Verdicts v = summary.verdicts();
        return List.of(new Figure("summary.sessions", "Sessions active in the period", sessions),
                new Figure("summary.statements", "Statements recorded", statements),
                new Figure("summary.blocked", "Statements blocked", v.blocked()),
                new Figure("summary.held_for_approval", "Statements held for approval", v.heldForApproval()),
                new Figure("summary.approval_requests", "Approval requests opened", requests),
                new Figure("summary.masked_values", "Values masked", summary.masking().maskedValues()),
                new Figure("summary.controls_with_exceptions", "Controls with exceptions", sectionsWithExceptions));
    }

    private static Duration seconds(Object value) {
        return value == null ? null : Duration.ofMillis(((BigDecimal) value).multiply(BigDecimal.valueOf(1000)).longValue());
    }
}
