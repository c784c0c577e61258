package dev.gatehouse.ui;

import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.retention.HeldSession;
import dev.gatehouse.retention.LegalHolds;
import dev.gatehouse.retention.PurgeKind;
import dev.gatehouse.retention.PurgeOutcome;
import dev.gatehouse.retention.PurgeRun;
import dev.gatehouse.retention.RetentionPeriods;
import dev.gatehouse.retention.RetentionPolicies;
import dev.gatehouse.retention.RetentionPolicy;
import dev.gatehouse.retention.RetentionPolicyNotFoundException;
import dev.gatehouse.retention.RetentionRuns;
import dev.gatehouse.retention.RetentionScheduler;
import dev.gatehouse.retention.RetentionSettings;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.primefaces.PrimeFaces;

/**
 * Backs retention.xhtml: the policies with their connection holds, the held sessions and the last
 * purge runs. Admins edit periods and run the purge; admins and auditors place holds; only auditors
 * release them (the page shows each button only to whom it is for, the services behind are the
 * same as REST's).
 */
@Named
@ViewScoped
public class RetentionPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int RUNS_SHOWN = 20;
    private static final int HELD_SESSIONS_SHOWN = 200;
    private static final long PURGE_WAIT_SECONDS = 30;

    @Inject
    transient RetentionPolicies policies;

    @Inject
    transient LegalHolds holds;

    @Inject
    transient RetentionRuns runs;

    @Inject
    transient RetentionScheduler scheduler;

    @Inject
    transient CurrentActor actor;

    @Inject
    transient UserSession user;

    private List<PolicyRow> rows = List.of();
    private List<HeldSession> heldSessions = List.of();
    private List<RunRow> runRows = List.of();
    private List<String> connectionNames = List.of();
    private String schedule = "";
    private final RetentionPolicyForm form = new RetentionPolicyForm();
    private final LegalHoldForm hold = new LegalHoldForm();

    @PostConstruct
    void load() {
        rows = policies.list().stream().map(PolicyRow::of).toList();
        heldSessions = holds.heldSessions(HELD_SESSIONS_SHOWN);
        runRows = runs.latest(RUNS_SHOWN).stream().map(RunRow::of).toList();
        connectionNames = policies.knownConnections();
        RetentionSettings settings = RetentionSettings.fromEnvironment();
        schedule = settings.scheduled() ? "every " + RecordingFormat.every(settings.purgeInterval()) + ", "
                + settings.batchSize() + " rows per batch" : "off: runs only when an admin starts one";
    }

    public void newPolicy() {
        form.reset(null, RetentionPeriods.DEFAULT);
    }

    public void edit(PolicyRow row) {
        form.reset(row.connection(), new RetentionPeriods(row.payloadDays(), row.recordingDays(), row.auditDays()));
    }

    public void save() {
        requireAdmin();
        try {
            RetentionPeriods periods = RetentionPeriods.of(form.getPayloadDays(), form.getRecordingDays(), form.getAuditDays());
            RetentionPolicy saved = policies.save(form.getConnection(), periods);
            Messages.info("Retention saved", label(saved.connectionName()) + " keeps payloads " + periods.payloadDays() + " days, recordings "
                    + periods.recordingDays() + " days, audit details " + periods.auditDays() + " days.");
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
            load();
        } catch (ValidationFailedException invalid) {
            fieldErrors("Retention not saved", invalid);
        }
    }

    public void reset(PolicyRow row) {
        requireAdmin();
        try {
            policies.reset(row.connection());
            Messages.info("Default applies", row.connection() + " now follows the default retention.");
        } catch (ValidationFailedException invalid) {
            fieldErrors("Not reset", invalid);
        } catch (RetentionPolicyNotFoundException gone) {
            Messages.error("Not reset", gone.getMessage());
        }
        load();
    }

    public void startHold(String connection) {
        hold.reset(connection, true);
    }

    public void startRelease(String connection) {
        hold.reset(connection, false);
    }

    public void applyHold() {
        try {
            if (hold.isPlace()) {
                holds.holdConnection(hold.getConnection(), hold.getReason());
                Messages.info("Legal hold placed", "Nothing of " + hold.getConnection() + " is purged until the hold is released.");
            } else {
                if (!user.isAuditor()) {
                    Messages.error("Not released", "Only auditors may release a legal hold.");
                    return;
                }
                holds.releaseConnection(hold.getConnection(), hold.getReason());
                Messages.info("Legal hold released", hold.getConnection() + " follows its retention periods again.");
            }
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
            load();
        } catch (ValidationFailedException invalid) {
            fieldErrors("Legal hold not changed", invalid);
        }
    }

    /** Runs the purge on the managed executor and waits a little; a long run goes on in the background. */
    public void runPurge() {
        requireAdmin();
        try {
            PurgeRun run = scheduler.runNow("ui", actor.get()).get(PURGE_WAIT_SECONDS, TimeUnit.SECONDS);
            if (run.outcome() == PurgeOutcome.SKIPPED) {
                Messages.error("Purge skipped", "Another node or run is purging now.");
            } else {
                Messages.outcome(run.outcome() == PurgeOutcome.COMPLETED, "Purge", RunRow.of(run).summary());
            }
        } catch (TimeoutException stillRunning) {
            Messages.info("Purge running", "It goes on in the background; reload to see it finish.");
        } catch (ExecutionException e) {
            Messages.error("Purge failed", "See the gateway log.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        load();
    }

    private void requireAdmin() {
        if (!user.isAdmin()) {
            throw new SecurityException("only admins change retention or run the purge");
        }
    }

    private static void fieldErrors(String summary, ValidationFailedException invalid) {
        for (FieldError error : invalid.errors()) {
            Messages.error(summary + ": " + error.field(), error.message());
        }
    }

    private static String label(String connection) {
        return RetentionPolicy.DEFAULT.equals(connection) ? "The default" : connection;
    }

    public List<PolicyRow> getRows() {
        return rows;
    }

    public List<HeldSession> getHeldSessions() {
        return heldSessions;
    }

    public List<RunRow> getRuns() {
        return runRows;
    }

    public List<String> getConnectionNames() {
        return connectionNames;
    }

    public String getSchedule() {
        return schedule;
    }

    public RetentionPolicyForm getForm() {
        return form;
    }

    public LegalHoldForm getHold() {
        return hold;
    }

    public String dateTime(Instant at) {
        return RecordingFormat.dateTime(at);
    }

    /** One policy row of the table; '*' reads as "default". */
    public record PolicyRow(String connection, boolean isDefault, int payloadDays, int recordingDays, int auditDays, boolean legalHold,
            String legalHoldReason, String legalHoldBy, String legalHoldAt, String updatedBy, String updatedAt) implements Serializable {

        static PolicyRow of(RetentionPolicy p) {
            RetentionPeriods d = p.periods();
            return new PolicyRow(p.connectionName(), p.isDefault(), d.payloadDays(), d.recordingDays(), d.auditDays(), p.legalHold(),
                    p.legalHoldReason(), p.legalHoldBy(), RecordingFormat.dateTime(p.legalHoldAt()), p.updatedBy(),
                    RecordingFormat.dateTime(p.updatedAt()));
        }
    }

    /** One purge run of the table. */
    public record RunRow(String id, String started, String via, String by, String outcome, String summary, String held, String error,
            Long auditSeq) implements Serializable {

        static RunRow of(PurgeRun run) {
            StringBuilder summary = new StringBuilder();
            for (PurgeKind kind : PurgeKind.values()) {
                summary.append(summary.isEmpty() ? "" : ", ").append(run.total(kind)).append(' ').append(kind.wireName());
            }
            return new RunRow(run.id().toString(), RecordingFormat.dateTime(run.startedAt()), run.triggeredVia(), run.triggeredBy(),
                    run.outcome().wireName(), summary.toString(), String.join(", ", run.heldConnections()), run.error(), run.auditSeq());
        }

        /** PrimeFaces tag severity for the outcome. */
        public String severity() {
            return switch (outcome) {
                case "completed" -> "success";
                case "running", "skipped" -> "info";
                default -> "danger";
            };
        }
    }
}
