package dev.gatehouse.proxy.sql.mysql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a query string the way MariaDB's and MySQL's lexer reads it, and cuts it at every semicolon
 * the server could end a statement at. It is the gateway's own reading, not a parser's: third-party
 * parsers disagree with the server on executable comments, backslashes and sql_mode
 * (bench/mysql-parsers, docs/adr/0023), so no parser ever sees the client's text.
 *
 * <p>Each piece also comes out <em>canonical</em>: comments gone, executable comments that the target
 * runs expanded, strings rewritten without backslashes, ANSI-quoted and non-ASCII identifiers in
 * backticks. Any MySQL parser reads the canonical text the same way whatever its own escaping rules,
 * so it can only classify what the target will run.
 *
 * <p>What the gateway cannot read exactly as the server does is refused, never guessed: an
 * unterminated string, identifier or comment, a semicolon or another executable comment inside an
 * executable comment (the server refuses those too), control characters and stray backslashes.
 */
final class MySqlScanner {

    /**
     * A cut of the string between two semicolons.
     *
     * @param text  the piece as the client wrote it, without surrounding whitespace: what the session
     *              sends to the target and records
     * @param start where the piece starts in the scanned string
     * @param end   where the text after this piece starts in the scanned string (after its semicolon)
     */
    record Piece(String text, String canonical, List<MySqlToken> tokens, int start, int end) {
        boolean empty() {
            return tokens.isEmpty();
        }
    }

