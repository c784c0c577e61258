package dev.gatehouse.proxy.audit.pack;

import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.pack.PackContents.OnDisk;
import dev.gatehouse.proxy.audit.pack.PackContents.UnreadablePackException;
import dev.gatehouse.proxy.audit.pack.PackProblem.Kind;
import dev.gatehouse.proxy.audit.verify.AuditBundleReader;
import dev.gatehouse.proxy.audit.verify.AuditSourceException;
import dev.gatehouse.proxy.audit.verify.ChainVerifier;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.PublicKeys.SignatureCheck;
import dev.gatehouse.proxy.audit.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Verifies an evidence pack, zipped or unzipped, against keys the examiner holds: the manifest's
 * signature, every listed file's SHA-256 and size, no file missing or added, and the audit-chain
 * bundle inside it. Every finding is a {@link PackProblem}; an IOException means only that the pack
 * could not be found or read from disk at all.
 */
public final class PackVerifier {

    public static final String CHAIN_BUNDLE = "audit/chain-bundle.zip";
    /** Files written after MANIFEST.json for the OpenSSL-only procedure, which that procedure checks. */
    public static final Set<String> OPENSSL_FILES = Set.of("MANIFEST.sig.bin", "MANIFEST.json.tsr", "SHA256SUMS", "SHA256SUMS.sig");

    private static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

    private final PublicKeys keys;
    private final List<Checkpoint> anchored;

    public PackVerifier(PublicKeys keys) {
        this(keys, List.of());
    }

    /** @param anchored checkpoints from an anchor the examiner reads, compared with the chain bundle's */
    public PackVerifier(PublicKeys keys, List<Checkpoint> anchored) {
        this.keys = keys;
        this.anchored = List.copyOf(anchored);
    }

    public PackVerification verify(Path pack) throws IOException {
        if (!Files.exists(pack)) {
            throw new IOException("the pack " + pack + " does not exist");
        }
        String source = pack.getFileName() == null ? pack.toString() : pack.getFileName().toString();
        PackContents contents;
        try {
            contents = PackContents.open(pack);
        } catch (UnreadablePackException e) {
            return new PackVerification(source, null, null, List.of(new PackProblem(source, Kind.UNREADABLE_PACK, e.getMessage())), 0, null, null);
        }
        try (contents) {
            return new Run(source, contents).verify();
        }
    }

    /** One verification: the problems found so far. */
    private final class Run {
        private final String source;
        private final PackContents contents;
        private final List<PackProblem> problems = new ArrayList<>();
        private int filesChecked;

        Run(String source, PackContents contents) {
            this.source = source;
            this.contents = contents;
        }

