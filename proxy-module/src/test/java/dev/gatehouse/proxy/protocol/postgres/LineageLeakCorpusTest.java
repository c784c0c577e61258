package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * The acceptance harness of issue 16 (docs/adr/0018): the leak corpus in
 * {@code src/test/resources/lineage/leak-corpus.sql} runs through the real gateway against a real
 * PostgreSQL with pgjdbc (text and binary transfer) and psql, and every output (rows, errors,
 * notices, COPY data) is searched for every seeded value in every form a caller could undo: as
 * is, without separators, reversed, hex, base64 and digit-translated. Zero leaks. The same corpus
 * for an exempt identity shows the values, so the masking is the rules' doing, not broken SQL.
 */
class LineageLeakCorpusTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TestGateway gateway;
    static Connection connection;
    static String masked;
    static String exempt;
    static List<Entry> corpus;

    static final List<String> SSNS = List.of("536-22-8147", "219-09-9999");
    static final List<String> PANS = List.of("4111111111111111", "5500005555555559");
    static final List<String> IBANS = List.of("DE89370400440532013000", "GB82WEST12345698765432");
    static final List<String> ROUTINGS = List.of("021000021", "011000015");
    static final List<String> EMAILS = List.of("alice.smith@example.com", "bob.jones@example.org");
    static final List<String> PHONES = List.of("+14155550123", "(415) 555-0199");
    static final List<String> DOBS = List.of("1984-03-17", "1991-11-05");

    /** Seeded values, and other spellings of them that the corpus produces (dates in other formats). */
    static final List<String> RAW = raw();

    static final String[] SCHEMA = {
        "drop view if exists lc_contacts, lc_wide",
        "drop function if exists lc_secret(int), lc_secret_rows()",
        "drop table if exists lc_cards, lc_accounts, lc_customers",
        "create table lc_customers(id int primary key, name text, ssn text, email text, phone text, dob date, notes text)",
        "create table lc_accounts(id int primary key, customer_id int, iban text, routing text)",
        "create table lc_cards(id int primary key, account_id int, pan text)",
        "insert into lc_customers values (1, 'Alice Smith', '" + SSNS.get(0) + "', '" + EMAILS.get(0) + "', '" + PHONES.get(0) + "', '"
                + DOBS.get(0) + "', 'vip'), (2, 'Bob Jones', '" + SSNS.get(1) + "', '" + EMAILS.get(1) + "', '" + PHONES.get(1) + "', '"
                + DOBS.get(1) + "', null)",
        "insert into lc_accounts values (10, 1, '" + IBANS.get(0) + "', '" + ROUTINGS.get(0) + "'), (20, 2, '" + IBANS.get(1) + "', '"
                + ROUTINGS.get(1) + "')",
        "insert into lc_cards values (100, 10, '" + PANS.get(0) + "'), (200, 20, '" + PANS.get(1) + "')",
        "create view lc_contacts as select id, name, ssn, email, dob from lc_customers",
        "create view lc_wide as select c.id, c.ssn as ident, a.iban from lc_contacts c join lc_accounts a on a.customer_id = c.id",
        "create function lc_secret(int) returns text language sql as 'select ssn from lc_customers where id = $1'",
        "create function lc_secret_rows() returns setof lc_customers language sql as 'select * from lc_customers'",
        "alter table lc_customers owner to " + TargetPostgres.SCRAM_USER,
        "alter table lc_accounts owner to " + TargetPostgres.SCRAM_USER,
        "alter table lc_cards owner to " + TargetPostgres.SCRAM_USER,
        "alter view lc_contacts owner to " + TargetPostgres.SCRAM_USER,
        "alter view lc_wide owner to " + TargetPostgres.SCRAM_USER,
    };

    /** One corpus line. */
    record Entry(char expectation, String sql) {
    }

    @BeforeAll
    static void start() throws Exception {
        corpus = corpus();
        path = GatewayToTarget.start(tlsDir, true, TlsMode.REQUIRE, "analyst");
        gateway = path.gateway();
        connection = path.connection();
        masked = path.token();
        exempt = gateway.userToken("auditor", TestGateway.ROLE);
        gateway.mask(connection.name(), policy());
        gateway.maskFor(connection.name(), "auditor", MaskingPolicy.NONE);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    static MaskingPolicy policy() {
        List<MaskingRule> rules = new ArrayList<>();
        rules.add(column("ssn", "lc_customers", "ssn", new MaskMethod.Partial(0, 4, '*')));
        rules.add(column("pan", "lc_cards", "pan", new MaskMethod.Partial(0, 4, '*')));
        rules.add(column("dob", "lc_customers", "dob", new MaskMethod.Redact("x")));
        rules.add(column("phone", "lc_customers", "phone", new MaskMethod.Redact("<phone>")));
        rules.add(column("iban", "lc_accounts", "iban", new MaskMethod.Redact("XX00")));
        rules.add(column("routing", "lc_accounts", "routing", new MaskMethod.Redact("000000000")));
        rules.add(new MaskingRule("emails", "email columns", new MaskTarget.ColumnName(Pattern.compile("(?i).*e_?mail.*")),
                new MaskMethod.Redact("<email>")));
        for (Detector.Kind kind : Detector.Kind.values()) {
            rules.add(new MaskingRule("content-" + kind.ruleName(), kind.ruleName(), new MaskTarget.Content(new Detector.BuiltIn(kind)),
                    new MaskMethod.Redact("[" + kind.ruleName() + "]")));
        }
        return new MaskingPolicy(rules, Map.of());
    }

    private static MaskingRule column(String id, String table, String column, MaskMethod method) {
        return new MaskingRule(id, table + "." + column, new MaskTarget.Column(new CatalogColumn("public", table, column)), method);
    }

    static List<Entry> corpus() throws IOException {
        try (InputStream in = LineageLeakCorpusTest.class.getResourceAsStream("/lineage/leak-corpus.sql")) {
            List<Entry> entries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.length() > 2 && "+-~".indexOf(line.charAt(0)) >= 0 && line.charAt(1) == ' ') {
                    entries.add(new Entry(line.charAt(0), line.substring(2).strip()));
                }
            }
            return entries;
        }
    }

    private static List<String> raw() {
        List<String> all = new ArrayList<>();
        for (List<String> values : List.of(SSNS, PANS, IBANS, ROUTINGS, EMAILS, PHONES, DOBS)) {
            all.addAll(values);
        }
        all.addAll(List.of("17/03/1984", "05/11/1991", "4155550123", "4155550199"));
        return all;
    }

    /** Every spelling of a raw value that gives it back to anyone who knows the trick. */
    static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        String stripped = value.replaceAll("[^A-Za-z0-9]", "");
        for (String base : List.of(value, stripped)) {
            forms.add(base);
            forms.add(new StringBuilder(base).reverse().toString());
            forms.add(HexFormat.of().formatHex(base.getBytes(StandardCharsets.UTF_8)));
            forms.add(Base64.getEncoder().encodeToString(base.getBytes(StandardCharsets.UTF_8)).replace("=", ""));
            forms.add(translateDigits(base));
            forms.add(translateDigits(new StringBuilder(base).reverse().toString()));
        }
        forms.removeIf(form -> form.length() < 8); // shorter spellings would match by chance
        return forms;
    }

    private static String translateDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) ('a' + (c - '0')) : c);
        }
        return out.toString();
    }

    /** The seeded values found in {@code output}, in any form, as "value as form" lines. */
    static List<String> leaks(String output) {
        String haystack = output.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String value : RAW) {
            for (String form : forms(value)) {
                if (haystack.contains(form.toLowerCase(Locale.ROOT))) {
                    found.add(value + " as " + form);
                }
            }
        }
        return found;
    }

    /** Retries once or twice: on a loaded machine the first TLS and SCRAM handshakes can exceed the gateway's startup timeout. */
    private static java.sql.Connection open(String password, boolean binary) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(password, binary);
            } catch (SQLException e) {
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("timeout")) {
                    throw e;
                }
            }
        }
    }

    private static java.sql.Connection openOnce(String password, boolean binary) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", connection.name());
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "require");
        properties.setProperty("prepareThreshold", binary ? "-1" : "0");
        properties.setProperty("binaryTransfer", Boolean.toString(binary));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + TargetPostgres.DATABASE, properties);
    }

    /** Everything a JDBC client sees of one statement: every value of every result, errors and notices. */
    static String runJdbc(java.sql.Connection db, String sql) {
        StringBuilder seen = new StringBuilder();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            boolean isResult = statement.execute();
            while (true) {
                if (isResult) {
                    try (ResultSet rs = statement.getResultSet()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                seen.append(rs.getString(i)).append('\t');
                            }
                            seen.append('\n');
                        }
                    }
                } else if (statement.getUpdateCount() == -1) {
                    break;
                }
                isResult = statement.getMoreResults();
            }
            for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                seen.append("NOTICE ").append(warning.getMessage()).append('\n');
            }
        } catch (SQLException e) {
            seen.append("ERROR ").append(e.getSQLState()).append(" ").append(e.getMessage()).append('\n');
            if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
                seen.append("DETAIL ").append(p.getServerErrorMessage().getDetail()).append('\n');
                seen.append("WHERE ").append(p.getServerErrorMessage().getWhere()).append('\n');
            }
            try {
                if (!db.getAutoCommit()) {
                    db.rollback();
                } else {
                    try (var reset = db.createStatement()) {
                        reset.execute("ROLLBACK"); // a failed BEGIN ... block
                    }
                }
            } catch (SQLException ignored) {
                // the next statement shows whether the session went on
            }
        }
        return seen.toString();
    }

    private static List<String> runCorpusOverJdbc(String token, boolean binary) throws Exception {
        path.onTarget(SCHEMA);
        List<String> outputs = new ArrayList<>();
        try (java.sql.Connection db = open(token, binary)) {
            for (Entry entry : corpus) {
                outputs.add(runJdbc(db, entry.sql()));
            }
        }
        return outputs;
    }

    @Test
    void theCorpusIsLargeAndCoversEveryConstruct() {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
        String all = String.join("\n", corpus.stream().map(Entry::sql).toList()).toLowerCase(Locale.ROOT);
        for (String construct : List.of("row_to_json(", "json_agg(", "to_jsonb(", "::text", "case ", "coalesce(", "string_agg(",
                " over (", "lateral", "with recursive", "union", "intersect", "except", "lc_contacts", "returning", "prepare ",
                "declare ", "fetch ", "copy (", "reverse(", "translate(", "encode(")) {
            assertThat(all).as("the corpus covers " + construct).contains(construct);
        }
    }

    @Test
    void noSeededValueLeaksThroughPgjdbcInTextOrBinaryFormat() throws Exception {
        List<String> failures = new ArrayList<>();
        for (boolean binary : new boolean[] {false, true}) {
            List<String> outputs = runCorpusOverJdbc(masked, binary);
            for (int i = 0; i < corpus.size(); i++) {
                List<String> leaked = leaks(outputs.get(i));
                if (!leaked.isEmpty()) {
                    failures.add((binary ? "binary" : "text") + " | " + corpus.get(i).sql() + " | " + leaked + " | " + outputs.get(i).strip());
                }
            }
        }
        assertThat(failures).as("leaks").isEmpty();
    }

    @Test
    void noSeededValueLeaksThroughPsqlIncludingCopyAndErrors() throws Exception {
        path.onTarget(SCHEMA);
        List<String> failures = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (Entry entry : corpus) {
            script.append("\\echo ==== ").append(entry.sql().replace("\\", "")).append('\n').append(entry.sql()).append(";\n");
        }
        String output = psqlMerged(masked, script.toString());
        String[] sections = output.split("==== ");
        for (String section : sections) {
            List<String> leaked = leaks(section.substring(Math.min(section.length(), section.indexOf('\n') + 1)));
            if (!leaked.isEmpty()) {
                failures.add(section.strip() + " | " + leaked);
            }
        }
        assertThat(failures).as("leaks through psql").isEmpty();
        assertThat(output).as("psql reached the end of the corpus").contains("==== " + corpus.get(corpus.size() - 1).sql());
        assertThat(sections.length).as("every statement has its section").isGreaterThan(corpus.size());
    }

    /** psql over the whole script, errors interleaved with rows (so each is checked with its statement). */
    private static String psqlMerged(String token, String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-A", "-t", "-v", "VERBOSITY=verbose", "host=127.0.0.1 port=" + gateway.port()
                + " user=" + connection.name() + " dbname=" + TargetPostgres.DATABASE + " sslmode=require connect_timeout=30");
        builder.environment().put("PGPASSWORD", token);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void anExemptIdentitySeesTheValuesSoTheMaskingIsTheRulesDoing() throws Exception {
        List<String> outputs = runCorpusOverJdbc(exempt, false);
        List<String> blind = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            if (corpus.get(i).expectation() == '+' && leaks(outputs.get(i)).isEmpty()) {
                blind.add(corpus.get(i).sql() + " | " + outputs.get(i).strip());
            }
        }
        assertThat(blind).as("statements that show no seeded value even without masking").isEmpty();
    }

    @Test
    void wholeRowJsonStillParsesWithMaskedFieldsMaskedAndOthersUnchanged() throws Exception {
        path.onTarget(SCHEMA);
        for (boolean binary : new boolean[] {false, true}) {
            try (java.sql.Connection db = open(masked, binary)) {
                for (String sql : List.of("SELECT row_to_json(c) FROM lc_customers c WHERE id = 1",
                        "SELECT json_agg(c) FROM lc_customers c WHERE id = 1", "SELECT to_jsonb(c) FROM lc_customers c WHERE id = 1")) {
                    String json;
                    try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        json = rs.getString(1);
                    }
                    assertThat(leaks(json)).as(sql).isEmpty();
                    // PostgreSQL itself, not a lenient reader, says whether the client got JSON.
                    try (var admin = path.target().superuser(); var check = admin.prepareStatement(
                            "SELECT j->>'id', j->>'name', j->>'notes', j->>'ssn', j->>'dob', j->>'email', j->>'phone' FROM (SELECT CASE WHEN"
                                    + " jsonb_typeof(?::jsonb) = 'array' THEN ?::jsonb -> 0 ELSE ?::jsonb END AS j) x")) {
                        for (int p = 1; p <= 3; p++) {
                            check.setString(p, json);
                        }
                        try (ResultSet rs = check.executeQuery()) {
                            assertThat(rs.next()).isTrue();
                            assertThat(rs.getString(1)).as("unmasked fields keep their values in " + json).isEqualTo("1");
                            assertThat(rs.getString(2)).isEqualTo("Alice Smith");
                            assertThat(rs.getString(3)).isEqualTo("vip");
                            for (int i = 4; i <= 7; i++) {
                                assertThat(rs.getString(i)).as("masked field " + i + " of " + sql).isEqualTo("[REDACTED]");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void evidenceSaysPerOutputColumnWhichRuleAppliedAndHow() throws Exception {
        path.onTarget(SCHEMA);
        String sql = "SELECT ssn, reverse(ssn) AS backwards, row_to_json(c) AS doc, s FROM lc_customers c,"
                + " LATERAL (SELECT c.ssn AS s) l WHERE id = 1";
        try (java.sql.Connection db = open(masked, true)) {
            assertThat(leaks(runJdbc(db, sql))).isEmpty();
        }
        var executed = gateway.awaitRecorded(dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted.class,
                statement -> sql.equals(statement.sql()) && !statement.masking().isEmpty());
        List<String> columns = executed.masking().stream().map(e -> e.ruleId() + " | " + e.column()).toList();
        assertThat(columns).contains("ssn | public.lc_customers.ssn")
                .anyMatch(c -> c.startsWith("ssn | backwards (derived from lc_customers.ssn)"))
                .anyMatch(c -> c.startsWith("ssn | doc (whole-row: lc_customers.*)"));
        assertThat(executed.masking()).allSatisfy(e -> assertThat(leaks(e.toString())).isEmpty());
    }

    @Test
    void theOptInFilterGuardrailWithholdsResultsThatFilterOnAMaskedColumn() throws Exception {
        path.onTarget(SCHEMA);
        List<MaskingRule> rules = new ArrayList<>(policy().rules());
        MaskingRule ssn = rules.get(0);
        rules.set(0, new MaskingRule(ssn.id(), ssn.name(), ssn.target(), ssn.method(), true));
        gateway.maskFor(connection.name(), "guessing", new MaskingPolicy(rules, Map.of()));
        String guesser = gateway.userToken("guessing", TestGateway.ROLE);
        try (java.sql.Connection db = open(guesser, false)) {
            String refused = runJdbc(db, "SELECT id FROM lc_customers WHERE ssn LIKE '536%'");
            assertThat(refused).contains("42501").contains("lc_customers.ssn").contains("\"" + ssn.name() + "\"");
            assertThat(runJdbc(db, "SELECT id FROM lc_customers ORDER BY ssn")).contains("ERROR").contains(ssn.name());
            assertThat(runJdbc(db, "SELECT id, name FROM lc_customers WHERE id = 1")).as("the session goes on").contains("Alice Smith");
        }
        try (java.sql.Connection db = open(masked, false)) {
            assertThat(runJdbc(db, "SELECT id FROM lc_customers WHERE ssn LIKE '536%'")).as("opt-in only").startsWith("1");
        }
    }
}