    /** The pieces in order, or why the string cannot be read. */
    record Scan(List<Piece> pieces, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private final String sql;
    private final MySqlReading reading;
    private final int n;
    private int i;
    private boolean inExecutableComment;
    private int pieceStart;
    private StringBuilder canonical = new StringBuilder();
    private List<MySqlToken> tokens = new ArrayList<>();
    private final List<Piece> pieces = new ArrayList<>();

    private MySqlScanner(String sql, MySqlReading reading) {
        this.sql = sql;
        this.reading = reading;
        this.n = sql.length();
    }

    static Scan scan(String sql, MySqlReading reading) {
        MySqlScanner scanner = new MySqlScanner(sql, reading);
        try {
            scanner.run();
            return new Scan(List.copyOf(scanner.pieces), null);
        } catch (Unreadable unreadable) {
            return new Scan(List.of(), unreadable.getMessage());
        }
    }

    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private void run() throws Unreadable {
        while (i < n) {
            char c = sql.charAt(i);
            if (isSpace(c)) {
                space();
                i++;
            } else if (c == '#') {
                lineComment();
            } else if (c == '-' && at(i + 1) == '-' && (i + 2 >= n || isSpace(at(i + 2)) || isControl(at(i + 2)))) {
                lineComment();
            } else if (c == '/' && at(i + 1) == '*') {
                blockComment();
            } else if (c == '*' && at(i + 1) == '/' && inExecutableComment) {
                inExecutableComment = false; // the end of an expanded executable comment: its content was code
                space();
                i += 2;
            } else if (c == ';') {
                if (inExecutableComment) {
                    throw new Unreadable("a semicolon inside an executable comment (/*! ... */)");
                }
                i++;
                endPiece(i - 1, i);
                pieceStart = i;
            } else if (c == '\'') {
                string(i);
            } else if (c == '"') {
                if (reading.ansiQuotes()) {
                    quotedIdentifier('"');
                } else {
                    string(i);
                }
            } else if (c == '`') {
                quotedIdentifier('`');
            } else if (c == '\\') {
                if (at(i + 1) != 'N') {
                    throw new Unreadable("a backslash outside a string");
                }
                append(MySqlToken.Kind.WORD, "NULL", "NULL"); // \N is NULL
                i += 2;
            } else if ((c == 'N' || c == 'n') && at(i + 1) == '\'') {
                i++; // N'...': the national character set is utf8 anyway
                string(i);
            } else if ((c == 'X' || c == 'x') && at(i + 1) == '\'') {
                prefixedLiteral("0123456789abcdefABCDEF", true);
            } else if ((c == 'B' || c == 'b') && at(i + 1) == '\'') {
                prefixedLiteral("01", false);
            } else if (isDigit(c) || c == '.' && isDigit(at(i + 1))) {
                number();
            } else if (isIdentifierChar(c)) {
                word();
            } else if (c < 0x20 || c == 0x7F) {
                throw new Unreadable("a control character (0x" + Integer.toHexString(c) + ") outside a string");
            } else {
                append(MySqlToken.Kind.SYMBOL, String.valueOf(c), String.valueOf(c));
                i++;
            }
        }
        if (inExecutableComment) {
            throw new Unreadable("an executable comment (/*! ... */) that does not end");
        }
        endPiece(n, n);
    }

    private void endPiece(int end, int next) {
        String text = sql.substring(pieceStart, end).strip();
        String raw = canonical.toString();
        int lead = raw.length() - raw.stripLeading().length();
        List<MySqlToken> shifted = tokens.stream().map(t -> t.shifted(-lead)).toList();
        pieces.add(new Piece(text, raw.strip(), shifted, pieceStart, next));
        canonical = new StringBuilder();
        tokens = new ArrayList<>();
    }

    private void lineComment() {
        while (i < n && sql.charAt(i) != '\n') {
            i++;
        }
        space();
    }

    private void blockComment() throws Unreadable {
        boolean executable = at(i + 2) == '!';
        boolean mariaDbMarker = at(i + 2) == 'M' && at(i + 3) == '!';
        if (mariaDbMarker && !reading.mariaDb()) {
            mariaDbMarker = false; // MySQL reads /*M! ... */ as a plain comment
        }
        if (!executable && !mariaDbMarker) {
            int end = sql.indexOf("*/", i + 2);
            if (end < 0) {
                throw new Unreadable("a comment (/* ... */) that does not end");
            }
            i = end + 2;
            space();
            return;
        }
        if (inExecutableComment) {
            throw new Unreadable("an executable comment inside another one");
        }
        int start = i + (mariaDbMarker ? 4 : 3);
        int digits = 0;
        while (digits < 6 && isDigit(at(start + digits))) {
            digits++;
        }
        if (digits < 5) {
            inExecutableComment = true; // /*! without a version: always code
            i = start;
            space();
            return;
        }
        long version = Long.parseLong(sql.substring(start, start + digits));
        if (reading.runsVersionedComment(version, mariaDbMarker)) {
            inExecutableComment = true;
            i = start + digits;
            space();
            return;
        }
        // A version the target does not run: a comment that may hold one plain comment inside.
        int j = start + digits;
        while (true) {
            if (j + 1 >= n) {
                throw new Unreadable("an executable comment (/*! ... */) that does not end");
            }
            if (sql.charAt(j) == '/' && sql.charAt(j + 1) == '*') {
                int inner = sql.indexOf("*/", j + 2);
                if (inner < 0) {
                    throw new Unreadable("a comment (/* ... */) that does not end");
                }
                j = inner + 2;
            } else if (sql.charAt(j) == '*' && sql.charAt(j + 1) == '/') {
                i = j + 2;
                space();
                return;
            } else {
                j++;
            }
        }
    }

    private void string(int quoteAt) throws Unreadable {
        char quote = sql.charAt(quoteAt);
        StringBuilder value = new StringBuilder();
        int j = quoteAt + 1;
        while (true) {
            if (j >= n) {
                throw new Unreadable("a string that does not end");
            }
            char ch = sql.charAt(j);
            if (ch == '\\' && !reading.noBackslashEscapes()) {
                if (j + 1 >= n) {
                    throw new Unreadable("a string that does not end");
                }
                char escaped = sql.charAt(j + 1);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case '0' -> value.append('\0');
                    case 'Z' -> value.append('\u001A');
                    case '_', '%' -> value.append('\\').append(escaped); // kept for LIKE
                    default -> value.append(escaped);
                }
                j += 2;
            } else if (ch == quote) {
                if (at(j + 1) == quote) {
                    value.append(quote);
                    j += 2;
                } else {
                    j++;
                    break;
                }
            } else {
                value.append(ch);
                j++;
            }
        }
        i = j;
        String text = value.toString();
        append(MySqlToken.Kind.STRING, text, canonicalString(text));
    }

