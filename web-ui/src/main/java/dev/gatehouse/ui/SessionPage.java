package dev.gatehouse.ui;

import dev.gatehouse.audit.LogAccessLog;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.recording.RecordedSession;
import dev.gatehouse.recording.RecordedStatement;
import dev.gatehouse.recording.ResultPage;
import dev.gatehouse.recording.SessionHistory;
import dev.gatehouse.recording.SessionNotFoundException;
import dev.gatehouse.recording.SessionSummary;
import dev.gatehouse.retention.LegalHolds;
import dev.gatehouse.retention.RetentionPolicies;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.primefaces.PrimeFaces;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs session.xhtml: one session's facts and its statements in order, and its legal hold. While
 * the session is active the page polls {@link #refresh()}; the poll stops itself once the session
 * has ended.
 */
@Named
@ViewScoped
public class SessionPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionHistory history;

    @Inject
    transient LogAccessLog logAccess;

    @Inject
    transient LegalHolds holds;

    @Inject
    transient RetentionPolicies retention;

    @Inject
    transient UserSession user;

    private String id;
    private UUID sessionId;
    private SessionDetails facts;
    private boolean connectionHeld;
    private final LegalHoldForm hold = new LegalHoldForm();
    private final StatementRows statements = new StatementRows();

    /** Called from f:viewAction. */
    public String load() {
        if (facts != null) {
            return null;
        }
        try {
            sessionId = UUID.fromString(String.valueOf(id));
            reload();
            logAccess.sessionViewed(sessionId.toString(), facts.connection(), "ui:session");
            return null;
        } catch (IllegalArgumentException | SessionNotFoundException e) {
            Messages.error("Session not found", "No recorded session has the id " + id + ".");
            return "sessions?faces-redirect=true";
        }
    }

    private void reload() {
        facts = SessionDetails.of(history.session(sessionId));
        connectionHeld = retention.effective(facts.connection()).legalHold();
    }

    public void startHold() {
        hold.reset(facts.connection(), true);
    }

    public void startRelease() {
        hold.reset(facts.connection(), false);
    }

    /** Places or releases the session's hold; releasing is for auditors only (LegalHolds explains why). */
    public void applyHold() {
        try {
            if (hold.isPlace()) {
                holds.holdSession(sessionId, hold.getReason());
                Messages.info("Legal hold placed", "Retention purges nothing of this session until the hold is released.");
            } else if (user.isAuditor()) {
                holds.releaseSession(sessionId, hold.getReason());
                Messages.info("Legal hold released", "The session follows its connection's retention again.");
            } else {
                Messages.error("Not released", "Only auditors may release a legal hold.");
                return;
            }
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
            reload();
        } catch (ValidationFailedException invalid) {
            invalid.errors().forEach(e -> Messages.error("Legal hold not changed: " + e.field(), e.message()));
        }
    }

    /** The poll's listener: fresh facts, and a signal to stop polling once the session ended. */
    public void refresh() {
        facts = SessionDetails.of(history.session(sessionId));
        if (!facts.active()) {
            PrimeFaces.current().ajax().addCallbackParam("ended", true);
        }
    }

    public boolean isActive() {
        return facts != null && facts.active();
    }

    public SessionDetails getFacts() {
        return facts;
    }

    /** The session is kept through its connection's hold, whatever its own says. */
    public boolean isConnectionHeld() {
        return connectionHeld;
    }

    public LegalHoldForm getHold() {
        return hold;
    }

    public LazyDataModel<StatementRow> getStatements() {
        return statements;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    private final class StatementRows extends LazyDataModel<StatementRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, history.statements(sessionId, 0, 1).total());
        }

        /** Also refreshes the total: PrimeFaces keeps the first count it got, and a live session keeps growing. */
        @Override
        public List<StatementRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            ResultPage<RecordedStatement> page = history.statements(sessionId, first / pageSize, pageSize);
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.items().stream().map(StatementRow::of).toList();
        }

        @Override
        public String getRowKey(StatementRow row) {
            return String.valueOf(row.sequence());
        }
    }

    /** What the facts panel shows; never a secret (the data path records none). */
    public record SessionDetails(String id, String shortId, String connection, String database, String protocol, String identity, String kind,
            String subject, String authMethod, String tokenId, String clientAddress, boolean clientTls, String applicationName,
            String matchedRule, String started, String ended, String duration, boolean active, String endReason, long statements,
            String bytesFromClient, String bytesToClient, boolean legalHold, String legalHoldReason, String legalHoldBy,
            String legalHoldAt) implements Serializable {

        static SessionDetails of(SessionSummary summary) {
            RecordedSession s = summary.session();
            return new SessionDetails(s.id().toString(), s.id().toString().substring(0, 8), s.connectionName(), s.database(), s.protocol(), s.displayName(), s.kind(),
                    s.subject(), s.authMethod(), s.tokenId(), s.clientAddress(), s.clientTls(), s.applicationName(), s.matchedRule(),
                    RecordingFormat.dateTime(s.startedAt()), RecordingFormat.dateTime(s.endedAt()),
                    RecordingFormat.span(s.startedAt(), s.endedAt()), s.active(), s.endReason(), summary.statements(),
                    RecordingFormat.bytes(s.bytesFromClient()), RecordingFormat.bytes(s.bytesToClient()), s.legalHold(), s.legalHoldReason(),
                    s.legalHoldBy(), RecordingFormat.dateTime(s.legalHoldAt()));
        }
    }

    /** One statement of the timeline. Values are shown as recorded; masking comes with its own feature. */
    public record StatementRow(long sequence, String time, String duration, String protocolMode, String sql, String parameters,
            String commandTags, long rows, boolean failed, String sqlState, String errorMessage, String decision, String decisionRule,
            boolean blocked, String payloadPurged) implements Serializable {

        static StatementRow of(RecordedStatement t) {
            return new StatementRow(t.sequence(), RecordingFormat.time(t.startedAt()), RecordingFormat.micros(t.durationMicros()),
                    t.protocolMode(), t.sql(), RecordingFormat.parameters(t.parameters()), String.join(", ", t.commandTags()), t.rows(),
                    t.failed(), t.sqlState(), t.errorMessage(), t.decision(), t.decisionRule(), t.blocked(),
                    t.payloadPurgedAt() == null ? null : RecordingFormat.dateTime(t.payloadPurgedAt()));
        }

        /** The row's highlight: blocked by guardrails, failed on the target, or none. */
        public String styleClass() {
            return blocked ? "gh-blocked" : failed ? "gh-failed" : null;
        }

        /** PrimeFaces tag severity for the decision. */
        public String decisionSeverity() {
            if (decision == null) {
                return "secondary";
            }
            return switch (decision) {
                case "DENY", "REQUIRE_APPROVAL" -> "danger";
                case "ALLOW_AND_ALERT" -> "warning";
                default -> "success";
            };
        }
    }
}
