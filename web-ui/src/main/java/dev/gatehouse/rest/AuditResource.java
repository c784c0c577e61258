package dev.gatehouse.rest;

import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.audit.chain.AuditAnchors;
import dev.gatehouse.audit.chain.AuditCheckpointer;
import dev.gatehouse.audit.chain.AuditSigningKeys;
import dev.gatehouse.audit.chain.CheckpointStore;
import dev.gatehouse.audit.chain.PublishedKey;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.ChainedEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.gatehouse.audit.chain.AuditVerification;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.SeqRange;
import dev.gatehouse.proxy.audit.verify.VerificationReport;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tamper-evident audit trail: its keys, head and checkpoints (docs/audit-chain.md). */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "The hash-chained audit trail: public keys, checkpoints, verification and export")
@RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
public class AuditResource {

    @Inject
    AuditSigningKeys keys;

    @Inject
    CheckpointStore checkpoints;

    @Inject
    AuditCheckpointer checkpointer;

    @Inject
    AuditAnchors anchors;

    @Inject
    CurrentActor actor;

    @Inject
    AuditVerification verification;

    /** Body of POST /audit/verify; both bounds optional. */
    public static class VerifyRequest {
        @Schema(description = "First seq to check, default 1 (the genesis)")
        public Long fromSeq;
        @Schema(description = "Last seq to check, default the head")
        public Long toSeq;
    }

    public record VerifyView(boolean intact, String verdict, String text, long eventsChecked, Long firstSeq, Long lastSeq,
            int checkpointsVerified, Long firstBadSeq, String problem, String reason) {
        static VerifyView of(VerificationReport r) {
            return new VerifyView(r.intact(), r.verdict(), r.humanText(), r.eventsChecked(), r.firstSeq(), r.lastSeq(),
                    r.checkpointsVerified(), r.intact() ? null : r.problem().seq(), r.intact() ? null : r.problem().kind().name(),
                    r.intact() ? null : r.problem().reason());
        }
    }

    public record CheckpointView(long seq, String hash, Instant signedAt, String keyId, String previousSignature, String signature) {
        static CheckpointView of(Checkpoint c) {
            return new CheckpointView(c.seq(), c.hash(), c.signedAt(), c.keyId(), c.previousSignature(), c.signature());
        }
    }

    public record StatusView(long headSeq, String headHash, long checkpointSeq, Instant checkpointAt, long eventsSinceCheckpoint,
            long checkpointEvery, long checkpointSeconds, List<String> anchors, String activeKeyId) {
    }

    @GET
    @Path("/public-key")
    @RequiresRole
    @Operation(summary = "The Ed25519 keys that sign checkpoints (active and retired), exactly the document gatehouse-verify --keys"
            + " reads: {\"keys\":[{\"key_id\",\"algorithm\",\"public_key\" (base64 X.509 SubjectPublicKeyInfo),\"created_at\",\"retired_at\"}]}")
    public Response publicKey() {
        keys.active(); // the first call makes the first key, so there is always one to publish
        return Response.ok(PublicKeys.of(keys.trusted()).toJson(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/status")
    @Operation(summary = "The chain's head, the latest checkpoint and the configured anchors")
    public StatusView status() {
        CheckpointStore.ChainHead head = checkpoints.head();
        List<PublishedKey> published = keys.published();
        String active = published.stream().filter(k -> k.retiredAt() == null).map(PublishedKey::keyId).findFirst().orElse(null);
        return new StatusView(head.seq(), head.hash() == null ? ChainedEvent.GENESIS : head.hash(), head.checkpointSeq(),
                head.checkpointAt(), head.seq() - head.checkpointSeq(), checkpointer.settings().checkpointEvents(),
                checkpointer.settings().checkpointInterval().toSeconds(), anchors.kinds(), active);
    }

    @GET
    @Path("/checkpoints")
    @Operation(summary = "Every signed checkpoint, oldest first")
    public List<CheckpointView> checkpoints() {
        return checkpoints.all().stream().map(CheckpointView::of).toList();
    }

    @POST
    @Path("/checkpoints")
    @Operation(summary = "Sign a checkpoint over the current head now (if it moved since the last) and anchor it")
    public Map<String, Object> checkpointNow() {
        return checkpointer.checkpointNow().<Map<String, Object>>map(c -> Map.of("signed", true, "checkpoint", CheckpointView.of(c)))
                .orElseGet(() -> Map.of("signed", false));
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify the chain (or a seq range) with the keys this gateway made and the directory anchor;"
            + " names the first bad seq and why. Each run is an audit event.")
    public VerifyView verify(VerifyRequest request) {
        SeqRange range = range(request == null ? null : request.fromSeq, request == null ? null : request.toSeq);
        return VerifyView.of(verification.verify(range, "api"));
    }

    @GET
    @Path("/export")
    @Produces({"application/zip", MediaType.APPLICATION_JSON}) // JSON only for errors
    @Operation(summary = "Download a bundle of the chain (or a seq range) that gatehouse-verify checks offline; each export is an audit event")
    public Response export(@QueryParam("fromSeq") String fromSeq, @QueryParam("toSeq") String toSeq) {
        SeqRange range = range(RequestChecks.optionalLong("fromSeq", fromSeq), RequestChecks.optionalLong("toSeq", toSeq));
        String exporter = actor.get().name();
        StreamingOutput body = out -> verification.export(range, exporter, out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"gatehouse-audit-" + range.from() + "-"
                        + (range.isOpenEnded() ? "head" : String.valueOf(range.to())) + ".zip\"")
                .build();
    }

    private static SeqRange range(Long from, Long to) {
        if (from != null && from < 1) {
            throw new ValidationFailedException(List.of(new FieldError("fromSeq", "must be 1 or more")));
        }
        if (to != null && from != null && to < from) {
            throw new ValidationFailedException(List.of(new FieldError("toSeq", "must not be below fromSeq")));
        }
        return SeqRange.of(from, to);
    }

    @POST
    @Path("/keys/rotate")
    @RequiresRole(RequiresRole.ADMIN)
    @Operation(summary = "Rotate the signing key: a last checkpoint with the old key, a new key, its first checkpoint")
    public Response rotate() {
        checkpointer.checkpointNow();
        keys.rotate(actor.get());
        checkpointer.checkpointNow();
        return publicKey();
    }
}
