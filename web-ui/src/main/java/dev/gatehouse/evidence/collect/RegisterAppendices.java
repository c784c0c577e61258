package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackEntries;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.evidence.report.ReportTime;
import dev.gatehouse.evidence.report.SectionStatus;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The review workflow's records in a pack: the exception register (exceptions open at any time in
 * the period, or still open) and the management sign-offs made in the period. A tracked exception
 * that was open during the period makes its control read "exceptions", with its owner and due date.
 */
public final class RegisterAppendices {

    /** One tracked exception as the pack prints it. */
    public record Tracked(String control, String cause, String owner, LocalDate dueDate, String status, String openedBy, Instant openedAt) {
        String line() {
            return "tracked exception: " + cause + " (owner " + owner + ", due " + dueDate + ", status " + status + ", opened by " + openedBy
                    + " " + ReportTime.format(openedAt) + ")";
        }
    }

    static final String EXCEPTIONS_SQL = "select e.control, e.cause, e.owner, e.due_date::text, e.status, e.opened_by, e.opened_at, e.updated_by,"
            + " e.updated_at, e.resolution, e.closed_at from evidence_exception e where e.opened_at < :to"
            + " and (e.closed_at is null or e.closed_at >= :from) order by e.control, e.opened_at, e.id";
    static final List<String> EXCEPTION_COLUMNS = List.of("control", "cause", "owner", "due_date", "status", "opened_by", "opened_at",
            "updated_by", "updated_at", "resolution", "closed_at");
    static final String SIGNOFFS_SQL = "select s.pack_id::text, s.officer, s.officer_name, s.title, s.statement, s.pack_sha256, s.signed_at"
            + " from evidence_signoff s where s.signed_at >= :from and s.signed_at < :to order by s.signed_at, s.id";
    static final List<String> SIGNOFF_COLUMNS = List.of("pack_id", "officer", "officer_name", "title", "statement", "pack_sha256", "signed_at");

    private RegisterAppendices() {
    }

    public static List<Tracked> write(PackScope scope, Set<String> connections, Connection store, PackEntries out, Map<String, Long> rows)
            throws SQLException, IOException {
        StoreQueries queries = new StoreQueries(scope, connections);
        AppendixWriter writer = new AppendixWriter(scope, connections, out);
        rows.put("exception-register", writer.write("exception-register", EXCEPTION_COLUMNS, new SqlRows(store, queries.of(EXCEPTIONS_SQL))));
        rows.put("management-signoffs", writer.write("management-signoffs", SIGNOFF_COLUMNS, new SqlRows(store, queries.of(SIGNOFFS_SQL))));
        List<Tracked> tracked = new ArrayList<>();
        new SqlRows(store, queries.of(EXCEPTIONS_SQL)).forEachRow(r -> tracked.add(new Tracked((String) r[0], (String) r[1], (String) r[2],
                LocalDate.parse((String) r[3]), (String) r[4], (String) r[5], (Instant) r[6])));
        return tracked;
    }

    /** Each control with a tracked exception in the period reads "exceptions", the tracked ones listed first. */
    public static EvidenceReport apply(EvidenceReport report, List<Tracked> tracked) {
        List<ControlSection> sections = new ArrayList<>();
        for (ControlSection section : report.sections()) {
            List<String> lines = tracked.stream().filter(t -> t.control().equals(section.control().name())).map(Tracked::line).toList();
            if (lines.isEmpty() || section.status() == SectionStatus.NOT_IN_SCOPE) {
                sections.add(section);
                continue;
            }
            List<String> exceptions = new ArrayList<>(lines);
            exceptions.addAll(section.exceptions());
            List<String> appendices = new ArrayList<>(section.appendices());
            appendices.add("appendix/exception-register.csv");
            sections.add(new ControlSection(section.control(), SectionStatus.EXCEPTIONS, section.evidence(), section.figures(), exceptions,
                    null, appendices));
        }
        return new EvidenceReport(report.packId(), report.scope(), report.connections(), report.generator(), report.generatedBy(),
                report.generatedAt(), report.summary(), sections, report.availability(), report.annexes());
    }
}
