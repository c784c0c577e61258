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
    public static final String SIGNING_KEY_PEM = "audit/signing-key.pem";
    public static final String OPENSSL_SCRIPT = "verify-with-openssl.sh";
    public static final String RAW_SIGNATURE = "MANIFEST.sig.bin";
    public static final String TIMESTAMP_TOKEN = "MANIFEST.json.tsr";
    public static final String SHA256SUMS = "SHA256SUMS";
    public static final String SHA256SUMS_SIG = "SHA256SUMS.sig";
    /** Compared case-insensitively: on macOS or Windows "manifest.json" would overwrite MANIFEST.json when unzipped. */
    private static final Set<String> RESERVED = Set.of(PackManifest.FILE_NAME.toLowerCase(Locale.ROOT),
            ManifestSignature.FILE_NAME.toLowerCase(Locale.ROOT), VERIFY_FILE.toLowerCase(Locale.ROOT), SIGNING_KEY_PEM.toLowerCase(Locale.ROOT),
            OPENSSL_SCRIPT.toLowerCase(Locale.ROOT), RAW_SIGNATURE.toLowerCase(Locale.ROOT), TIMESTAMP_TOKEN.toLowerCase(Locale.ROOT),
            SHA256SUMS.toLowerCase(Locale.ROOT), SHA256SUMS_SIG.toLowerCase(Locale.ROOT));

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
     * Writes VERIFY.txt, MANIFEST.json and MANIFEST.sig and finishes the zip, without the OpenSSL
     * fallback's files: for tests of the manifest alone. The gateway always finishes with custody.
     */
    String finish(PackHeader header, PackSigner signer) throws IOException {
        return finish(header, signer, null);
    }

    /**
     * Writes the signing key as PEM, the OpenSSL verification script and VERIFY.txt (all listed in
     * the manifest), then MANIFEST.json, MANIFEST.sig, the raw signature MANIFEST.sig.bin, the RFC 3161
     * token MANIFEST.json.tsr when a timestamp authority is configured, SHA256SUMS over every file
     * and its signature SHA256SUMS.sig, and finishes the zip.
     *
     * @param custody null only in tests of the manifest alone
     * @return the SHA-256 (hex) of MANIFEST.json, which the pack history shows
     * @throws IOException when the timestamp authority does not answer: the pack is refused, never sent without it
     */
    public String finish(PackHeader header, PackSigner signer, PackCustody custody) throws IOException {
        if (custody != null) {
            writeListed(SIGNING_KEY_PEM, KeyFingerprint.pem(custody.signingKey()).getBytes(StandardCharsets.US_ASCII));
            writeListed(OPENSSL_SCRIPT, opensslScript());
        }
        List<String> after = new ArrayList<>(List.of(PackManifest.FILE_NAME, ManifestSignature.FILE_NAME));
        if (custody != null) {
            after.add(RAW_SIGNATURE);
            if (custody.timestamper() != null) {
                after.add(TIMESTAMP_TOKEN);
            }
            after.addAll(List.of(SHA256SUMS, SHA256SUMS_SIG));
        }
        List<String> inPack = new ArrayList<>(files.stream().map(PackManifest.PackFile::path).toList());
        inPack.add(VERIFY_FILE);
        inPack.addAll(after);
        try (OutputStream instructions = start(VERIFY_FILE)) {
            instructions.write(VerifyInstructions.text(header, custody, inPack).getBytes(StandardCharsets.UTF_8));
        }
        byte[] manifest = PackManifest.of(header.packId(), header.generatedAt(), header.generatedBy(), header.generator(),
                header.scopeStrings(), header.keyId(), files).toBytes();
        AuditSignature signed = sign(signer, header, manifest);
        byte[] token = custody == null || custody.timestamper() == null ? null : timestamp(custody.timestamper(), manifest);
        List<PackManifest.PackFile> all = new ArrayList<>(files);
        all.add(writeControlFile(PackManifest.FILE_NAME, manifest));
        all.add(writeControlFile(ManifestSignature.FILE_NAME,
                ManifestSignature.of(signed.keyId(), signed.signature()).toJson().getBytes(StandardCharsets.UTF_8)));
        if (custody != null) {
            all.add(writeControlFile(RAW_SIGNATURE, signed.signature()));
            if (token != null) {
                all.add(writeControlFile(TIMESTAMP_TOKEN, token));
            }
            StringBuilder sums = new StringBuilder();
            all.stream().sorted(java.util.Comparator.comparing(PackManifest.PackFile::path))
                    .forEach(f -> sums.append(f.sha256()).append("  ").append(f.path()).append('\n'));
            byte[] sumsBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
            writeControlFile(SHA256SUMS, sumsBytes);
            writeControlFile(SHA256SUMS_SIG, sign(signer, header, sumsBytes).signature());
        }
        zip.finish();
        finished = true;
        return Digests.sha256Hex(manifest);
    }

    private static AuditSignature sign(PackSigner signer, PackHeader header, byte[] bytes) {
        AuditSignature signed = signer.sign(bytes);
        if (!header.keyId().equals(signed.keyId())) {
            // The audit key rotated between reading its id and signing: the pack would not verify.
            throw new IllegalStateException("the audit key rotated while the pack was signed (" + header.keyId() + " became "
                    + signed.keyId() + "); generate the pack again");
        }
        return signed;
    }

    private static byte[] timestamp(Timestamper timestamper, byte[] manifest) throws IOException {
        try {
            return timestamper.timestamp(Digests.sha256().digest(manifest));
        } catch (IOException e) {
            throw new IOException("the timestamp authority " + timestamper.name() + " did not timestamp the manifest (" + e.getMessage()
                    + "); the pack is refused rather than sent without its timestamp", e);
        }
    }

    private void writeListed(String path, byte[] bytes) throws IOException {
        try (OutputStream out = start(path)) {
            out.write(bytes);
        }
    }

    private static byte[] opensslScript() throws IOException {
        try (var in = SignedPackWriter.class.getResourceAsStream(OPENSSL_SCRIPT)) {
            if (in == null) {
                throw new IOException(OPENSSL_SCRIPT + " is missing from the gateway's build");
            }
            return in.readAllBytes();
        }
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

    private PackManifest.PackFile writeControlFile(String path, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
        return new PackManifest.PackFile(path, Digests.sha256Hex(bytes), bytes.length);
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
