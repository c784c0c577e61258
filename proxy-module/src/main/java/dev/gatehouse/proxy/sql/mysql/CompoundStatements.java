package dev.gatehouse.proxy.sql.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Joins the pieces of a compound statement back together. The server does not end a statement at
 * every semicolon: {@code CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END} is one statement, and
 * so are MariaDB's {@code BEGIN NOT ATOMIC ... END}, {@code IF ... END IF} and loops outside routines.
 *
 * <p>The join counts block openers and {@code END}s only inside such a statement, by the words the
 * grammar allows there. It can be wrong where the grammar is subtle (a column alias {@code begin}),
 * so it is never trusted alone: the analyzer then parses the joined text and refuses it unless the
 * parser finds exactly one statement in it (docs/adr/0023).
 */
final class CompoundStatements {

    /** The statements: each a run of pieces; or why the blocks do not balance. */
    record Joined(List<MySqlScanner.Piece> statements, String error) {
    }

    private static final Set<String> ROUTINES = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "PACKAGE");
    private static final Set<String> LOOPS = Set.of("LOOP", "WHILE", "REPEAT", "FOR");
    /** Words after which a statement of a body starts. */
    private static final Set<String> STATEMENT_STARTS = Set.of("THEN", "ELSE", "DO", "BEGIN", "LOOP", "REPEAT");

    private CompoundStatements() {
    }

    static Joined join(String sql, List<MySqlScanner.Piece> pieces) {
        List<MySqlScanner.Piece> statements = new ArrayList<>();
        int k = 0;
        while (k < pieces.size()) {
            MySqlScanner.Piece piece = pieces.get(k);
            if (piece.empty() || !startsCompound(piece.tokens())) {
                statements.add(piece);
                k++;
                continue;
            }
            Depth depth = new Depth(isRoutine(piece.tokens()));
            int last = k;
            depth.count(piece.tokens());
            while (depth.open > 0 && last + 1 < pieces.size()) {
                last++;
                depth.count(pieces.get(last).tokens());
            }
            if (depth.open != 0) {
                return new Joined(List.of(), depth.open > 0 ? "a compound statement (BEGIN ... END) that does not end"
                        : "an END without its BEGIN");
            }
            statements.add(joined(sql, pieces.subList(k, last + 1)));
            k = last + 1;
        }
        return new Joined(statements, null);
    }

    private static MySqlScanner.Piece joined(String sql, List<MySqlScanner.Piece> run) {
        if (run.size() == 1) {
            return run.get(0);
        }
        MySqlScanner.Piece first = run.get(0);
        MySqlScanner.Piece last = run.get(run.size() - 1);
        // The client's own text from the first piece to the last one's end (its semicolon excluded).
        int textEnd = last.end() > last.start() && last.end() <= sql.length() && sql.charAt(last.end() - 1) == ';' ? last.end() - 1 : last.end();
        String text = sql.substring(first.start(), textEnd).strip();
        StringBuilder canonical = new StringBuilder();
        List<MySqlToken> tokens = new ArrayList<>();
        for (MySqlScanner.Piece piece : run) {
            if (!canonical.isEmpty()) {
                tokens.add(new MySqlToken(MySqlToken.Kind.SYMBOL, ";", canonical.length()));
                canonical.append("; ");
            }
            int offset = canonical.length();
            canonical.append(piece.canonical());
            piece.tokens().forEach(token -> tokens.add(token.shifted(offset)));
        }
        return new MySqlScanner.Piece(text, canonical.toString(), List.copyOf(tokens), first.start(), last.end());
    }

    /** CREATE ... PROCEDURE/FUNCTION/TRIGGER/EVENT, BEGIN NOT ATOMIC, a label, or IF/CASE/a loop at the start. */
    static boolean startsCompound(List<MySqlToken> tokens) {
        String first = tokens.get(0).word();
        if (first == null) {
            return false;
        }
        if (isRoutine(tokens)) {
            return true;
        }
        if (first.equals("BEGIN")) {
            return tokens.size() > 2 && tokens.get(1).isWord("NOT") && tokens.get(2).isWord("ATOMIC");
        }
        if (tokens.size() > 1 && tokens.get(1).isSymbol(":")) {
            return true; // label: BEGIN / LOOP / WHILE / REPEAT / FOR
        }
        return first.equals("IF") || first.equals("CASE") || first.equals("LOOP") || first.equals("WHILE") || first.equals("REPEAT")
                || first.equals("FOR") && tokens.size() > 2 && tokens.get(2).isWord("IN");
    }

    static boolean isRoutine(List<MySqlToken> tokens) {
        if (!tokens.get(0).isWord("CREATE")) {
            return false;
        }
        for (int k = 1; k < Math.min(tokens.size(), 16); k++) {
            String word = tokens.get(k).word();
            if (word != null && ROUTINES.contains(word)) {
                return true;
            }
            if (word != null && Set.of("TABLE", "VIEW", "INDEX", "DATABASE", "SCHEMA", "USER", "ROLE", "SEQUENCE", "SERVER",
                    "TABLESPACE", "LOGFILE", "TEMPORARY", "UNIQUE", "FULLTEXT", "SPATIAL").contains(word)) {
                return false;
            }
        }
        return false;
    }

    /** The open block count over a compound statement's pieces. */
    private static final class Depth {
        int open;
        /** Still in a routine's header (CREATE ... before its body): a BEGIN there starts the body. */
        boolean header;

        Depth(boolean routine) {
            this.header = routine;
        }

        void count(List<MySqlToken> tokens) {
            boolean handler = false;
            for (int k = 0; k < tokens.size(); k++) {
                MySqlToken token = tokens.get(k);
                String word = token.word();
                if (word == null) {
                    continue;
                }
                MySqlToken previous = k == 0 ? null : tokens.get(k - 1);
                boolean statementStart = previous == null || previous.isSymbol(":")
                        || previous.word() != null && STATEMENT_STARTS.contains(previous.word());
                handler |= word.equals("HANDLER") && k > 0;
                switch (word) {
                    case "BEGIN" -> {
                        if (statementStart || header || handler) {
                            open++;
                            header = false;
                        }
                    }
                    case "IF" -> {
                        if (statementStart && !isWord(tokens, k - 1, "END")) {
                            open++;
                        }
                    }
                    case "CASE" -> {
                        if (!isWord(tokens, k - 1, "END")) {
                            open++; // a CASE expression ends with END as a CASE statement does
                        }
                    }
                    case "LOOP", "WHILE", "REPEAT" -> {
                        if (statementStart && !isWord(tokens, k - 1, "END")) {
                            open++;
                        }
                    }
                    case "FOR" -> {
                        if (statementStart && isWord(tokens, k + 2, "IN")) {
                            open++;
                        }
                    }
                    case "END" -> {
                        open--;
                        String next = k + 1 < tokens.size() ? tokens.get(k + 1).word() : null;
                        if (next != null && (next.equals("IF") || next.equals("CASE") || LOOPS.contains(next))) {
                            k++; // END IF, END CASE, END LOOP ...: one closer
                        }
                    }
                    case "DO", "RETURN" -> header = false;
                    default -> {
                    }
                }
            }
        }

        private static boolean isWord(List<MySqlToken> tokens, int index, String word) {
            return index >= 0 && index < tokens.size() && tokens.get(index).isWord(word);
        }
    }
}