    /** A string any MySQL parser reads alike: no backslash and no control character inside, or else hex. */
    static String canonicalString(String value) {
        boolean plain = true;
        for (int k = 0; k < value.length() && plain; k++) {
            char ch = value.charAt(k);
            plain = ch != '\\' && ch >= 0x20 && ch != 0x7F;
        }
        if (plain) {
            return "'" + value.replace("'", "''") + "'";
        }
        return value.isEmpty() ? "''" : "X'" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)) + "'";
    }

    private void quotedIdentifier(char quote) throws Unreadable {
        StringBuilder name = new StringBuilder();
        int j = i + 1;
        while (true) {
            if (j >= n) {
                throw new Unreadable("a quoted identifier that does not end");
            }
            char ch = sql.charAt(j);
            if (ch == quote) {
                if (at(j + 1) == quote) {
                    name.append(quote);
                    j += 2;
                    continue;
                }
                j++;
                break;
            }
            name.append(ch);
            j++;
        }
        i = j;
        append(MySqlToken.Kind.QUOTED_IDENTIFIER, name.toString(), backticked(name.toString()));
    }

    private static String backticked(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private void prefixedLiteral(String allowed, boolean hex) throws Unreadable {
        int j = i + 2;
        while (j < n && allowed.indexOf(sql.charAt(j)) >= 0) {
            j++;
        }
        if (j >= n || sql.charAt(j) != '\'') {
            throw new Unreadable(hex ? "a malformed hexadecimal literal" : "a malformed bit literal");
        }
        if (hex && (j - i - 2) % 2 != 0) {
            throw new Unreadable("a hexadecimal literal with an odd number of digits");
        }
        String literal = sql.substring(i, j + 1);
        i = j + 1;
        append(MySqlToken.Kind.NUMBER, literal, literal);
    }

    /** A number, or an identifier that starts with digits (1abc, 0x, 12e): as the server reads them. */
    private void number() {
        int start = i;
        int j = i;
        while (j < n && (isDigit(sql.charAt(j)) || sql.charAt(j) == '.' && at(j + 1) != '.')) {
            j++;
        }
        if ((sql.charAt(j - 1) != '.' || j - start > 1) && (at(j) == 'e' || at(j) == 'E')
                && (isDigit(at(j + 1)) || (at(j + 1) == '+' || at(j + 1) == '-') && isDigit(at(j + 2)))) {
            j += 2;
            while (j < n && isDigit(sql.charAt(j))) {
                j++;
            }
        }
        boolean identifier = false;
        while (j < n && isIdentifierChar(sql.charAt(j)) && sql.charAt(j) != '.') {
            identifier = true;
            j++;
        }
        String text = sql.substring(start, j);
        i = j;
        if (identifier) {
            append(MySqlToken.Kind.WORD, text, isAscii(text) ? text : backticked(text));
        } else {
            append(MySqlToken.Kind.NUMBER, text, text);
        }
    }

    private void word() {
        int start = i;
        while (i < n && isIdentifierChar(sql.charAt(i))) {
            i++;
        }
        String text = sql.substring(start, i);
        // A word with non-ASCII characters is an identifier to the server; backticks keep a parser from reading more into it.
        append(MySqlToken.Kind.WORD, text, isAscii(text) ? text : backticked(text));
    }

    private void append(MySqlToken.Kind kind, String text, String canonicalText) {
        tokens.add(new MySqlToken(kind, text, canonical.length()));
        canonical.append(canonicalText);
    }

    private void space() {
        if (!canonical.isEmpty() && canonical.charAt(canonical.length() - 1) != ' ') {
            canonical.append(' ');
        }
    }

    private char at(int index) {
        return index < n ? sql.charAt(index) : '\0';
    }

    /** The server's whitespace: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Letters, digits, _ and $, and every non-ASCII character (the server's identifier bytes in utf8mb4). */
    private static boolean isIdentifierChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    private static boolean isAscii(String text) {
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
