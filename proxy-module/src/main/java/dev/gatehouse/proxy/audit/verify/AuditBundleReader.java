package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a bundle written by {@link AuditBundleWriter} as a source for the verifier, streaming
 * events.ndjson line by line. The bundle's own public-keys.json is never used to verify it: the
 * examiner's key file is the trust anchor (see {@link PublicKeys}).
 */
public final class AuditBundleReader implements AuditSource {

    private final Path file;
    private final ZipFile zip;
    private final BundleManifest manifest;

    private AuditBundleReader(Path file, ZipFile zip, BundleManifest manifest) {
        this.file = file;
        this.zip = zip;
        this.manifest = manifest;
    }

    /** Opens a bundle and reads its manifest; throws IOException naming what is wrong. */
    public static AuditBundleReader open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new IOException(file.getFileName() + " is not a zip file", e);
        }
        try {
            String text = readSmallEntry(zip, AuditBundleWriter.MANIFEST);
            return new AuditBundleReader(file, zip, BundleManifest.fromJson(text));
        } catch (IOException | IllegalArgumentException e) {
            zip.close();
            throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public BundleManifest manifest() {
        return manifest;
    }

    /** The keys the exporter included; informational only. */
    public String includedPublicKeys() throws IOException {
        return readSmallEntry(zip, AuditBundleWriter.PUBLIC_KEYS);
    }

    @Override
    public String description() {
        return "the bundle " + file.getFileName();
    }

    @Override
    public SeqRange range() {
        return manifest.range();
    }

    @Override
    public Iterator<AuditRecord> events() throws IOException {
        BoundedLines lines = new BoundedLines(entry(AuditBundleWriter.EVENTS));
        return new EventLines(lines);
    }

    @Override
    public List<Checkpoint> checkpoints() throws IOException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (InputStream in = entry(AuditBundleWriter.CHECKPOINTS)) {
            BoundedLines lines = new BoundedLines(in);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    checkpoints.add(Checkpoint.fromJson(line));
                } catch (IllegalArgumentException e) {
                    throw new IOException(AuditBundleWriter.CHECKPOINTS + " line " + lines.lineNumber() + " is not a checkpoint: " + e.getMessage(), e);
                }
            }
        }
        return checkpoints;
    }

    @Override
    public OptionalLong legacyUnchainedRows() {
        return manifest.legacyUnchainedRows() == null ? OptionalLong.empty() : OptionalLong.of(manifest.legacyUnchainedRows());
    }

    @Override
    public OptionalLong declaredLastSeq() {
        return manifest.lastSeq() == null ? OptionalLong.empty() : OptionalLong.of(manifest.lastSeq());
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private InputStream entry(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException(file.getFileName() + " has no " + name);
        }
        return zip.getInputStream(entry);
    }

    private static String readSmallEntry(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("no " + name + " in the bundle");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(1024 * 1024);
            if (in.read() >= 0) {
                throw new IOException(name + " is larger than 1 MiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** events.ndjson as records; blank lines are skipped, an unreadable line is reported, not skipped. */
    private static final class EventLines implements Iterator<AuditRecord> {
        private final BoundedLines lines;
        private String next;
        private boolean done;

        EventLines(BoundedLines lines) {
            this.lines = lines;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    do {
                        next = lines.next();
                    } while (next != null && next.isBlank());
                } catch (IOException e) {
                    throw new AuditSourceException(AuditBundleWriter.EVENTS + " cannot be read after line " + lines.lineNumber() + ": "
                            + e.getMessage(), e);
                }
                done = next == null;
            }
            return next != null;
        }

        @Override
        public AuditRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String line = next;
            next = null;
            try {
                return EventLine.read(line);
            } catch (IllegalArgumentException e) {
                throw new UnreadableRecordException(AuditBundleWriter.EVENTS + " line " + lines.lineNumber() + ": " + e.getMessage(), e);
            }
        }
    }
}
