package dev.gatehouse.proxy.masking;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The masking rules in force for one identity on one connection, and the tokenization keys they
 * name. A {@link MaskMethod.Tokenize} rule whose key is absent here stops the statements it covers
 * (fail closed); it never lets their values through.
 *
 * @param tokenKeys secret key material by key id; never logged, never in {@link #toString()}
 */
public record MaskingPolicy(List<MaskingRule> rules, Map<String, byte[]> tokenKeys) {

    public static final MaskingPolicy NONE = new MaskingPolicy(List.of(), Map.of());

    public MaskingPolicy {
        rules = List.copyOf(rules);
        tokenKeys = Map.copyOf(Objects.requireNonNull(tokenKeys, "tokenKeys"));
    }

    /** Whether any result of this session needs to be looked at. */
    public boolean masks() {
        return !rules.isEmpty();
    }

    @Override
    public String toString() {
        return "MaskingPolicy[rules=" + rules + ", tokenKeys=" + tokenKeys.keySet() + "]";
    }
}
