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
import jakarta.ws.rs.GET;
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

    /** The published form a verifier reads with --keys. */
    public record PublicKeysView(List<PublishedKey> keys) {
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
    @Operation(summary = "The Ed25519 keys that sign checkpoints (active and retired), in the form gatehouse-verify --keys reads")
    public PublicKeysView publicKey() {
        keys.active(); // the first call makes the first key, so there is always one to publish
        return new PublicKeysView(keys.published());
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
    @Path("/keys/rotate")
    @RequiresRole(RequiresRole.ADMIN)
    @Operation(summary = "Rotate the signing key: a last checkpoint with the old key, a new key, its first checkpoint")
    public PublicKeysView rotate() {
        checkpointer.checkpointNow();
        keys.rotate(actor.get());
        checkpointer.checkpointNow();
        return new PublicKeysView(keys.published());
    }
}
