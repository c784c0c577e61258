package dev.gatehouse.ui;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Shows a statement to approvers exactly as the client sent it (docs/adr/0017): every character
 * is there, newlines kept; comments are marked as comments; string literals and quoted identifiers
 * as such; and characters a reader cannot see (bidirectional controls, zero-width and other format
 * characters, control characters other than newline and tab, unusual spaces) appear as
 * {@code \u202E}-style escapes. Every character is HTML-escaped; only the spans added here are
 * markup, so a statement cannot inject anything into the page.
 *
 * <p>Where comments and literals begin and end follows PostgreSQL's scanner with
 * {@code standard_conforming_strings} on (the gateway pins it, docs/adr/0016): {@code --} to the
 * end of the line, nested {@code /* *}{@code /}, {@code '...'} with {@code ''}, {@code E'...'} with
 * backslash escapes, {@code "..."}, and dollar quoting. {@link #withoutComments} lets the inbox
 * check that the parser skips exactly what is shown as a comment.
 */
public final class SqlHighlight {

    static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "or", "not", "insert", "into",
            "values", "update", "set", "delete", "truncate", "drop", "create", "alter", "table", "index", "view", "grant",
            "revoke", "join", "left", "right", "inner", "outer", "on", "group", "by", "order", "having", "limit", "offset",
            "returning", "as", "in", "is", "null", "like", "between", "exists", "union", "all", "distinct", "case", "when",
            "then", "else", "end", "begin", "commit", "rollback", "copy", "with", "cascade", "default", "primary", "key",
            "references", "schema", "database", "function", "do", "execute", "true", "false", "merge", "using", "matched");

    /** What a stretch of the text is to PostgreSQL's scanner. */
    public enum Kind { CODE, WORD, STRING, IDENTIFIER, COMMENT }

    /** {@code [start, end)} of the text, in chars. */
    public record Segment(Kind kind, int start, int end) {
    }

    private SqlHighlight() {
    }

    /** The text cut into code, words, literals and comments, in order, covering every character. */
    public static List<Segment> segments(String sql) {
        List<Segment> out = new ArrayList<>();
        int i = 0;
        int code = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            Kind kind;
            if (c == '-' && sql.startsWith("--", i)) {
                end = i + 2;
                while (end < n && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
                    end++;
                }
                kind = Kind.COMMENT;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                end = blockCommentEnd(sql, i);
                kind = Kind.COMMENT;
            } else if (c == '\'') {
                end = quoted(sql, i, '\'', false);
                kind = Kind.STRING;
            } else if (c == '"') {
                end = quoted(sql, i, '"', false);
                kind = Kind.IDENTIFIER;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                end = close < 0 ? n : close + tag.length();
                kind = Kind.STRING;
            } else if (identifierStart(c)) {
                end = i + 1;
                while (end < n && identifierPart(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.WORD;
                String word = sql.substring(i, end);
                if (end < n && sql.charAt(end) == '\'' && word.equalsIgnoreCase("e")) {
                    end = quoted(sql, end, '\'', true); // E'...': backslash escapes
                    kind = Kind.STRING;
                } else if (end < n && sql.charAt(end) == '\'' && (word.equalsIgnoreCase("b") || word.equalsIgnoreCase("x")
                        || word.equalsIgnoreCase("n"))) {
                    end = quoted(sql, end, '\'', false);
                    kind = Kind.STRING;
                } else if (word.equalsIgnoreCase("u") && sql.startsWith("&'", end)) {
                    end = quoted(sql, end + 1, '\'', false);
                    kind = Kind.STRING;
                } else if (word.equalsIgnoreCase("u") && sql.startsWith("&\"", end)) {
                    end = quoted(sql, end + 1, '"', false);
                    kind = Kind.IDENTIFIER;
                }
            } else {
                i++;
                continue;
            }
            if (code < i) {
                out.add(new Segment(Kind.CODE, code, i));
            }
            out.add(new Segment(kind, i, end));
            i = end;
            code = end;
        }
        if (code < n) {
            out.add(new Segment(Kind.CODE, code, n));
        }
        return out;
    }

    /** The statement with everything shown as a comment turned into spaces of the same length in UTF-8 bytes. */
    public static String withoutComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        for (Segment segment : segments(sql)) {
            String text = sql.substring(segment.start(), segment.end());
            if (segment.kind() == Kind.COMMENT) {
                out.repeat(' ', text.getBytes(StandardCharsets.UTF_8).length);
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }

    public static String html(String sql) {
        if (sql == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(sql.length() * 2);
        for (Segment segment : segments(sql)) {
            String text = sql.substring(segment.start(), segment.end());
            switch (segment.kind()) {
                case COMMENT -> {
                    out.append("<span class=\"gh-sql-comment\" title=\"comment: PostgreSQL ignores this\">");
                    escape(out, text);
                    out.append("</span>");
                }
                case STRING -> span(out, "gh-sql-str", text);
                case IDENTIFIER -> span(out, "gh-sql-ident", text);
                case WORD -> {
                    if (KEYWORDS.contains(text.toLowerCase(Locale.ROOT))) {
                        span(out, "gh-sql-kw", text);
                    } else {
                        escape(out, text);
                    }
                }
                case CODE -> escape(out, text);
            }
        }
        return out.toString();
    }

    /** Whether approvers could miss this character: it is shown as an escape instead. */
    static boolean invisible(int codePoint) {
        if (codePoint == '\n' || codePoint == '\t' || codePoint == ' ') {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> true;
            default -> codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0; // Hangul fillers
        };
    }

    /** The end of a nested block comment, or the end of the text if it is not closed (PostgreSQL then refuses it). */
    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The end of a literal opened at {@code start}: a doubled quote is one; with backslashes, {@code \x} is one character. */
    private static int quoted(String sql, int start, char quote, boolean backslashes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** For a {@code $tag$} opening at {@code start} (not a {@code $1} parameter), the end of the tag; else -1. */
    private static int dollarTagEnd(String sql, int start) {
        int i = start + 1;
        if (i < sql.length() && sql.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= sql.length() || !identifierStart(sql.charAt(i))) {
            return -1;
        }
        while (i < sql.length() && (identifierStart(sql.charAt(i)) || sql.charAt(i) >= '0' && sql.charAt(i) <= '9')) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    /** PostgreSQL's ident_start: ASCII letters, underscore, and any non-ASCII character. */
    private static boolean identifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean identifierPart(char c) {
        return identifierStart(c) || c >= '0' && c <= '9' || c == '$';
    }

    private static void span(StringBuilder out, String cssClass, String text) {
        out.append("<span class=\"").append(cssClass).append("\">");
        escape(out, text);
        out.append("</span>");
    }

    /** HTML-escapes, and shows characters a reader could miss as {@code \u202E}-style escapes. */
    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (invisible(cp)) {
                String code = cp > 0xFFFF ? String.format("\\U%08X", cp) : String.format("\\u%04X", cp);
                out.append("<span class=\"gh-sql-escape\" title=\"invisible character U+").append(String.format("%04X", cp))
                        .append("\">").append(code).append("</span>");
                continue;
            }
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(cp);
            }
        }
    }
}
