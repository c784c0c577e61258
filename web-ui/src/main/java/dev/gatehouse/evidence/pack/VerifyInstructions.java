package dev.gatehouse.evidence.pack;

import dev.gatehouse.evidence.report.ReportTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * VERIFY.txt: how an examiner checks the pack without trusting the bank's administrators. It lists
 * exactly the files the pack holds (never one that is absent), and names the signing key by its
 * full SHA-256 fingerprint.
 */
final class VerifyInstructions {

    /** What each file is, for the listing; a file without an entry here is described by its folder. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("MANIFEST.json", "the SHA-256 and size of every file listed in it, the scope and the key id"),
            Map.entry("MANIFEST.sig", "the Ed25519 signature over the exact bytes of MANIFEST.json (JSON, for gatehouse-verify)"),
            Map.entry("MANIFEST.sig.bin", "the same signature, raw 64 bytes, for OpenSSL"),
            Map.entry("MANIFEST.json.tsr", "an RFC 3161 timestamp token over MANIFEST.json"),
            Map.entry("SHA256SUMS", "the SHA-256 of every file in the pack, in sha256sum's format"),
            Map.entry("SHA256SUMS.sig", "the Ed25519 signature over SHA256SUMS, raw 64 bytes"),
            Map.entry("VERIFY.txt", "this file"),
            Map.entry("verify-with-openssl.sh", "the fallback procedure below, as a script"),
            Map.entry("report.pdf", "the report: scope, status table, data availability, one section per control C1-C15"),
            Map.entry("report.json", "every figure and status of the report, for tooling"),
            Map.entry("audit/signing-key.pem", "the signing key's public half as PEM (for convenience: obtain it independently)"),
            Map.entry("audit/chain-verification.json", "the gateway's verification of the audit chain for the period"),
            Map.entry("audit/checkpoints.json", "the signed checkpoints covering that range, with their anchor receipts"),
            Map.entry("audit/public-key.json", "the audit public keys, as /api/v1/audit/public-key serves them"),
            Map.entry("audit/chain-bundle.zip", "the audit events of the period, which gatehouse-verify checks itself"));

    private VerifyInstructions() {
    }

    static String text(PackHeader header, PackCustody custody, List<String> inPack) {
        String zip = "evidence-" + header.packId() + ".zip";
        StringBuilder text = new StringBuilder();
        text.append("Gatehouse evidence pack ").append(header.packId()).append('\n');
        text.append("Generated ").append(ReportTime.format(header.generatedAt())).append(" by ").append(header.generatedBy())
                .append(" with ").append(header.generator()).append(", signed with audit key ").append(header.keyId()).append(".\n");
        if (custody != null) {
            text.append("Signing key fingerprint (SHA-256 of the public key, DER SubjectPublicKeyInfo):\n    ")
                    .append(custody.fingerprint()).append('\n');
            text.append("Key created ").append(ReportTime.format(custody.keyCreatedAt())).append(".\n");
            text.append(custody.timestamper() == null
                    ? "No RFC 3161 timestamp authority is configured: the pack carries no independent timestamp.\n"
                    : "MANIFEST.json is timestamped (RFC 3161) by " + custody.timestamper().name() + ".\n");
        }
        text.append("""

                HOW TO VERIFY THIS PACK

                1. Obtain the gateway's public audit key yourself, not from this pack: from the bank's key
                   attestation, or GET https://<gateway>/api/v1/audit/public-key through a channel you trust,
                   and compare its SHA-256 fingerprint with the one above. The copies in audit/ are for
                   convenience only: whoever could alter the pack could also replace them.

                2. With Gatehouse's verifier (a Java 21+ runtime):
                     java -jar gatehouse-verify.jar --pack %1$s --keys public-key.json
                   Exit status 0 INTACT, 1 BROKEN (naming each file missing, added or altered, a bad
                   signature or the first broken link of the audit chain), 2 could not verify.

                3. Or with sha256sum and OpenSSL 3 only, in the unzipped pack:
                     sh verify-with-openssl.sh public-key.pem [tsa-ca.pem]
                   which does exactly this:
                     openssl pkey -pubin -in public-key.pem -outform DER | sha256sum     (the fingerprint)
                     openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig
                     openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in MANIFEST.json -sigfile MANIFEST.sig.bin
                     sha256sum -c SHA256SUMS          (and no file in the pack is missing from SHA256SUMS)
                     openssl ts -verify -data MANIFEST.json -in MANIFEST.json.tsr -token_in -CAfile tsa-ca.pem
                   Exit status 0 intact, 1 broken (the message names what), 2 could not verify.

                WHAT IS INSIDE (exactly these files)

                """.formatted(zip));
        Map<String, Long> folders = new TreeMap<>();
        for (String path : inPack) {
            String description = DESCRIPTIONS.get(path);
            if (description != null) {
                text.append(String.format("  %-32s %s%n", path, description));
            } else {
                int slash = path.indexOf('/');
                folders.merge(slash < 0 ? path : path.substring(0, slash + 1), 1L, Long::sum);
            }
        }
        folders.forEach((folder, count) -> text.append(String.format("  %-32s %d file(s)%s%n", folder, count,
                folder.equals("appendix/") ? ": the rows behind the figures, as CSV and JSON" : "")));
        return text.toString();
    }
}
