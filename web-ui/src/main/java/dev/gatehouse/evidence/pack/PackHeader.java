package dev.gatehouse.evidence.pack;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.PackScope;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the manifest says about a pack besides its files.
 *
 * @param generatedBy who requested it (a user name)
 * @param generator   the software, e.g. "gatehouse 0.1.0"
 * @param keyId       the audit key that will sign it ({@code AuditSigningKeys.activeKeyId()})
 */
public record PackHeader(String packId, Instant generatedAt, String generatedBy, String generator, PackScope scope, String keyId) {

    /** The scope as the manifest's plain strings. */
    Map<String, String> scopeStrings() {
        Map<String, String> strings = new TreeMap<>();
        strings.put("period_from", scope.from().toString());
        strings.put("period_to", scope.to().toString());
        strings.put("connections", scope.allConnections() ? "all" : String.join(", ", scope.connections()));
        strings.put("labels", String.join(", ", scope.labels()));
        strings.put("controls", scope.controls().stream().sorted().map(FfiecControl::name).collect(Collectors.joining(",")));
        return strings;
    }
}
