package dev.gatehouse.proxy.audit.pack;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.verify.VerificationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What verifying an evidence pack found.
 *
 * @param packId       the manifest's pack id, null when the manifest could not be read
 * @param generatedAt  when the manifest says the pack was made, null likewise
 * @param filesChecked listed files whose bytes were read and compared
 * @param keyId        the key the manifest names, null when unknown
 * @param chain        the verdict on audit/chain-bundle.zip, null when the pack holds none
 */
public record PackVerification(String source, String packId, String generatedAt, List<PackProblem> problems, int filesChecked, String keyId,
        VerificationReport chain) {

    public PackVerification {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    public String verdict() {
        String pack = packId == null ? source : "evidence pack " + packId;
        if (intact()) {
            return "INTACT: " + pack + ", " + filesChecked + (filesChecked == 1 ? " file matches" : " files match")
                    + " the manifest signed by key " + keyId;
        }
        return "BROKEN: " + pack + ", " + problems.size() + (problems.size() == 1 ? " problem" : " problems");
    }

    /** The verdict, one line per problem, then the chain's verdict, as the command prints it. */
    public String humanText() {
        List<String> lines = new ArrayList<>();
        lines.add(verdict());
        for (PackProblem problem : problems) {
            lines.add("  " + problem.kind() + " " + problem.path() + ": " + problem.sentence());
        }
        if (chain != null) {
            lines.add("  audit chain (audit/chain-bundle.zip): " + chain.verdict());
        } else if (packId != null) {
            lines.add("  the pack holds no audit/chain-bundle.zip: no audit-chain verdict");
        }
        return String.join(System.lineSeparator(), lines);
    }

    public String toJson() {
        List<Object> listed = new ArrayList<>();
        for (PackProblem problem : problems) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", problem.path());
            entry.put("kind", problem.kind().name());
            entry.put("sentence", problem.sentence());
            listed.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intact", intact());
        json.put("source", source);
        json.put("pack_id", packId);
        json.put("generated_at", generatedAt);
        json.put("key_id", keyId);
        json.put("files_checked", filesChecked);
        json.put("problems", listed);
        json.put("chain", chain == null ? null : CanonicalJson.parse(chain.toJson()));
        return CanonicalJson.write(json);
    }
}
