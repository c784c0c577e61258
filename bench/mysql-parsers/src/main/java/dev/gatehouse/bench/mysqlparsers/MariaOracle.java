package dev.gatehouse.bench.mysqlparsers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks the corpus against a real MariaDB, never against a candidate.
 *
 * <p><b>Split and kinds</b> come from running each string in a throwaway "sandbox" server (the same
 * mariadbd binary, started by run.sh with performance_schema on), because the strings include KILL,
 * LOAD DATA, INTO OUTFILE and DDL, which are not run on a shared server. Each string runs on a new
 * connection in a freshly created fixture database, as the exact bytes of one COM_QUERY with
 * CLIENT_MULTI_STATEMENTS. The server's own statement events
 * ({@code performance_schema.events_statements_history}) then say how many statements it parsed,
 * each one's text and kind ({@code statement/sql/<kind>}) and error; a syntax error (1064, 1149) or
 * an empty query (1065) makes the string invalid.
 *
 * <p><b>Validity</b> is also checked with PREPARE (COM_STMT_PREPARE, which parses and resolves but
 * runs nothing) on the shared server at 127.0.0.1:3306 for every single-statement string in the
 * default mode.
 *
 * <p>Usage: {@code MariaOracle corpus.tsv sandboxHost sandboxPort prepareHost preparePort [--write out.tsv]}.
 */
public final class MariaOracle {

    static final Set<Integer> SYNTAX_ERRORS = Set.of(1064, 1149, 1065);
    static final String DB = "gh_parser_oracle";
    static final String FIXTURE = String.join(";",
            "CREATE TABLE t (a INT, b VARCHAR(40))",
            "INSERT INTO t VALUES (1, 'x'), (2, 'y')",
            "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50), email VARCHAR(100), role VARCHAR(20))",
            "INSERT INTO users VALUES (1, 'ann', 'ann@example.com', 'admin'), (2, 'bob', 'bob@example.com', 'user')",
            "CREATE TABLE orders (id INT PRIMARY KEY AUTO_INCREMENT, user_id INT, total DECIMAL(10,2), created_at DATETIME)",
            "INSERT INTO orders (user_id, total, created_at) VALUES (1, 10, NOW()), (2, 20, NOW())",
            "CREATE TABLE accounts (id INT PRIMARY KEY, balance DECIMAL(10,2))",
            "INSERT INTO accounts VALUES (1, 100), (2, 200)",
            "CREATE TABLE secrets (id INT, secret VARCHAR(40))",
            "CREATE VIEW v AS SELECT a FROM t",
            "CREATE PROCEDURE p() SELECT 1",
            "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1",
            "CREATE INDEX i1 ON t (a)");

    public static void main(String[] args) throws Exception {
        Corpus corpus = Corpus.load(Path.of(args[0]));
        String sandboxHost = args[1];
        int sandboxPort = Integer.parseInt(args[2]);
        String prepareHost = args[3];
        int preparePort = Integer.parseInt(args[4]);
        Path write = args.length > 6 && args[5].equals("--write") ? Path.of(args[6]) : null;

        List<Corpus.Entry> checked = new ArrayList<>();
        int agree = 0, differ = 0, prepared = 0, prepareDiffer = 0, unconfirmed = 0;
        try (RawMariaDb control = new RawMariaDb(sandboxHost, sandboxPort, "root", null);
                RawMariaDb preparer = new RawMariaDb(prepareHost, preparePort, "root", null)) {
            preparer.query("CREATE DATABASE IF NOT EXISTS gh_mysql_oracle_prepare");
            preparer.query("USE gh_mysql_oracle_prepare");
            preparer.query("DROP VIEW IF EXISTS v");
            preparer.query("DROP PROCEDURE IF EXISTS p");
            preparer.query("DROP FUNCTION IF EXISTS f");
            preparer.query("DROP TABLE IF EXISTS t, users, orders, accounts, secrets");
            check(preparer.query(FIXTURE), "fixture on the prepare server");
            for (Corpus.Entry entry : corpus.entries()) {
                Observed seen = observe(control, sandboxHost, sandboxPort, entry);
                Corpus.Entry truth = new Corpus.Entry(entry.id(), entry.mode(), seen.valid, seen.valid ? seen.kinds : List.of(),
                        entry.sqlField());
                checked.add(truth);
                boolean same = truth.valid() == entry.valid() && truth.kinds().equals(entry.kinds());
                if (seen.unconfirmed) {
                    unconfirmed++;
                }
                if (same) {
                    agree++;
                } else {
                    differ++;
                    System.out.printf("DIFFERS %-5s corpus=%s/%s server=%s/%s%s  %s%n", entry.id(), entry.valid() ? "valid" : "invalid",
                            String.join(";", entry.kinds()), seen.valid ? "valid" : "invalid", String.join(";", seen.kinds),
                            seen.unconfirmed ? " (stopped by a run-time error: " + seen.detail + ")" : "", abbreviate(entry.sqlField()));
                }
                if (seen.unconfirmed) {
                    System.out.printf("  %-5s stopped at run-time error %s%n", entry.id(), seen.detail);
                }
                if (entry.defaultMode() && seen.kinds.size() <= 1) {
                    RawMariaDb.Result error = preparer.prepare(entry.bytes());
                    boolean preparedValid = error == null || !SYNTAX_ERRORS.contains(error.code());
                    prepared++;
                    if (preparedValid != seen.valid) {
                        prepareDiffer++;
                        System.out.printf("PREPARE %-5s prepare says %s (%s), execution says %s  %s%n", entry.id(),
                                preparedValid ? "valid" : "invalid", error, seen.valid ? "valid" : "invalid", abbreviate(entry.sqlField()));
                    }
                }
            }
            preparer.query("DROP DATABASE gh_mysql_oracle_prepare");
        }
        System.out.printf("oracle: %d strings; %d as in the corpus, %d differ; %d stopped by a run-time error;"
                + " PREPARE on the shared server: %d single statements, %d disagree with execution%n",
                corpus.entries().size(), agree, differ, unconfirmed, prepared, prepareDiffer);
        if (write != null) {
            List<String> lines = new ArrayList<>(corpus.header());
            checked.forEach(e -> lines.add(e.line()));
            Files.write(write, lines, StandardCharsets.UTF_8);
        }
    }

