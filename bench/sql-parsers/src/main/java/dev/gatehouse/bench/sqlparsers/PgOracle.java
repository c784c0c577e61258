package dev.gatehouse.bench.sqlparsers;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the corpus against a real PostgreSQL server (the oracle; never a parser under test). Speaks the
 * wire protocol itself so that each corpus string travels exactly as a client would send it, as one
 * simple-query message (JDBC drivers and psql split strings on the client side).
 *
 * <p>Validity: the server parses the whole query string before it runs any of it. The string is sent
 * inside a transaction that has already failed, so nothing runs: the answer is either a parse error or
 * "current transaction is aborted" (25P02), which means the string parsed.
 *
 * <p>Kinds: the string is run inside BEGIN ... ROLLBACK in a scratch database made for the run (and
 * dropped after), and the command tags the server reports are compared with the corpus. A statement
 * that fails at run time stops the string, so the kinds after it are only the corpus author's reading;
 * strings with transaction control are not run at all.
 *
 * <p>Usage: {@code PgOracle [corpus.tsv] [host] [port] [user]}.
 */
public final class PgOracle {

    private static final String SCRATCH = "gh_parser_oracle";
    private static final Set<String> TRANSACTION_KINDS = Set.of("BEGIN", "START TRANSACTION", "COMMIT",
            "ROLLBACK", "PREPARE TRANSACTION", "COMMIT PREPARED", "ROLLBACK PREPARED");
    private static final Pattern TRANSACTION_WORDS = Pattern.compile("(?i)\\b(commit|rollback|abort|end\\s*(;|$))");

    private static final String FIXTURE = """
            CREATE TABLE t (a int, b text);
            INSERT INTO t VALUES (1, 'one'), (2, 'two');
            CREATE TABLE users (id int PRIMARY KEY, name text, email text, password text, data jsonb,
                tags text[], created_at timestamptz DEFAULT now());
            INSERT INTO users VALUES (1, 'ann', 'ann@example.com', 'x', '{"role":"admin","a":{"b":1}}', '{a,b}');
            CREATE TABLE accounts (id int PRIMARY KEY, balance numeric);
            INSERT INTO accounts VALUES (1, 10);
            CREATE TABLE orders (id int, user_id int, total numeric, created_at timestamptz DEFAULT now());
            INSERT INTO orders VALUES (1, 1, 5);
            CREATE TABLE orders_archive (LIKE orders);
            CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE PROCEDURE p(i int) LANGUAGE sql AS $$ SELECT i $$;
            CREATE FUNCTION add1(i int) RETURNS int LANGUAGE sql AS $$ SELECT i + 1 $$;
            """;

    /** What the server said to one query string. */
    record Reply(List<String> tags, String errorCode, String errorMessage) {
    }

    public static void main(String[] args) throws Exception {
        Corpus corpus = Corpus.load(Path.of(args.length > 0 ? args[0] : "corpus.tsv"));
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 5432;
        String user = args.length > 3 ? args[3] : "postgres";

        try (Conn admin = new Conn(host, port, user, "postgres")) {
            System.out.println("oracle: PostgreSQL " + admin.serverVersion + " at " + host + ":" + port);
            admin.query("DROP DATABASE IF EXISTS " + SCRATCH);
            check(admin.query("CREATE DATABASE " + SCRATCH));
        }
        int validityMismatch = 0;
        int kindsConfirmed = 0;
        int kindsPartial = 0;
        int kindsMismatch = 0;
        int notRun = 0;
        try {
            try (Conn c = new Conn(host, port, user, SCRATCH)) {
                check(c.query(FIXTURE));
            }
            for (Corpus.Entry e : corpus.entries()) {
                Reply parse;
                try (Conn c = new Conn(host, port, user, SCRATCH)) {
                    c.query("BEGIN");
                    c.query("SELECT 1/0");
                    parse = c.query(e.sql());
                    c.query("ROLLBACK");
                }
                boolean parsed = parse.errorCode() == null || parse.errorCode().equals("25P02")
                        || !(parse.errorCode().startsWith("42") || parse.errorCode().startsWith("22")
                        || parse.errorCode().startsWith("0A"));
                String why = parse.errorCode() == null ? "" : parse.errorCode() + " " + parse.errorMessage();
                if (parsed != e.valid()) {
                    validityMismatch++;
                    System.out.printf("VALIDITY %-4s corpus=%s server=%s (%s)  %s%n", e.id(),
                            e.valid() ? "valid" : "invalid", parsed ? "valid" : "invalid", why, show(e.sql()));
                    continue;
                }
                if (!parsed) {
                    System.out.printf("ok       %-4s invalid: %s%n", e.id(), why);
                    continue;
                }
                if (e.kinds().stream().anyMatch(TRANSACTION_KINDS::contains)
                        || TRANSACTION_WORDS.matcher(e.sql()).find()) {
                    notRun++;
                    System.out.printf("not run  %-4s (transaction control) corpus=%s%n", e.id(), String.join(";", e.kinds()));
                    continue;
                }
                Reply run;
                try (Conn c = new Conn(host, port, user, SCRATCH)) {
                    check(c.query("BEGIN"));
                    run = c.query(e.sql());
                    c.query("ROLLBACK");
                }
                List<String> seen = run.tags();
                boolean prefixMatches = seen.size() <= e.kinds().size();
                for (int i = 0; prefixMatches && i < seen.size(); i++) {
                    prefixMatches = sameKind(e.kinds().get(i), seen.get(i));
                }
                if (!prefixMatches || (run.errorCode() == null && seen.size() != e.kinds().size())) {
                    kindsMismatch++;
                    System.out.printf("KINDS    %-4s corpus=%s server=%s %s  %s%n", e.id(), String.join(";", e.kinds()),
                            String.join(";", seen), run.errorCode() == null ? "" : "then " + run.errorCode(), show(e.sql()));
                } else if (run.errorCode() == null) {
                    kindsConfirmed++;
                    System.out.printf("ok       %-4s %s%n", e.id(), String.join(";", seen));
                } else {
                    kindsPartial++;
                    System.out.printf("partly   %-4s %d of %d tags seen, then %s %s%n", e.id(), seen.size(),
                            e.kinds().size(), run.errorCode(), run.errorMessage());
                }
            }
        } finally {
            try (Conn admin = new Conn(host, port, user, "postgres")) {
                check(admin.query("DROP DATABASE IF EXISTS " + SCRATCH + " WITH (FORCE)"));
            }
        }
        System.out.printf("%nvalidity mismatches %d; kinds: confirmed by execution %d, partly (stopped by a run-time"
                        + " error) %d, mismatches %d, not run (transaction control) %d%n",
                validityMismatch, kindsConfirmed, kindsPartial, kindsMismatch, notRun);
        if (validityMismatch + kindsMismatch > 0) {
            System.exit(1);
        }
    }

