package dev.gatehouse.rest;

import dev.gatehouse.evidence.EvidencePack;
import java.time.Instant;
import java.util.List;

/** An evidence pack as the API shows it: scope, state and, once completed, the zip's digest and size. */
public record EvidencePackView(String id, String requestedBy, Instant requestedAt, Scope scope, String status, int progress, String stage,
        Instant startedAt, Instant finishedAt, String fileName, Long sizeBytes, String sha256, Long statements, String error) {

    public record Scope(Instant from, Instant to, List<String> connections, List<String> labels, List<String> controls) {
    }

    static EvidencePackView of(EvidencePack pack) {
        return new EvidencePackView(pack.id().toString(), pack.requestedBy(), pack.requestedAt(),
                new Scope(pack.scope().from(), pack.scope().to(), pack.scope().connections(), pack.scope().labels(), pack.controlIds()),
                pack.status().wireName(), pack.progress(), pack.stage(), pack.startedAt(), pack.finishedAt(), pack.fileName(),
                pack.sizeBytes(), pack.sha256(), pack.statements(), pack.error());
    }
}