    /** What the server did with one string. */
    record Observed(boolean valid, List<String> kinds, boolean unconfirmed, String detail) {
    }

    static Observed observe(RawMariaDb control, String host, int port, Corpus.Entry entry) throws IOException {
        check(control.query("DROP DATABASE IF EXISTS " + DB), "drop");
        check(control.query("CREATE DATABASE " + DB), "create");
        check(control.query("USE " + DB), "use");
        check(control.query(FIXTURE), "fixture");
        try (RawMariaDb worker = new RawMariaDb(host, port, "root", DB)) {
            switch (entry.mode()) {
                case "-" -> { }
                case "ansi_quotes" -> check(worker.query("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')"), "mode");
                case "no_backslash_escapes" -> check(worker.query("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"), "mode");
                case "ansi" -> check(worker.query("SET SESSION sql_mode = 'ANSI'"), "mode");
                default -> check(worker.query("SET NAMES " + entry.mode()), "charset");
            }
            String connection = worker.query("SELECT CONNECTION_ID()").get(0).rows().get(0).get(0);
            String thread = control.query("SELECT THREAD_ID FROM performance_schema.threads WHERE PROCESSLIST_ID = " + connection)
                    .get(0).rows().get(0).get(0);
            String last = control.query("SELECT COALESCE(MAX(EVENT_ID), 0) FROM performance_schema.events_statements_history"
                    + " WHERE THREAD_ID = " + thread).get(0).rows().get(0).get(0);
            List<RawMariaDb.Result> results = worker.query(entry.bytes());
            List<List<String>> events = control.query("SELECT EVENT_NAME, MYSQL_ERRNO, SQL_TEXT FROM performance_schema.events_statements_history"
                    + " WHERE THREAD_ID = " + thread + " AND EVENT_ID > " + last + " AND NESTING_EVENT_ID IS NULL ORDER BY EVENT_ID")
                    .get(0).rows();
            List<String> kinds = new ArrayList<>();
            boolean valid = true;
            String detail = null;
            for (List<String> event : events) {
                int errno = Integer.parseInt(event.get(1));
                if (SYNTAX_ERRORS.contains(errno)) {
                    valid = false;
                    detail = errno + "";
                    break;
                }
                String kind = event.get(0).replaceFirst("^statement/(sql|com)/", "");
                if (kind.equals("error")) { // refused while parsing, e.g. LEAVE without a matching label (1308)
                    valid = false;
                    detail = errno + " (statement/sql/error)";
                    break;
                }
                if (kind.equals("empty_query")) {
                    continue; // nothing but a comment or whitespace after the last ';': nothing runs
                }
                kinds.add(kind);
                if (errno != 0) {
                    detail = errno + " after " + kinds.size() + " statement(s)";
                }
            }
            RawMariaDb.Result lastResult = results.get(results.size() - 1);
            if (events.isEmpty()) {
                valid = false;
                detail = "no statement event; answer " + lastResult;
            }
            boolean unconfirmed = valid && lastResult.error() && textAfter(entry.bytes(), events.get(events.size() - 1).get(2));
            return new Observed(valid, kinds, unconfirmed, detail == null ? String.valueOf(lastResult) : detail + "; " + lastResult);
        }
    }

    /**
     * Whether the string goes on after the statement that failed at run time: then the server never
     * parsed the rest, and the kinds after it are not confirmed. The event's text is the statement
     * as the server cut it.
     */
    private static boolean textAfter(byte[] sql, String failedText) {
        String whole = new String(sql, StandardCharsets.UTF_8);
        int at = failedText == null ? -1 : whole.lastIndexOf(failedText);
        if (at < 0) {
            return true;
        }
        String rest = whole.substring(at + failedText.length()).strip();
        return !(rest.isEmpty() || rest.equals(";"));
    }

    private static void check(List<RawMariaDb.Result> results, String what) {
        for (RawMariaDb.Result r : results) {
            if (r.error()) {
                throw new IllegalStateException(what + ": " + r);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
