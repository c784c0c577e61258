package dev.gatehouse.proxy.masking;

import java.util.Arrays;

/**
 * The findings of all content rules in one text, and how overlaps resolve: findings that overlap
 * (directly or through a chain) merge into one span, masked once, by the earliest rule in policy
 * order among them. So nine digits that are both a valid SSN and a valid routing number are masked
 * by whichever rule comes first, and a card number inside a longer custom match is not masked twice.
 */
final class Findings implements Finder.Sink {

    private int[] starts = new int[4];
    private int[] ends = new int[4];
    private int[] rules = new int[4];
    private int size;
    private int currentRule;

    void forRule(int ruleIndex) {
        currentRule = ruleIndex;
    }

    @Override
    public void add(int start, int end) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            rules = Arrays.copyOf(rules, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        rules[size] = currentRule;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Merges overlaps in place; afterwards spans are disjoint and in text order. Returns their count. */
    int merge() {
        sortByStart();
        int merged = 0;
        for (int k = 0; k < size; k++) {
            if (merged > 0 && starts[k] < ends[merged - 1]) {
                ends[merged - 1] = Math.max(ends[merged - 1], ends[k]);
                rules[merged - 1] = Math.min(rules[merged - 1], rules[k]);
            } else {
                starts[merged] = starts[k];
                ends[merged] = ends[k];
                rules[merged] = rules[k];
                merged++;
            }
        }
        size = merged;
        return merged;
    }

    int start(int k) {
        return starts[k];
    }

    int end(int k) {
        return ends[k];
    }

    int rule(int k) {
        return rules[k];
    }

    /** Insertion sort: a text rarely holds more than a handful of findings, and they arrive mostly sorted. */
    private void sortByStart() {
        for (int k = 1; k < size; k++) {
            int start = starts[k];
            int end = ends[k];
            int rule = rules[k];
            int j = k - 1;
            while (j >= 0 && (starts[j] > start || (starts[j] == start && rules[j] > rule))) {
                starts[j + 1] = starts[j];
                ends[j + 1] = ends[j];
                rules[j + 1] = rules[j];
                j--;
            }
            starts[j + 1] = start;
            ends[j + 1] = end;
            rules[j + 1] = rule;
        }
    }
}
