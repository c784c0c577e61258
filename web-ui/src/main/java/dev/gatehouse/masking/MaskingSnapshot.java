package dev.gatehouse.masking;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the data path's masking depends on, read from the store at one moment: the enabled
 * rules in order, the unmask grants that have not ended, and the unsealed keys of tokenization.
 * Grants are judged against the clock when a policy is compiled, so a grant that ends stops
 * applying at its end without waiting for a reload.
 *
 * @param tokenKeys secret key material by key id; never logged, never in {@link #toString()}
 */
public record MaskingSnapshot(List<ScopedRule> rules, List<ExemptionGrant> exemptions, Map<String, byte[]> tokenKeys) {

    public static final MaskingSnapshot EMPTY = new MaskingSnapshot(List.of(), List.of(), Map.of());

    public MaskingSnapshot {
        rules = List.copyOf(rules);
        exemptions = List.copyOf(exemptions);
        tokenKeys = Map.copyOf(tokenKeys);
    }

    /**
     * The rules in force for this identity on this connection at {@code now}, minus those an active
     * grant lifts, with the keys they name. A rule whose key is missing (retired, or unreadable)
     * stays in the policy without its key: the data path then stops what it covers (fail closed).
     */
    public MaskingPolicy policyFor(Identity identity, Connection connection, Instant now) {
        List<MaskingRule> inForce = rules.stream()
                .filter(r -> r.appliesOn(connection) && r.appliesTo(identity) && !exemptedFrom(r, identity, connection, now))
                .map(ScopedRule::rule)
                .toList();
        if (inForce.isEmpty()) {
            return MaskingPolicy.NONE;
        }
        Map<String, byte[]> keys = new HashMap<>();
        for (MaskingRule rule : inForce) {
            if (rule.method() instanceof MaskMethod.Tokenize tokenize && tokenKeys.containsKey(tokenize.keyId())) {
                keys.put(tokenize.keyId(), tokenKeys.get(tokenize.keyId()));
            }
        }
        return new MaskingPolicy(inForce, keys);
    }

    private boolean exemptedFrom(ScopedRule rule, Identity identity, Connection connection, Instant now) {
        return exemptions.stream().anyMatch(e -> e.activeAt(now) && e.covers(identity, connection, rule.id()));
    }

    /** When the next grant starts or ends after {@code now}: policies compiled before then may differ after. */
    public Optional<Instant> nextChangeAfter(Instant now) {
        return exemptions.stream()
                .filter(e -> e.revokedAt() == null)
                .flatMap(e -> Stream.of(e.startsAt(), e.endsAt()))
                .filter(now::isBefore)
                .min(Instant::compareTo);
    }

    @Override
    public String toString() {
        return "MaskingSnapshot[rules=" + rules.size() + ", exemptions=" + exemptions.size() + ", tokenKeys=" + tokenKeys.keySet() + "]";
    }
}
