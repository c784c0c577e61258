package dev.gatehouse.bench.mysqlparsers;

import java.util.List;

/** One SQL parser under test. Implementations are not thread-safe. */
public interface Candidate {

    /** What a candidate made of one query string (one COM_QUERY may hold several statements). */
    record Outcome(boolean ok, List<String> kinds, String error) {
        static Outcome parsed(List<String> kinds) {
            return new Outcome(true, List.copyOf(kinds), null);
        }

        static Outcome refused(String error) {
            return new Outcome(false, List.of(), error == null ? "refused" : error);
        }
    }

    String name();

    /**
     * Parses one query string, read in the session mode given (a corpus mode: "-", ansi_quotes, ...;
     * the third-party parsers have no such setting and ignore it). Kinds are {@link Kinds} classes,
     * one per statement, in order. Never throws for bad SQL: a refusal is an Outcome.
     */
    Outcome parse(String sql, String mode);
}
