package dev.gatehouse.ui;

import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.evidence.EvidencePack;
import dev.gatehouse.evidence.EvidencePacks;
import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.PackFileMissingException;
import dev.gatehouse.evidence.PackRequest;
import dev.gatehouse.retention.KnownConnections;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * Backs evidence.xhtml: the scope form (whole UTC days, both ends included), the packs being built
 * with their progress (polled while any is active) and the history with downloads, each recorded
 * as evidence.downloaded through the UI session.
 */
@Named
@ViewScoped
public class EvidencePage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int HISTORY = 50;

    @Inject
    transient EvidencePacks packs;

    @Inject
    transient KnownConnections knownConnections;

    @Inject
    transient CurrentActor actor;

    private LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(30);
    private LocalDate to = LocalDate.now(ZoneOffset.UTC);
    private List<String> connections = new ArrayList<>();
    private String labels;
    private List<String> controls = new ArrayList<>(Arrays.stream(FfiecControl.values()).map(Enum::name).toList());
    private List<String> connectionOptions = List.of();
    private List<EvidencePackRow> active = List.of();
    private List<EvidencePackRow> history = List.of();

    /** Called from f:viewAction. */
    public void load() {
        connectionOptions = knownConnections.all();
        refresh();
    }

    /** Called by the poll and after each action. */
    public void refresh() {
        List<EvidencePack> latest = packs.history(HISTORY);
        active = latest.stream().filter(EvidencePack::active).map(EvidencePackRow::of).toList().reversed();
        history = latest.stream().filter(p -> !p.active()).map(EvidencePackRow::of).toList();
    }

    public void generate() {
        try {
            PackRequest request = new PackRequest(from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to == null ? null : periodEnd(to, java.time.Instant.now()), connections,
                    labels == null ? List.of() : Arrays.asList(labels.split(",")), controls);
            UUID id = packs.start(packs.scopeOf(request), actor.get());
            Messages.info("Pack requested", "Pack " + id.toString().substring(0, 8) + " is being built; it appears below.");
        } catch (ValidationFailedException invalid) {
            for (FieldError error : invalid.errors()) {
                Messages.field("packForm:" + error.field(), error.message());
            }
            Messages.error("The pack was not requested", "Correct the marked fields.");
        }
        refresh();
    }

    public StreamedContent download(String id) {
        EvidencePack pack = packs.find(UUID.fromString(id)).filter(EvidencePack::completed).orElse(null);
        if (pack == null) {
            Messages.error("Not available", "Only a completed pack can be downloaded.");
            return null;
        }
        try {
            EvidencePacks.PackDownload file = packs.download(pack);
            return DefaultStreamedContent.builder().name(file.fileName()).contentType("application/zip").contentLength(file.sizeBytes())
                    .stream(() -> {
                        try {
                            return Files.newInputStream(file.file());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).build();
        } catch (PackFileMissingException gone) {
            Messages.error("Pack file missing", gone.getMessage());
            return null;
        }
    }

    public boolean isAnyActive() {
        return !active.isEmpty();
    }

    public List<FfiecControl> getControlOptions() {
        return FfiecControl.all();
    }

    public List<String> getConnectionOptions() {
        return connectionOptions;
    }

    public List<EvidencePackRow> getActive() {
        return active;
    }

    public List<EvidencePackRow> getHistory() {
        return history;
    }

    /**
     * The instant the period ends for a last day: the next midnight UTC, or, when the last day is
     * today, the moment of the request, so that today's activity up to then is in the pack and the
     * period never ends after the pack was generated.
     */
    static java.time.Instant periodEnd(LocalDate lastDay, java.time.Instant now) {
        java.time.Instant nextMidnight = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return nextMidnight.isAfter(now) ? now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : nextMidnight;
    }

    /** Which instants the chosen period covers, said under the form. */
    public String getPeriodCovered() {
        if (from == null || to == null) {
            return "Choose the first and last day of the period.";
        }
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant end = periodEnd(to, now);
        String start = dev.gatehouse.evidence.report.ReportTime.format(from.atStartOfDay(ZoneOffset.UTC).toInstant());
        return end.equals(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                ? "The pack covers " + start + " (included) up to the moment you press Generate (today's activity included)."
                : "The pack covers " + start + " (included) to " + dev.gatehouse.evidence.report.ReportTime.format(end) + " (excluded).";
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public List<String> getConnections() {
        return connections;
    }

    public void setConnections(List<String> connections) {
        this.connections = connections;
    }

    public String getLabels() {
        return labels;
    }

    public void setLabels(String labels) {
        this.labels = labels;
    }

    public List<String> getControls() {
        return controls;
    }

    public void setControls(List<String> controls) {
        this.controls = controls;
    }
}
