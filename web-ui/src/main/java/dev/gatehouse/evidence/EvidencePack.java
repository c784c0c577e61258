package dev.gatehouse.evidence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of evidence_pack: the scope asked for, the job's state and, once completed, the zip's file, size and SHA-256. */
public record EvidencePack(UUID id, String requestedBy, Instant requestedAt, PackScope scope, Status status, int progress, String stage,
        Instant startedAt, Instant finishedAt, String fileName, Long sizeBytes, String sha256, Long statements, String error) {

    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String wireName) {
            return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean active() {
        return status == Status.QUEUED || status == Status.RUNNING;
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** The controls in scope as ids, in catalog order ("C1", "C2", ...). */
    public List<String> controlIds() {
        return scope.controls().stream().sorted().map(Enum::name).toList();
    }
}
