package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a range of the chain as an offline-verifiable bundle (docs/audit-chain.md, "Export
 * bundle"): a zip of events.ndjson, checkpoints.ndjson, public-keys.json and, last, manifest.json,
 * whose counts are only known once the events have streamed through. Nothing is held in memory
 * but the current event.
 */
public final class AuditBundleWriter {

    static final String EVENTS = "events.ndjson";
    static final String CHECKPOINTS = "checkpoints.ndjson";
    static final String PUBLIC_KEYS = "public-keys.json";
    static final String MANIFEST = "manifest.json";

    private AuditBundleWriter() {
    }

    /**
     * Streams {@code source} into {@code out} as a zip, finishing the zip but leaving {@code out}
     * open for the caller to close.
     *
     * @param keys     the public keys current at export, included for convenience; an examiner
     *                 checks them against a copy of their own before trusting them
     * @param exporter who or what exported, e.g. "gatehouse 0.1.0 for alice"
     */
    public static BundleManifest write(AuditSource source, PublicKeys keys, String exporter, Instant exportedAt, OutputStream out)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Writer text = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 64 * 1024);

        zip.putNextEntry(new ZipEntry(EVENTS));
        EventTally tally = writeEvents(source.events(), text);
        text.flush();
        zip.closeEntry();

        List<Checkpoint> checkpoints = source.checkpoints();
        zip.putNextEntry(new ZipEntry(CHECKPOINTS));
        for (Checkpoint checkpoint : checkpoints) {
            text.write(checkpoint.toJson());
            text.write('\n');
        }
        text.flush();
        zip.closeEntry();

        zip.putNextEntry(new ZipEntry(PUBLIC_KEYS));
        text.write(keys.toJson());
        text.write('\n');
        text.flush();
        zip.closeEntry();

        SeqRange range = source.range();
        OptionalLong legacy = source.legacyUnchainedRows();
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, range.from(), range.isOpenEnded() ? null : range.to(),
                tally.firstSeq, tally.lastSeq, tally.events, checkpoints.size(), legacy.isPresent() ? legacy.getAsLong() : null,
                tally.purgedDetails, tally.purgedPayloads, ChainedEvent.formatTime(exportedAt), exporter);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        text.write(manifest.toJson());
        text.write('\n');
        text.flush();
        zip.closeEntry();
        zip.finish();
        return manifest;
    }

    private static EventTally writeEvents(Iterator<AuditRecord> events, Writer text) throws IOException {
        EventTally tally = new EventTally();
        while (events.hasNext()) {
            AuditRecord record = events.next();
            text.write(EventLine.write(record));
            text.write('\n');
            tally.count(record);
        }
        return tally;
    }

    /** What the manifest says about the events, counted as they pass. */
    private static final class EventTally {
        private long events;
        private Long firstSeq;
        private Long lastSeq;
        private long purgedDetails;
        private long purgedPayloads;

        void count(AuditRecord record) {
            events++;
            if (firstSeq == null) {
                firstSeq = record.seq();
            }
            lastSeq = record.seq();
            if (record.details() == null) {
                purgedDetails++;
            }
            if (record.payload() != null && record.payload().isPurged()) {
                purgedPayloads++;
            }
        }
    }
}
