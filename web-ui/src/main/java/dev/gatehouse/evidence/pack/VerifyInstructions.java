package dev.gatehouse.evidence.pack;

/** VERIFY.txt: how an examiner checks the pack without trusting the bank's administrators. */
final class VerifyInstructions {

    private VerifyInstructions() {
    }

    static String text(PackHeader header) {
        String zip = "evidence-" + header.packId() + ".zip";
        return """
                Gatehouse evidence pack %1$s
                Generated %2$s by %3$s with %4$s, signed with audit key %5$s.

                HOW TO VERIFY THIS PACK

                1. Get the gateway's public audit key yourself, not only from this pack:
                     GET https://<gateway>/api/v1/audit/public-key   (save it as public-key.json)
                   Compare it with a copy you obtained earlier or through another channel. The copy in
                   audit/public-key.json is for convenience only: whoever could alter the pack could
                   also replace that file.

                2. Run the verifier (it needs only a Java 21+ runtime):
                     java -jar gatehouse-verify.jar --pack %6$s --keys public-key.json
                   --pack also accepts the directory the zip was unpacked into; add --json for a
                   machine-readable report.

                3. Read the exit status:
                     0  INTACT: the manifest's signature verifies with your key, every file matches
                        its SHA-256 and size, nothing is missing or added, and the audit-chain
                        bundle verifies.
                     1  BROKEN: the output names each file that is missing, added or altered, a bad
                        or unknown signature, or the first broken link of the audit chain.
                     2  Could not verify: a usage error or an unreadable key file; nothing was decided.

                WHAT IS INSIDE

                  MANIFEST.json              the SHA-256 and size of every other file, the scope and the key id
                  MANIFEST.sig               the Ed25519 signature over the exact bytes of MANIFEST.json
                  VERIFY.txt                 this file (listed in the manifest too)
                  report.pdf                 the report: scope, executive summary, one section per control C1-C15
                  appendix/                  CSV and JSON appendices (identities, grants and approvals,
                                             statements, blocked commands, masking, retention, log access, SIEM)
                  audit/chain-verification.json  the gateway's verification of the audit chain for the period
                  audit/checkpoints.json     the signed checkpoints covering that range, with their anchor receipts
                  audit/public-key.json      the audit public keys, as /api/v1/audit/public-key serves them
                  audit/chain-bundle.zip     the audit events of the period, which gatehouse-verify checks itself
                """.formatted(header.packId(), header.generatedAt(), header.generatedBy(), header.generator(), header.keyId(), zip);
    }
}
