package dev.gatehouse.proxy.sql.mysql;

import java.util.Locale;

/**
 * One token of a statement as the target's lexer reads it, for the few decisions taken on tokens
 * (where compound statements end, which session settings a SET changes).
 *
 * @param text a word as written, a string's value after escapes, a quoted identifier's name, a
 *             number or symbol as written
 * @param at   where the token starts in its piece's canonical text
 */
record MySqlToken(Kind kind, String text, int at) {

    enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL }

    MySqlToken shifted(int by) {
        return new MySqlToken(kind, text, at + by);
    }

    boolean isWord(String upper) {
        return kind == Kind.WORD && text.equalsIgnoreCase(upper);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The word in upper case, or null for anything that is not an unquoted word. */
    String word() {
        return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : null;
    }
}
