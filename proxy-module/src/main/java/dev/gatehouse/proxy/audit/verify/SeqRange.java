package dev.gatehouse.proxy.audit.verify;

/**
 * The part of the chain being verified, both ends inclusive. A range that starts at seq 1 starts at
 * the genesis, so its first row's prev_hash can be checked; any later start cannot.
 */
public record SeqRange(long from, long to) {

    public static final SeqRange WHOLE_CHAIN = new SeqRange(1, Long.MAX_VALUE);

    public SeqRange {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("a seq range needs 1 <= from <= to, got " + from + ".." + to);
        }
    }

    public static SeqRange of(Long from, Long to) {
        return new SeqRange(from == null ? 1 : from, to == null ? Long.MAX_VALUE : to);
    }

    public boolean startsAtGenesis() {
        return from == 1;
    }

    public boolean isOpenEnded() {
        return to == Long.MAX_VALUE;
    }

    public boolean contains(long seq) {
        return seq >= from && seq <= to;
    }

    @Override
    public String toString() {
        return from + ".." + (isOpenEnded() ? "" : Long.toString(to));
    }
}
