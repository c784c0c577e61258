package dev.gatehouse.proxy.sql.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The statements that change how the target reads the next statement's bytes: {@code SET sql_mode}
 * (ANSI_QUOTES, NO_BACKSLASH_ESCAPES) and the client character set ({@code SET NAMES},
 * {@code SET CHARACTER SET}, {@code SET character_set_client}). A new sql_mode the gateway can read
 * from the text is followed: the rest of the string, and the session's next statements, are read
 * as the target will read them. A character set other than the pinned ones, or a value the text
 * does not show ({@code CONCAT(@@sql_mode, ...)}, {@code DEFAULT}, a variable) is refused
 * (docs/adr/0023).
 */
final class ReadingChanges {

    /** Character sets in which every byte below 0x80 is the ASCII character, whatever precedes it. */
    static final Set<String> SAFE_CHARSETS = Set.of("utf8mb4", "utf8mb3", "utf8", "latin1", "ascii", "binary");

    /** sql_mode values that imply ANSI_QUOTES (MariaDB's and MySQL's combination modes). */
    private static final Set<String> ANSI_QUOTING_MODES = Set.of("ANSI_QUOTES", "ANSI", "DB2", "MAXDB", "POSTGRESQL", "MSSQL", "ORACLE");
    /** Modes that change the grammar beyond quoting: MSSQL's [identifiers], ORACLE's PL/SQL. */
    private static final Set<String> REFUSED_MODES = Set.of("MSSQL", "ORACLE");

    /** The reading after a statement, or why the statement is refused. */
    record Outcome(MySqlReading after, String refusal) {
    }

    private ReadingChanges() {
    }

    static Outcome of(List<MySqlToken> tokens, MySqlReading before) {
        if (tokens.isEmpty() || !tokens.get(0).isWord("SET")) {
            return new Outcome(before, null);
        }
        if (tokens.size() > 1 && tokens.get(1).isWord("STATEMENT")) {
            int forAt = topLevelWord(tokens, "FOR");
            // The settings of SET STATEMENT hold while the statement runs, which the target parsed before setting them.
            return forAt < 0 ? new Outcome(before, null) : of(tokens.subList(forAt + 1, tokens.size()), before);
        }
        if (tokens.size() > 1 && tokens.get(1).isWord("NAMES")) {
            return charset(tokens.subList(2, tokens.size()), before, "SET NAMES");
        }
        if (tokens.size() > 2 && tokens.get(1).isWord("CHARACTER") && tokens.get(2).isWord("SET")) {
            return charset(tokens.subList(3, tokens.size()), before, "SET CHARACTER SET");
        }
        if (tokens.size() > 1 && tokens.get(1).isWord("CHARSET")) {
            return charset(tokens.subList(2, tokens.size()), before, "SET CHARSET");
        }
        MySqlReading reading = before;
        for (List<MySqlToken> assignment : assignments(tokens.subList(1, tokens.size()))) {
            Outcome outcome = assignment(assignment, reading);
            if (outcome.refusal() != null) {
                return outcome;
            }
            reading = outcome.after();
        }
        return new Outcome(reading, null);
    }

    private static Outcome assignment(List<MySqlToken> tokens, MySqlReading reading) {
        int k = 0;
        boolean global = false;
        boolean system = false;
        if (k < tokens.size() && tokens.get(k).word() != null
                && Set.of("GLOBAL", "SESSION", "LOCAL", "PERSIST", "PERSIST_ONLY").contains(tokens.get(k).word())) {
            global = !tokens.get(k).word().equals("SESSION") && !tokens.get(k).word().equals("LOCAL");
            system = true;
            k++;
        }
        if (k + 1 < tokens.size() && tokens.get(k).isSymbol("@") && tokens.get(k + 1).isSymbol("@")) {
            system = true;
            k += 2;
            if (k + 1 < tokens.size() && tokens.get(k + 1).isSymbol(".") && tokens.get(k).word() != null) {
                String scope = tokens.get(k).word();
                global = scope.equals("GLOBAL") || scope.startsWith("PERSIST");
                k += 2;
            }
        } else if (k < tokens.size() && tokens.get(k).isSymbol("@")) {
            return new Outcome(reading, null); // a user variable
        }
        if (k >= tokens.size()) {
            return new Outcome(reading, null);
        }
        String name = tokens.get(k).kind() == MySqlToken.Kind.WORD || tokens.get(k).kind() == MySqlToken.Kind.QUOTED_IDENTIFIER
                ? tokens.get(k).text().toLowerCase(Locale.ROOT) : "";
        if (global || !name.equals("sql_mode") && !name.equals("character_set_client")) {
            return new Outcome(reading, null); // GLOBAL reaches new sessions, whose reading is taken at login
        }
        List<MySqlToken> value = valueAfterEquals(tokens, k + 1);
        if (name.equals("character_set_client")) {
            return charset(value, reading, "SET character_set_client");
        }
        Outcome derived = derivedSqlMode(value, reading);
        if (derived != null) {
            return derived;
        }
        if (value.size() != 1 || value.get(0).kind() != MySqlToken.Kind.STRING && value.get(0).kind() != MySqlToken.Kind.WORD
                || value.get(0).isWord("DEFAULT")) {
            return new Outcome(reading, "SET sql_mode to a value the statement does not spell out: the gateway could no longer read"
                    + " the session's statements as the target reads them (write the modes as a string literal)");
        }
        return sqlMode(value.get(0).text(), reading);
    }

