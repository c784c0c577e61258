package dev.gatehouse.ui;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.audit.chain.AuditCheckpointer;
import dev.gatehouse.audit.chain.AuditVerification;
import dev.gatehouse.audit.chain.CheckpointStore;
import dev.gatehouse.audit.chain.AuditAnchors;
import dev.gatehouse.audit.chain.AuditSigningKeys;
import dev.gatehouse.proxy.audit.verify.SeqRange;
import dev.gatehouse.proxy.audit.verify.VerificationReport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * Backs audit.xhtml: the chain's head and checkpoints, verification of a range (each run is an
 * audit event), the bundle and public-key downloads, and the newest events.
 */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Inject
    transient CheckpointStore checkpoints;

    @Inject
    transient AuditCheckpointer checkpointer;

    @Inject
    transient AuditAnchors anchors;

    @Inject
    transient AuditSigningKeys keys;

    @Inject
    transient AuditVerification verification;

    @Inject
    transient CurrentActor actor;

    @PersistenceContext(unitName = "gatehouse")
    transient EntityManager em;

    private Long fromSeq;
    private Long toSeq;
    private Result result;
    private Status status;
    private List<EventRow> events = List.of();

    /** What the last verification found, ready to show. */
    public record Result(boolean intact, String verdict, String details) implements Serializable {
    }

    public record Status(long headSeq, String headHash, long checkpointSeq, String checkpointAt, long pending, String anchors,
            String activeKey) implements Serializable {
    }

    public record EventRow(long seq, String time, String action, String actor, String kind, String target, String outcome, String hash)
            implements Serializable {
    }

    /** Called from f:viewAction. */
    public void load() {
        CheckpointStore.ChainHead head = checkpoints.head();
        String active = keys.published().stream().filter(k -> k.retiredAt() == null).map(k -> k.keyId()).findFirst().orElse("none yet");
        status = new Status(head.seq(), head.hash() == null ? "-" : head.hash(), head.checkpointSeq(),
                head.checkpointAt() == null ? "never" : TIME.format(head.checkpointAt()), head.seq() - head.checkpointSeq(),
                String.join(", ", anchors.kinds()), active);
        events = em.createQuery("select e from AuditEvent e where e.seq is not null order by e.seq desc", AuditEvent.class)
                .setMaxResults(50).getResultList().stream()
                .map(e -> new EventRow(e.seq(), TIME.format(e.occurredAt()), e.action(), e.actor(), e.actorKind(),
                        e.targetType() + (e.targetName() == null ? "" : " " + e.targetName()), e.outcome(), e.hash().substring(0, 12)))
                .toList();
    }

    public void verify() {
        if (fromSeq != null && toSeq != null && toSeq < fromSeq) {
            Messages.error("Invalid range", "The last seq must not be below the first.");
            return;
        }
        VerificationReport report = verification.verify(SeqRange.of(fromSeq, toSeq), "ui");
        result = new Result(report.intact(), report.verdict(), report.humanText());
        if (report.intact()) {
            Messages.info("Chain intact", report.verdict());
        } else {
            Messages.error("Chain broken", report.verdict());
        }
        load();
    }

    public void checkpointNow() {
        checkpointer.checkpointNow().ifPresentOrElse(
                c -> Messages.info("Checkpoint signed", "seq " + c.seq() + " by key " + c.keyId()),
                () -> Messages.info("Nothing to sign", "No event since the last checkpoint."));
        load();
    }

    public StreamedContent getBundle() {
        SeqRange range = SeqRange.of(fromSeq, toSeq);
        String exporter = actor.get().name();
        return DefaultStreamedContent.builder()
                .name("gatehouse-audit-" + range.from() + "-" + (range.isOpenEnded() ? "head" : range.to()) + ".zip")
                .contentType("application/zip")
                .writer(out -> verification.export(range, exporter, out))
                .build();
    }

    public StreamedContent getPublicKeys() {
        String json = dev.gatehouse.proxy.audit.verify.PublicKeys.of(keys.trusted()).toJson();
        return DefaultStreamedContent.builder().name("gatehouse-audit-public-keys.json").contentType("application/json")
                .stream(() -> new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    public Long getFromSeq() {
        return fromSeq;
    }

    public void setFromSeq(Long fromSeq) {
        this.fromSeq = fromSeq;
    }

    public Long getToSeq() {
        return toSeq;
    }

    public void setToSeq(Long toSeq) {
        this.toSeq = toSeq;
    }

    public Result getResult() {
        return result;
    }

    public Status getStatus() {
        return status;
    }

    public List<EventRow> getEvents() {
        return events;
    }
}
