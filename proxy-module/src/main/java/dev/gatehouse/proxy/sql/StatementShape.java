package dev.gatehouse.proxy.sql;

/**
 * The text of a statement with its number and plain string literals replaced by {@code ?}, so
 * {@code ... WHERE aid = 10417} and {@code ... WHERE aid = 52} share one parse. Clients that
 * inline values (psql, most ORMs, pgbench's simple mode) would otherwise miss the cache every time.
 *
 * <p>A shape is only safe if it finds literals exactly where PostgreSQL's scanner does. So it
 * refuses (returns null) for any text where that takes more than a trivial scanner: comments and
 * quoted identifiers (outside string literals, where they are plain characters), dollar quoting,
 * backslashes anywhere (escape strings, or standard_conforming_strings off), prefixed strings ({@code E'…'}, {@code U&'…'}, {@code B'…'},
 * {@code X'…'}, {@code N'…'}) and numbers in any but the plain {@code 123} / {@code 1.5} form. Such
 * texts are cached by their exact text only. Whitespace is kept as it is.
 */
final class StatementShape {

    private StatementShape() {
    }

    /**
     * The shape of {@code sql}, or null when the text is not simple enough to shape safely. Runs
     * for every simple-protocol statement whose exact text is not cached: one pass, one array.
     */
    static String of(String sql) {
        int length = sql.length();
        char[] shape = new char[length];
        int written = 0;
        int at = 0;
        while (at < length) {
            char c = sql.charAt(at);
            int end;
            switch (c) {
                case '\\', '"' -> {
                    return null; // backslash escapes, quoted identifiers
                }
                case '-', '/' -> {
                    if (at + 1 < length && sql.charAt(at + 1) == (c == '-' ? '-' : '*')) {
                        return null; // comments
                    }
                    shape[written++] = c;
                    at++;
                    continue;
                }
                case '$' -> {
                    end = at + 1;
                    while (end < length && isDigit(sql.charAt(end))) {
                        end++;
                    }
                    if (end == at + 1) {
                        return null; // dollar quoting
                    }
                    // a parameter, $1: copied below, not a literal
                }
                case '\'' -> {
                    end = stringEnd(sql, at);
                    if (end < 0) {
                        return null;
                    }
                    shape[written++] = '?';
                    at = end;
                    continue;
                }
                case '.' -> {
                    if (at + 1 < length && isDigit(sql.charAt(at + 1))) {
                        return null; // .5
                    }
                    shape[written++] = c;
                    at++;
                    continue;
                }
                default -> {
                    if (isDigit(c)) {
                        end = numberEnd(sql, at);
                        if (end < 0) {
                            return null;
                        }
                        shape[written++] = '?';
                        at = end;
                        continue;
                    }
                    if (!isIdentifierStart(c)) {
                        shape[written++] = c;
                        at++;
                        continue;
                    }
                    end = at + 1;
                    while (end < length && isIdentifierPart(sql.charAt(end))) {
                        end++;
                    }
                    if (end < length && (sql.charAt(end) == '\'' || sql.charAt(end) == '&')) {
                        return null; // E'...', U&'...', B'...' and friends
                    }
                }
            }
            sql.getChars(at, end, shape, written);
            written += end - at;
            at = end;
        }
        return new String(shape, 0, written);
    }

    /** Index after a plain string literal starting at {@code start}; doubled quotes stay inside; -1 if none. */
    private static int stringEnd(String sql, int start) {
        int at = start + 1;
        while (at < sql.length()) {
            if (sql.charAt(at) == '\\') {
                return -1; // whether it escapes depends on the session's settings: leave it to the parser
            }
            if (sql.charAt(at) == '\'') {
                if (at + 1 < sql.length() && sql.charAt(at + 1) == '\'') {
                    at += 2;
                    continue;
                }
                return at + 1;
            }
            at++;
        }
        return -1; // unterminated: PostgreSQL refuses it, and so must the exact parse
    }

    /** Index after a number of the form 123 or 123.45, or -1 for any other form (1e5, 0x1F, 1_000, 1.). */
    private static int numberEnd(String sql, int start) {
        int at = start;
        while (at < sql.length() && isDigit(sql.charAt(at))) {
            at++;
        }
        if (at < sql.length() && sql.charAt(at) == '.') {
            at++;
            int fraction = at;
            while (at < sql.length() && isDigit(sql.charAt(at))) {
                at++;
            }
            if (at == fraction) {
                return -1;
            }
        }
        if (at < sql.length()) {
            char next = sql.charAt(at);
            if (isIdentifierPart(next) || next == '.' || next == '\'') {
                return -1;
            }
        }
        return at;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** PostgreSQL's scanner treats every non-ASCII character as a letter. */
    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }
}