    /** Completion tags carry counts and, for some statements, another statement's tag. */
    private static boolean sameKind(String corpusKind, String tag) {
        return corpusKind.equals(tag)
                || corpusKind.equals("EXECUTE")
                || (tag.equals("SELECT") && Set.of("CREATE TABLE AS", "SELECT INTO", "CREATE MATERIALIZED VIEW")
                .contains(corpusKind));
    }

    private static String show(String sql) {
        return sql.replace('\n', Corpus.NEWLINE_MARK);
    }

    private static void check(Reply r) {
        if (r.errorCode() != null) {
            throw new IllegalStateException(r.errorCode() + " " + r.errorMessage());
        }
    }

    /** A minimal protocol-3 connection: trust authentication, simple queries only. */
    private static final class Conn implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;
        String serverVersion = "?";

        Conn(String host, int port, String user, String database) throws IOException {
            socket = new Socket(host, port);
            in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
            byte[] params = ("user\0" + user + "\0database\0" + database
                    + "\0application_name\0gatehouse-parser-oracle\0options\0-c statement_timeout=5000\0\0")
                    .getBytes(StandardCharsets.UTF_8);
            out.writeInt(8 + params.length);
            out.writeInt(196608);
            out.write(params);
            out.flush();
            Reply r = readUntilReady();
            if (r.errorCode() != null) {
                throw new IOException("login failed: " + r.errorMessage());
            }
        }

        Reply query(String sql) throws IOException {
            byte[] text = sql.getBytes(StandardCharsets.UTF_8);
            out.writeByte('Q');
            out.writeInt(4 + text.length + 1);
            out.write(text);
            out.writeByte(0);
            out.flush();
            return readUntilReady();
        }

        private Reply readUntilReady() throws IOException {
            List<String> tags = new ArrayList<>();
            String code = null;
            String message = null;
            while (true) {
                int type = in.readUnsignedByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                switch (type) {
                    case 'R' -> {
                        if (readInt(body) != 0) {
                            throw new IOException("server wants a password: use trust authentication");
                        }
                    }
                    case 'C' -> tags.add(cstring(body, 0).replaceAll("( \\d+)+$", ""));
                    case 'E' -> {
                        for (int i = 0; body[i] != 0; ) {
                            char field = (char) body[i];
                            String value = cstring(body, i + 1);
                            if (field == 'C') {
                                code = value;
                            } else if (field == 'M') {
                                message = value;
                            }
                            i += 2 + value.getBytes(StandardCharsets.UTF_8).length;
                        }
                    }
                    case 'S' -> {
                        String name = cstring(body, 0);
                        if (name.equals("server_version")) {
                            serverVersion = cstring(body, name.getBytes(StandardCharsets.UTF_8).length + 1);
                        }
                    }
                    case 'G' -> { // COPY ... FROM STDIN: send no rows
                        out.writeByte('c');
                        out.writeInt(4);
                        out.flush();
                    }
                    case 'Z' -> {
                        return new Reply(tags, code, message);
                    }
                    default -> {
                        // row descriptions, rows, notices, notifications, copy-out data: not needed
                    }
                }
            }
        }

        private static int readInt(byte[] b) {
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }

        private static String cstring(byte[] b, int from) {
            int end = from;
            while (b[end] != 0) {
                end++;
            }
            return new String(b, from, end - from, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            out.writeByte('X');
            out.writeInt(4);
            out.flush();
            socket.close();
        }
    }
}
