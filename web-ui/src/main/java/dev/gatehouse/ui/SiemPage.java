package dev.gatehouse.ui;

import dev.gatehouse.audit.siem.SiemSink;
import dev.gatehouse.audit.siem.SiemSinkNotFoundException;
import dev.gatehouse.audit.siem.SiemSinks;
import dev.gatehouse.audit.siem.SinkDraft;
import dev.gatehouse.audit.siem.SinkFormat;
import dev.gatehouse.audit.siem.SinkStatus;
import dev.gatehouse.audit.siem.SinkTestResult;
import dev.gatehouse.audit.siem.SinkTransportKind;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.primefaces.PrimeFaces;

/**
 * Backs siem.xhtml: the sinks with their delivery status for admins and auditors, and for admins the
 * add/edit dialog, enable/disable, test and delete. Auditors reach the page read-only; every action
 * checks the admin role again, since a page is no barrier to a crafted request.
 */
@Named
@ViewScoped
public class SiemPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SiemSinks sinks;

    @Inject
    transient UserSession user;

    private List<SinkRow> rows = List.of();
    private SinkForm form = new SinkForm();

    @PostConstruct
    void load() {
        long head = sinks.headSeq();
        rows = sinks.list().stream().map(sink -> SinkRow.of(sink, SinkStatus.of(sink, head))).toList();
    }

    /** Called by the page's poll: the status columns follow the delivery. */
    public void refresh() {
        load();
    }

    public void newSink() {
        form = new SinkForm();
    }

    public void edit(SinkRow row) {
        try {
            form = SinkForm.of(sinks.get(UUID.fromString(row.id())));
        } catch (SiemSinkNotFoundException gone) {
            Messages.error("Sink no longer exists", "It was deleted meanwhile.");
            load();
        }
    }

    public void save() {
        if (!admin()) {
            return;
        }
        try {
            if (form.isCreating()) {
                sinks.create(form.toDraft());
                Messages.info("Sink created", form.getName() + " starts delivering within a second.");
            } else {
                sinks.update(UUID.fromString(form.getId()), form.toDraft());
                Messages.info("Sink saved", form.getName() + " was changed; it continues from its cursor.");
            }
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
            load();
        } catch (ValidationFailedException invalid) {
            for (FieldError error : invalid.errors()) {
                Messages.error("Sink not saved: " + error.field(), error.message());
            }
        } catch (SiemSinkNotFoundException gone) {
            Messages.error("Sink not saved", "It was deleted meanwhile.");
            load();
        }
    }

    public void toggle(SinkRow row) {
        if (!admin()) {
            return;
        }
        try {
            SiemSink sink = sinks.get(UUID.fromString(row.id()));
            sinks.update(sink.id(), new SinkDraft(sink.name(), sink.format().wireName(), sink.transport().wireName(), sink.endpoint(), null,
                    false, !sink.enabled(), null, sink.tlsCaCertificate()));
            Messages.info(sink.enabled() ? "Sink disabled" : "Sink enabled", sink.enabled()
                    ? row.name() + " stops; its cursor stays at " + row.cursor() + "."
                    : row.name() + " resumes from seq " + row.cursor() + ".");
        } catch (SiemSinkNotFoundException gone) {
            Messages.error("Sink no longer exists", "It was deleted meanwhile.");
        } catch (ValidationFailedException invalid) {
            Messages.error("Sink not changed", invalid.errors().getFirst().field() + " " + invalid.errors().getFirst().message());
        }
        load();
    }

    public void test(SinkRow row) {
        if (!admin()) {
            return;
        }
        try {
            SinkTestResult result = sinks.test(UUID.fromString(row.id()));
            Messages.outcome(result.delivered(), "Test event to " + row.name(), result.message() + " (" + result.elapsedMillis() + " ms)");
        } catch (SiemSinkNotFoundException gone) {
            Messages.error("Sink no longer exists", "It was deleted meanwhile.");
        }
        load();
    }

    public void delete(SinkRow row) {
        if (!admin()) {
            return;
        }
        try {
            sinks.delete(UUID.fromString(row.id()));
            Messages.info("Sink deleted", row.name() + " no longer receives events.");
        } catch (SiemSinkNotFoundException gone) {
            Messages.error("Sink no longer exists", "It was deleted meanwhile.");
        }
        load();
    }

    private boolean admin() {
        if (user.isAdmin()) {
            return true;
        }
        Messages.error("Not allowed", "Only an admin can change SIEM sinks.");
        return false;
    }

    public List<SinkRow> getRows() {
        return rows;
    }

    public SinkForm getForm() {
        return form;
    }

    public List<String> getFormats() {
        return Arrays.stream(SinkFormat.values()).map(SinkFormat::wireName).toList();
    }

    public List<String> getTransports() {
        return Arrays.stream(SinkTransportKind.values()).map(SinkTransportKind::wireName).toList();
    }

    /** One row of the sinks table; it never carries the token. */
    public record SinkRow(String id, String name, String format, String transport, String endpoint, boolean enabled, boolean tokenSet,
            String state, long cursor, long lag, long delivered, int failures, String lastError, String lastAttempt, String lastDelivery)
            implements Serializable {

        static SinkRow of(SiemSink s, SinkStatus status) {
            return new SinkRow(s.id().toString(), s.name(), s.format().wireName(), s.transport().wireName(), s.endpoint(), s.enabled(),
                    s.tokenSet(), status.state(), status.cursorSeq(), status.lag(), status.deliveredCount(), status.consecutiveFailures(),
                    status.lastError(), RecordingFormat.dateTime(status.lastAttemptAt()), RecordingFormat.dateTime(status.lastDeliveredAt()));
        }

        public String stateSeverity() {
            return switch (state) {
                case "failing" -> "danger";
                case "delivering" -> "info";
                case "disabled" -> "secondary";
                default -> "success";
            };
        }
    }
}