        PackVerification verify() throws IOException {
            byte[] manifestBytes = readSmall(PackManifest.FILE_NAME);
            byte[] signatureBytes = readSmall(ManifestSignature.FILE_NAME);
            if (manifestBytes == null) {
                return result(null, null);
            }
            PackManifest manifest;
            try {
                manifest = PackManifest.parse(new String(manifestBytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                problem(PackManifest.FILE_NAME, Kind.UNREADABLE_MANIFEST, e.getMessage());
                return result(null, null);
            }
            ManifestSignature signature = signatureBytes == null ? null : checkSignature(manifest, manifestBytes, signatureBytes);
            checkListedFiles(manifest);
            checkUnlistedFiles(manifest);
            checkOpenSslFiles(manifest, signature);
            VerificationReport chain = contents.has(CHAIN_BUNDLE) ? verifyChain() : null;
            return result(manifest, chain);
        }

        private PackVerification result(PackManifest manifest, VerificationReport chain) {
            return new PackVerification(source, manifest == null ? null : manifest.packId(),
                    manifest == null ? null : manifest.generatedAt().toString(), problems, filesChecked, manifest == null ? null : manifest.keyId(),
                    chain);
        }

        /**
         * The OpenSSL fallback's files, written after the manifest (so it cannot list them), are
         * checked here as strictly: SHA256SUMS.sig verifies over SHA256SUMS with the manifest's key,
         * every line of SHA256SUMS matches its file, every file is in it, and MANIFEST.sig.bin is the
         * manifest's own signature. A pack without SHA256SUMS (older ones) must hold none of them.
         */
        private void checkOpenSslFiles(PackManifest manifest, ManifestSignature signature) throws IOException {
            if (!contents.has("SHA256SUMS")) {
                for (String file : OPENSSL_FILES) {
                    if (contents.has(file)) {
                        problem(file, Kind.EXTRA_FILE, "the pack holds it but has no SHA256SUMS listing it: it was added after signing");
                    }
                }
                return;
            }
            byte[] sums = readSmall("SHA256SUMS");
            byte[] sumsSignature = readSmall("SHA256SUMS.sig");
            if (sums == null || sumsSignature == null || signature == null) {
                return;
            }
            ManifestSignature overSums = new ManifestSignature(signature.keyId(), signature.algorithm(),
                    java.util.Base64.getEncoder().encodeToString(sumsSignature));
            if (overSums.check(sums, manifest.generatedAt(), keys) != SignatureCheck.VALID) {
                problem("SHA256SUMS.sig", Kind.BAD_SIGNATURE, "the signature over SHA256SUMS does not verify with key " + signature.keyId());
            }
            Set<String> listed = new HashSet<>();
            for (String line : new String(sums, StandardCharsets.UTF_8).lines().toList()) {
                if (line.length() < 67 || line.charAt(64) != ' ' || line.charAt(65) != ' ') {
                    problem("SHA256SUMS", Kind.ALTERED_FILE, "a line is not in sha256sum's format: " + line);
                    continue;
                }
                String path = line.substring(66);
                listed.add(path);
                if (!contents.has(path)) {
                    problem(path, Kind.MISSING_FILE, "SHA256SUMS lists it but the pack does not hold it");
                } else if (!measure(path).sha256().equals(line.substring(0, 64))) {
                    problem(path, Kind.ALTERED_FILE, "its SHA-256 differs from the one SHA256SUMS lists: it was changed");
                }
            }
            for (String path : contents.paths()) {
                if (!path.equals("SHA256SUMS") && !path.equals("SHA256SUMS.sig") && !listed.contains(path)) {
                    problem(path, Kind.EXTRA_FILE, "the pack holds it but SHA256SUMS does not list it: it was added after signing");
                }
            }
            byte[] raw = contents.has("MANIFEST.sig.bin") ? readSmall("MANIFEST.sig.bin") : null;
            if (raw != null && !java.util.Arrays.equals(raw, decoded(signature.signature()))) {
                problem("MANIFEST.sig.bin", Kind.ALTERED_FILE, "it is not the signature MANIFEST.sig holds over MANIFEST.json");
            }
        }

        /** An altered MANIFEST.sig may hold text that is not base64: it then matches no raw signature. */
        private static byte[] decoded(String base64) {
            try {
                return java.util.Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }

        private ManifestSignature checkSignature(PackManifest manifest, byte[] manifestBytes, byte[] signatureBytes) {
            ManifestSignature signature;
            try {
                signature = ManifestSignature.parse(new String(signatureBytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                problem(ManifestSignature.FILE_NAME, Kind.UNREADABLE_MANIFEST, e.getMessage());
                return null;
            }
            if (!signature.keyId().equals(manifest.keyId())) {
                problem(ManifestSignature.FILE_NAME, Kind.BAD_SIGNATURE, "the signature names key " + signature.keyId()
                        + " but the manifest says it is signed by key " + manifest.keyId());
                return null;
            }
            SignatureCheck check = signature.check(manifestBytes, manifest.generatedAt(), keys);
            switch (check) {
                case VALID -> { }
                case UNKNOWN_KEY -> problem(ManifestSignature.FILE_NAME, Kind.UNKNOWN_KEY, "the manifest is signed by key " + signature.keyId()
                        + ", which is not among the trusted keys");
                case BAD_SIGNATURE -> problem(ManifestSignature.FILE_NAME, Kind.BAD_SIGNATURE, "no trusted key verifies the signature over "
                        + PackManifest.FILE_NAME + ": the manifest was changed after signing, or another key signed it");
                case SIGNED_AFTER_RETIREMENT -> problem(ManifestSignature.FILE_NAME, Kind.SIGNED_AFTER_RETIREMENT, "the manifest was signed at "
                        + manifest.generatedAt() + " by key " + signature.keyId() + ", after that key was retired");
            }
            return signature;
        }

        private void checkListedFiles(PackManifest manifest) {
            for (PackManifest.PackFile file : manifest.files()) {
                if (!contents.has(file.path())) {
                    problem(file.path(), Kind.MISSING_FILE, "the manifest lists it but the pack does not hold it");
                    continue;
                }
                filesChecked++;
                try {
                    Measured measured = measure(file.path());
                    if (!measured.sha256().equals(file.sha256()) || measured.size() != file.size()) {
                        problem(file.path(), Kind.ALTERED_FILE, "its SHA-256 is " + measured.sha256() + " (" + measured.size()
                                + " bytes) but the manifest lists " + file.sha256() + " (" + file.size() + " bytes): it was changed");
                    }
                } catch (IOException e) {
                    problem(file.path(), Kind.ALTERED_FILE, "its bytes cannot be read back (" + e.getMessage() + "): it is damaged");
                }
            }
        }

        private void checkUnlistedFiles(PackManifest manifest) throws IOException {
            Set<String> listed = new HashSet<>(List.of(PackManifest.FILE_NAME, ManifestSignature.FILE_NAME));
            // The OpenSSL fallback's files are written after the manifest, so it cannot list them:
            // the raw signatures, the RFC 3161 token and SHA256SUMS, which verify-with-openssl.sh checks.
            listed.addAll(OPENSSL_FILES);
            manifest.files().forEach(file -> listed.add(file.path()));
            Set<String> seen = new HashSet<>();
            for (String path : contents.paths()) {
                if (!seen.add(path)) {
                    problem(path, Kind.DUPLICATE_FILE, "the zip holds more than one entry with this path: only one of them was checked");
                } else if (!listed.contains(path)) {
                    problem(path, Kind.EXTRA_FILE, "the pack holds it but the manifest does not list it: it was added after signing");
                }
            }
        }

        private VerificationReport verifyChain() {
            try (OnDisk bundle = contents.onDisk(CHAIN_BUNDLE); AuditBundleReader reader = AuditBundleReader.open(bundle.file())) {
                VerificationReport report = new ChainVerifier(keys).withAnchor(anchored).verify(reader);
                if (!report.intact()) {
                    problem(CHAIN_BUNDLE, Kind.BROKEN_CHAIN, report.verdict());
                }
                return report;
            } catch (IOException | AuditSourceException e) {
                problem(CHAIN_BUNDLE, Kind.BROKEN_CHAIN, "the audit-chain bundle cannot be verified: " + e.getMessage());
                return null;
            }
        }

        /** A small control file, or null (with the problem noted) when it is missing or unreadable. */
        private byte[] readSmall(String path) throws IOException {
            if (!contents.has(path)) {
                problem(path, Kind.MISSING_FILE, "every pack holds " + path + "; without it nothing in the pack can be trusted");
                return null;
            }
            try (InputStream in = contents.open(path)) {
                byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES);
                if (in.read() >= 0) {
                    problem(path, Kind.UNREADABLE_MANIFEST, path + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
                    return null;
                }
                return bytes;
            } catch (java.util.zip.ZipException e) {
                problem(path, Kind.UNREADABLE_MANIFEST, path + " cannot be read back (" + e.getMessage() + "): it is damaged");
                return null;
            }
        }

        private Measured measure(String path) throws IOException {
            MessageDigest sha256 = Digests.sha256();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = contents.open(path)) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    sha256.update(buffer, 0, read);
                    size += read;
                }
            }
            return new Measured(HexFormat.of().formatHex(sha256.digest()), size);
        }

        private void problem(String path, Kind kind, String sentence) {
            problems.add(new PackProblem(path, kind, sentence));
        }
    }

    private record Measured(String sha256, long size) {
    }
}