    /**
     * What drivers send at connect: {@code CONCAT(@@sql_mode, ',STRICT_TRANS_TABLES')} (MySQL and
     * MariaDB Connector/J) adds modes to the current ones, and {@code REPLACE(@@sql_mode, 'X', '')},
     * also as {@code (SELECT REPLACE(...))}, removes one. The reading follows an addition; a removal is
     * followed unless the removed text touches a mode that changes reading. Null for anything else.
     */
    private static Outcome derivedSqlMode(List<MySqlToken> value, MySqlReading reading) {
        List<MySqlToken> v = value;
        if (v.size() > 3 && v.get(0).isSymbol("(") && v.get(1).isWord("SELECT") && v.get(v.size() - 1).isSymbol(")")) {
            v = v.subList(2, v.size() - 1);
        }
        if (v.size() < 8 || !v.get(1).isSymbol("(") || !v.get(v.size() - 1).isSymbol(")")) {
            return null;
        }
        int k = 2;
        if (!v.get(k).isSymbol("@") || !v.get(k + 1).isSymbol("@")) {
            return null;
        }
        k += 2;
        if (v.get(k).isWord("SESSION") || v.get(k).isWord("LOCAL")) {
            if (!v.get(k + 1).isSymbol(".")) {
                return null;
            }
            k += 2;
        }
        if (!v.get(k).isWord("sql_mode") || !v.get(k + 1).isSymbol(",") || v.get(k + 2).kind() != MySqlToken.Kind.STRING) {
            return null;
        }
        String argument = v.get(k + 2).text();
        List<MySqlToken> rest = v.subList(k + 3, v.size() - 1);
        if (v.get(0).isWord("CONCAT") && rest.isEmpty()) {
            Outcome added = sqlMode(argument, reading);
            return added.refusal() != null ? added : new Outcome(new MySqlReading(reading.ansiQuotes() || added.after().ansiQuotes(),
                    reading.noBackslashEscapes() || added.after().noBackslashEscapes(), reading.serverVersion(), reading.mariaDb()), null);
        }
        if (v.get(0).isWord("REPLACE") && rest.size() == 2 && rest.get(0).isSymbol(",") && rest.get(1).kind() == MySqlToken.Kind.STRING) {
            String removed = argument.toUpperCase(Locale.ROOT).strip();
            boolean touchesReading = removed.isEmpty() || ANSI_QUOTING_MODES.stream().anyMatch(m -> m.contains(removed) || removed.contains(m))
                    || "NO_BACKSLASH_ESCAPES".contains(removed) || removed.contains("NO_BACKSLASH_ESCAPES");
            return touchesReading ? null : new Outcome(reading, null);
        }
        return null;
    }

    static Outcome sqlMode(String value, MySqlReading reading) {
        boolean ansiQuotes = false;
        boolean noBackslashEscapes = false;
        for (String mode : value.toUpperCase(Locale.ROOT).split(",")) {
            String m = mode.strip();
            if (REFUSED_MODES.contains(m)) {
                return new Outcome(reading, "sql_mode " + m + " changes the SQL grammar beyond what the gateway reads");
            }
            ansiQuotes |= ANSI_QUOTING_MODES.contains(m);
            noBackslashEscapes |= m.equals("NO_BACKSLASH_ESCAPES");
        }
        return new Outcome(reading.withSqlModeFlags(ansiQuotes, noBackslashEscapes), null);
    }

    private static Outcome charset(List<MySqlToken> value, MySqlReading reading, String what) {
        MySqlToken first = value.isEmpty() ? null : value.get(0);
        String name = first == null || first.kind() != MySqlToken.Kind.STRING && first.kind() != MySqlToken.Kind.WORD
                && first.kind() != MySqlToken.Kind.QUOTED_IDENTIFIER ? null : first.text().toLowerCase(Locale.ROOT);
        boolean rest = value.size() == 1 || value.size() >= 3 && value.get(1).isWord("COLLATE");
        if (name == null || !rest || !SAFE_CHARSETS.contains(name)) {
            return new Outcome(reading, what + " " + (first == null ? "" : first.text())
                    + ": Gatehouse reads statements as UTF-8, so the client character set can only be one of "
                    + String.join(", ", SAFE_CHARSETS.stream().sorted().toList()) + " (multi-byte sets such as GBK, BIG5 and SJIS"
                    + " have characters that end in a quote or backslash byte)");
        }
        return new Outcome(reading, null);
    }

    private static List<MySqlToken> valueAfterEquals(List<MySqlToken> tokens, int from) {
        int k = from;
        if (k < tokens.size() && tokens.get(k).isSymbol("=")) {
            k++;
        } else if (k + 1 < tokens.size() && tokens.get(k).isSymbol(":") && tokens.get(k + 1).isSymbol("=")) {
            k += 2;
        }
        return tokens.subList(Math.min(k, tokens.size()), tokens.size());
    }

    /** SET's comma-separated assignments, split outside parentheses. */
    private static List<List<MySqlToken>> assignments(List<MySqlToken> tokens) {
        List<List<MySqlToken>> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int k = 0; k < tokens.size(); k++) {
            MySqlToken token = tokens.get(k);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (token.isSymbol(",") && depth == 0) {
                out.add(tokens.subList(start, k));
                start = k + 1;
            }
        }
        out.add(tokens.subList(start, tokens.size()));
        return out;
    }

    private static int topLevelWord(List<MySqlToken> tokens, String word) {
        int depth = 0;
        for (int k = 0; k < tokens.size(); k++) {
            MySqlToken token = tokens.get(k);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            if (depth == 0 && token.isWord(word)) {
                return k;
            }
        }
        return -1;
    }
}
