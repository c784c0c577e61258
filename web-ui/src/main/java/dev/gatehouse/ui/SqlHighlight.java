package dev.gatehouse.ui;

import java.util.Locale;
import java.util.Set;

/**
 * Marks SQL keywords, string literals and comments for display in a monospace block. Every
 * character of the statement is HTML-escaped; only the spans added here are markup, so a
 * statement cannot inject anything into the page. It is a display aid, not a parser: a keyword
 * inside an identifier is left alone because only whole words are matched.
 */
public final class SqlHighlight {

    private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "or", "not", "insert", "into",
            "values", "update", "set", "delete", "truncate", "drop", "create", "alter", "table", "index", "view", "grant",
            "revoke", "join", "left", "right", "inner", "outer", "on", "group", "by", "order", "having", "limit", "offset",
            "returning", "as", "in", "is", "null", "like", "between", "exists", "union", "all", "distinct", "case", "when",
            "then", "else", "end", "begin", "commit", "rollback", "copy", "with", "cascade", "default", "primary", "key",
            "references", "schema", "database", "function", "do", "execute", "true", "false");

    private SqlHighlight() {
    }

    public static String html(String sql) {
        if (sql == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(sql.length() * 2);
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = closing(sql, i);
                span(out, "gh-sql-str", sql.substring(i, end));
                i = end;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                span(out, "gh-sql-comment", sql.substring(i, end));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String word = sql.substring(i, end);
                boolean quotedBefore = i > 0 && sql.charAt(i - 1) == '"';
                if (!quotedBefore && KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
                    span(out, "gh-sql-kw", word);
                } else {
                    escape(out, word);
                }
                i = end;
            } else {
                escape(out, String.valueOf(c));
                i++;
            }
        }
        return out.toString();
    }

    /** The end of a quoted string literal ('' is an escaped quote), or the end of the text if unterminated. */
    private static int closing(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static void span(StringBuilder out, String cssClass, String text) {
        out.append("<span class=\"").append(cssClass).append("\">");
        escape(out, text);
        out.append("</span>");
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
