package dev.gatehouse.evidence.pack;

import dev.gatehouse.evidence.KeepOpenOutputStream;
import dev.gatehouse.audit.chain.AuditSignature;
import dev.gatehouse.evidence.PackEntries;
import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.pack.ManifestSignature;
import dev.gatehouse.proxy.audit.pack.PackManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an evidence pack as a zip, streamed: every file is hashed and counted as it passes, and
 * {@link #finish} adds VERIFY.txt, then MANIFEST.json listing every file and MANIFEST.sig, its
 * signature, which gatehouse-verify --pack checks. The caller's stream is never closed here.
 */
public final class SignedPackWriter implements PackEntries, AutoCloseable {

    public static final String VERIFY_FILE = "VERIFY.txt";
    /** Compared case-insensitively: on macOS or Windows "manifest.json" would overwrite MANIFEST.json when unzipped. */
    private static final Set<String> RESERVED = Set.of(PackManifest.FILE_NAME.toLowerCase(Locale.ROOT),
            ManifestSignature.FILE_NAME.toLowerCase(Locale.ROOT), VERIFY_FILE.toLowerCase(Locale.ROOT));

    private final ZipOutputStream zip;
    private final List<PackManifest.PackFile> files = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    private HashingEntry current;
    private boolean finished;

    public SignedPackWriter(OutputStream out) {
        this.zip = new ZipOutputStream(new KeepOpenOutputStream(out), StandardCharsets.UTF_8);
    }

    @Override
    public OutputStream open(String path) throws IOException {
        checkPath(path);
        if (RESERVED.contains(path.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(path + " is written by the pack itself");
        }
        return start(path);
    }

    /**
     * Writes VERIFY.txt, MANIFEST.json and MANIFEST.sig and finishes the zip.
     *
     * @return the SHA-256 (hex) of MANIFEST.json, which the pack history shows
     */
    public String finish(PackHeader header, PackSigner signer) throws IOException {
        try (OutputStream instructions = start(VERIFY_FILE)) {
            instructions.write(VerifyInstructions.text(header).getBytes(StandardCharsets.UTF_8));
        }
        byte[] manifest = PackManifest.of(header.packId(), header.generatedAt(), header.generatedBy(), header.generator(),
                header.scopeStrings(), header.keyId(), files).toBytes();
        AuditSignature signed = signer.sign(manifest);
        if (!header.keyId().equals(signed.keyId())) {
            // The audit key rotated between reading its id and signing: the pack would not verify.
            throw new IllegalStateException("the audit key rotated while the pack was signed (" + header.keyId() + " became "
                    + signed.keyId() + "); generate the pack again");
        }
        writeControlFile(PackManifest.FILE_NAME, manifest);
        writeControlFile(ManifestSignature.FILE_NAME,
                ManifestSignature.of(signed.keyId(), signed.signature()).toJson().getBytes(StandardCharsets.UTF_8));
        zip.finish();
        finished = true;
        return Digests.sha256Hex(manifest);
    }

    /** Ends the zip; a pack closed without {@link #finish} has no manifest, so it never verifies. */
    @Override
    public void close() throws IOException {
        zip.close();
    }

    private OutputStream start(String path) throws IOException {
        if (finished) {
            throw new IllegalStateException("the pack is finished; " + path + " comes too late");
        }
        if (current != null && !current.closed) {
            throw new IllegalStateException("close " + current.path + " before opening " + path);
        }
        if (!taken.add(path.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(path + " is already in the pack");
        }
        zip.putNextEntry(new ZipEntry(path));
        current = new HashingEntry(path);
        return current;
    }

    private void writeControlFile(String path, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void checkPath(String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.endsWith("/") || path.contains("\\") || path.contains(":")) {
            throw new IllegalArgumentException("a pack path is relative, '/'-separated and names a file: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("a pack path has no empty, '.' or '..' segment: " + path);
            }
        }
    }

    /** One file's bytes on their way into the zip, hashed and counted for the manifest. */
    private final class HashingEntry extends OutputStream {
        private final String path;
        private final MessageDigest sha256 = Digests.sha256();
        private long size;
        private boolean closed;

        HashingEntry(String path) {
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            zip.write(b);
            sha256.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ensureOpen();
            zip.write(bytes, offset, length);
            sha256.update(bytes, offset, length);
            size += length;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                zip.closeEntry();
                files.add(new PackManifest.PackFile(path, HexFormat.of().formatHex(sha256.digest()), size));
            }
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException(path + " is already closed");
            }
        }
    }
}
