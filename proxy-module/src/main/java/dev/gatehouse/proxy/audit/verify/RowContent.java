package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.Digests;
import java.util.Map;

/**
 * The checks on what a correctly linked row carries outside its own hash: its details against
 * details_sha256, and a statement's recorded payload against the hashes in those details. Purged
 * details and purged payloads are skipped, which is exactly what retention relies on.
 */
final class RowContent {

    private RowContent() {
    }

    static ChainProblem check(AuditRecord record) {
        long seq = record.seq();
        if (record.details() != null) {
            String actual = Digests.sha256Hex(CanonicalJson.write(record.details()));
            if (!actual.equals(record.event().detailsSha256())) {
                return new ChainProblem(seq, ProblemKind.MODIFIED_ROW,
                        "the details of seq " + seq + " no longer give its details_sha256: they were changed after the row was written");
            }
        }
        StatementPayload payload = record.payload();
        if (payload == null || !(record.details() instanceof Map<?, ?> details)) {
            return null;
        }
        if (mismatch(payload.sql(), details.get("sql_sha256"))) {
            return new ChainProblem(seq, ProblemKind.MODIFIED_PAYLOAD,
                    "the recorded text of the statement behind seq " + seq + " no longer gives the sql_sha256 its event holds");
        }
        if (mismatch(payload.parameters(), details.get("parameters_sha256"))) {
            return new ChainProblem(seq, ProblemKind.MODIFIED_PAYLOAD,
                    "the recorded parameters of the statement behind seq " + seq + " no longer give the parameters_sha256 its event holds");
        }
        return null;
    }

    private static boolean mismatch(String recorded, Object expectedHash) {
        return recorded != null && expectedHash instanceof String expected && !expected.equals(Digests.sha256Hex(recorded));
    }
}
