package dev.gatehouse.bench.sqlparsers;

import java.util.List;

/** One SQL parser under test. Implementations are not thread-safe. */
public interface Candidate {

    /** What a candidate made of one query string (a simple-query message may hold several statements). */
    record Outcome(boolean ok, List<String> kinds, String error) {
        static Outcome parsed(List<String> kinds) {
            return new Outcome(true, List.copyOf(kinds), null);
        }

        static Outcome refused(String error) {
            return new Outcome(false, List.of(), error);
        }
    }

    String name();

    /**
     * Parses one query string. Kinds are PostgreSQL command tags ("SELECT", "DROP TABLE", ...),
     * one per statement, in order. Never throws for bad SQL: a refusal is an Outcome.
     */
    Outcome parse(String sql);
}
