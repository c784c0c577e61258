package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What verifying one range found.
 *
 * @param firstSeq            the first row checked, null when none was
 * @param lastSeq             the last row that passed, null when none did
 * @param legacyUnchainedRows rows from before the chain existed, null when the source cannot tell
 * @param latestCheckpoint    the highest checkpoint whose signature and hash both matched, or null
 * @param problem             the first problem, or null when the range is intact
 */
public record VerificationReport(String source, SeqRange range, long eventsChecked, Long firstSeq, Long lastSeq, Long legacyUnchainedRows,
        int checkpointsVerified, Checkpoint latestCheckpoint, long purgedDetails, long purgedPayloads, ChainProblem problem,
        List<String> notes) {

    public VerificationReport {
        notes = List.copyOf(notes);
    }

    public boolean intact() {
        return problem == null;
    }

    /** The verdict line: {@code INTACT: ...} or {@code BROKEN at seq N: KIND — reason}. */
    public String verdict() {
        if (!intact()) {
            return "BROKEN at seq " + problem.seq() + ": " + problem.kind() + " \u2014 " + problem.reason();
        }
        String events = eventsChecked == 0 ? "INTACT: no events" : "INTACT: " + eventsChecked + " events (seq " + firstSeq + ".." + lastSeq + ")";
        if (latestCheckpoint == null) {
            return events + ", no checkpoint in range";
        }
        return events + ", " + checkpointsVerified + (checkpointsVerified == 1 ? " checkpoint" : " checkpoints") + " verified, latest checkpoint seq "
                + latestCheckpoint.seq() + " signed " + ChainedEvent.formatTime(latestCheckpoint.signedAt()) + " by key " + latestCheckpoint.keyId();
    }

    /** The verdict followed by indented detail lines, as the command prints it. */
    public String humanText() {
        List<String> lines = new ArrayList<>();
        lines.add(verdict());
        if (intact() && latestCheckpoint == null) {
            lines.add("  no signed checkpoint covers these rows: a cut-off tail or a wholesale rewrite would not show");
        } else if (intact() && lastSeq != null && latestCheckpoint.seq() < lastSeq) {
            lines.add("  seq " + (latestCheckpoint.seq() + 1) + ".." + lastSeq + " are after the latest checkpoint: they link correctly, "
                    + "but no signature covers them yet");
        }
        if (legacyUnchainedRows != null && legacyUnchainedRows > 0) {
            lines.add("  " + legacyUnchainedRows + " legacy rows from before the chain existed are not chained and were not verified");
        }
        if (purgedDetails > 0 || purgedPayloads > 0) {
            lines.add("  retention purged the details of " + purgedDetails + " events and the payload of " + purgedPayloads
                    + " statements; their links still verify");
        }
        notes.forEach(note -> lines.add("  " + note));
        return String.join(System.lineSeparator(), lines);
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intact", intact());
        json.put("source", source);
        Map<String, Object> checkedRange = new LinkedHashMap<>();
        checkedRange.put("from", range.from());
        checkedRange.put("to", range.isOpenEnded() ? null : range.to());
        json.put("range", checkedRange);
        json.put("events_checked", eventsChecked);
        json.put("first_seq", firstSeq);
        json.put("last_seq", lastSeq);
        json.put("legacy_unchained_rows", legacyUnchainedRows);
        json.put("checkpoints_verified", checkpointsVerified);
        json.put("latest_checkpoint", latestCheckpoint == null ? null : Map.of("seq", latestCheckpoint.seq(),
                "time", ChainedEvent.formatTime(latestCheckpoint.signedAt()), "key_id", latestCheckpoint.keyId()));
        json.put("purged_details", purgedDetails);
        json.put("purged_payloads", purgedPayloads);
        json.put("problem", problem == null ? null : Map.of("seq", problem.seq(), "kind", problem.kind().name(), "reason", problem.reason()));
        json.put("notes", notes);
        return CanonicalJson.write(json);
    }
}
