package dev.gatehouse.proxy.masking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts masked values per rule and column for one statement's evidence. Never sees a value. */
public final class MaskingTally {

    private record Key(String ruleId, String ruleName, String column) {
    }

    private final Map<Key, long[]> counts = new LinkedHashMap<>();

    public void add(MaskingRule rule, String column, long values) {
        if (values > 0) {
            counts.computeIfAbsent(new Key(rule.id(), rule.name(), column), key -> new long[1])[0] += values;
        }
    }

    public void addAll(List<MaskingEvidence> evidence) {
        for (MaskingEvidence entry : evidence) {
            counts.computeIfAbsent(new Key(entry.ruleId(), entry.ruleName(), entry.column()), key -> new long[1])[0] += entry.values();
        }
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The evidence so far, and an empty tally afterwards. */
    public List<MaskingEvidence> drain() {
        List<MaskingEvidence> evidence = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> evidence.add(new MaskingEvidence(key.ruleId(), key.ruleName(), key.column(), count[0])));
        counts.clear();
        return evidence;
    }
}
