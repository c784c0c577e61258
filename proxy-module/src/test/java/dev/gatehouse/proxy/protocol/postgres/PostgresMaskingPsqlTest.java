package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RuleMatch;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.policy.TablePattern;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.Psql;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance cases of result masking with the real psql (simple protocol, text format) against
 * a real target: no raw value reaches psql's output, whatever shape the query gives it.
 */
class PostgresMaskingPsqlTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TestGateway gateway;
    static Connection connection;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, true, TlsMode.REQUIRE, "analyst");
        gateway = path.gateway();
        connection = path.connection();
        token = path.token();
    }

    @BeforeEach
    void seed() throws Exception {
        path.onTarget(MaskedBank.SCHEMA);
        gateway.mask(connection.name(), MaskedBank.policy());
        gateway.guard(connection.name(), RuleSet.NONE);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    private static Psql.Result psql(String user, String sql) throws Exception {
        String as = user == null ? token : gateway.userToken(user, TestGateway.ROLE);
        return Psql.psql(gateway.port(), connection.name(), TargetPostgres.DATABASE, "require", as, sql, "-A", "-t");
    }

    private static Psql.Result psql(String sql) throws Exception {
        return psql(null, sql);
    }

    private static void assertNoRawValue(Psql.Result result) {
        for (String raw : MaskedBank.RAW) {
            assertThat(result.all()).as("psql output must not contain " + raw).doesNotContain(raw);
        }
    }

    @Test
    void noRawValueThroughStarAliasesExpressionsCastsViewsAndJson() throws Exception {
        Psql.Result result = psql("""
                SELECT * FROM customers ORDER BY id;
                SELECT * FROM accounts ORDER BY id;
                SELECT * FROM cards ORDER BY id;
                SELECT ssn AS tax_reference, email AS contact, phone AS p FROM customers ORDER BY id;
                SELECT ssn || '' AS concatenated, upper(email), lower(phone) FROM customers ORDER BY id;
                SELECT pan::varchar(40), ssn::char(11), iban::text, routing::text FROM cards, customers, accounts LIMIT 4;
                SELECT * FROM customer_contacts ORDER BY id;
                SELECT row_to_json(c) FROM customers c ORDER BY id;
                SELECT json_agg(a) FROM accounts a;
                SELECT json_agg(c) FROM cards c;
                SELECT string_agg(ssn, ',' ORDER BY id) FROM customers;
                SELECT string_agg(pan || ' ' || routing, ';') FROM cards, accounts;
                SELECT 'prefix:' || substring(pan, 1, 6) AS bin FROM cards ORDER BY id;
                """);

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertNoRawValue(result);
        assertThat(result.stdout()).as("Partial keeps the last four").contains("8147").contains("1111");
        assertThat(result.stdout()).as("a value derived from a masked column is replaced whole (lineage, docs/adr/0018),"
                + " even a 6-digit BIN that no detector would call a card number").doesNotContain("prefix:411111").contains("[REDACTED]");
        assertThat(result.stdout()).as("invalid checksums are not what the detectors mask")
                .contains(MaskedBank.NOT_A_PAN).contains(MaskedBank.NOT_AN_IBAN).contains(MaskedBank.NOT_A_ROUTING_NUMBER);
        assertThat(result.stdout()).as("columns without rules are untouched").contains("Alice Smith").contains("gold");
    }

    @Test
    void errorsNoticesAndNotificationsAreMasked() throws Exception {
        Psql.Result result = psql("""
                INSERT INTO customers(id, name, ssn) VALUES (3, 'Eve', '%s');
                DO $$ BEGIN RAISE NOTICE 'looked at %%', (SELECT ssn FROM customers WHERE id = 1); END $$;
                DO $$ BEGIN RAISE EXCEPTION 'card %% refused', (SELECT pan FROM cards WHERE id = 100); END $$;
                LISTEN audit_channel;
                SELECT pg_notify('audit_channel', (SELECT 'ssn=' || ssn FROM customers WHERE id = 2));
                SELECT 'still here';
                """.formatted(MaskedBank.SSN_1));

        assertNoRawValue(result);
        assertThat(result.stderr()).contains("duplicate key value violates unique constraint").contains("Key (ssn)=(")
                .contains("looked at").contains("card");
        assertThat(result.all()).contains("Asynchronous notification \"audit_channel\"").contains("still here");
        StatementExecuted insert = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().startsWith("INSERT INTO customers(id, name, ssn)"));
        assertThat(insert.sql()).as("a literal in the recorded text").doesNotContain(MaskedBank.SSN_1).contains("VALUES (3, 'Eve'");
        assertThat(insert.sqlState()).isEqualTo("23505");
        assertThat(insert.errorMessage()).doesNotContain(MaskedBank.SSN_1);
    }

    @Test
    void copyOutIsMaskedByDetectorsOrRefusedWhenColumnRulesCannotApply() throws Exception {
        Psql.Result refused = psql("COPY (SELECT * FROM customers) TO STDOUT;\nSELECT 'after copy';");
        assertNoRawValue(refused);
        assertThat(refused.stderr()).contains("42501").contains("COPY TO STDOUT");
        assertThat(refused.stdout()).contains("after copy");

        gateway.maskFor(connection.name(), "detector-only", new MaskingPolicy(MaskedBank.contentRules(), Map.of()));
        Psql.Result scanned = psql("detector-only", """
                COPY (SELECT id, ssn, email, notes FROM customers ORDER BY id) TO STDOUT;
                COPY (SELECT id, pan, label FROM cards ORDER BY id) TO STDOUT WITH (FORMAT csv);
                COPY customers TO STDOUT WITH (FORMAT binary);
                """);
        assertNoRawValue(scanned);
        assertThat(scanned.stdout()).contains("card on file").contains(MaskedBank.NOT_A_PAN);
        assertThat(scanned.stderr()).contains("binary COPY");
    }

    @Test
    void anUnmaskableValueFailsTheStatementClosedAndTheSessionGoesOn() throws Exception {
        List<MaskingRule> rules = new ArrayList<>(MaskedBank.policy().rules());
        rules.addFirst(MaskedBank.column("ssn-token", "customers", "ssn", new MaskMethod.Tokenize("key-not-loaded")));
        gateway.maskFor(connection.name(), "tokenized", new MaskingPolicy(rules, Map.of()));

        Psql.Result result = psql("tokenized", "SELECT id, ssn FROM customers ORDER BY id;\nSELECT 'next statement works';");

        assertNoRawValue(result);
        assertThat(result.stderr()).contains("42501").contains("result withheld by Gatehouse masking");
        assertThat(result.stdout()).contains("next statement works");
        StatementExecuted failed = gateway.awaitRecorded(StatementExecuted.class,
                s -> s.sql().startsWith("SELECT id, ssn") && s.failed());
        assertThat(failed.sqlState()).isEqualTo("42501");
        assertThat(failed.errorMessage()).contains("masking").doesNotContain(MaskedBank.SSN_1);
    }

    @Test
    void unavailableRulesFailResultsClosed() throws Exception {
        gateway.maskingUnavailable(connection.name(), true);
        try {
            Psql.Result result = psql("SELECT ssn FROM customers;");
            assertNoRawValue(result);
            assertThat(result.stderr()).contains("42501").contains("could not be loaded");
        } finally {
            gateway.maskingUnavailable(connection.name(), false);
        }
    }

    @Test
    void tokensAreStableAcrossSessionsAndDifferAcrossKeys() throws Exception {
        byte[] keyA = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] keyB = "fedcba9876543210fedcba9876543210".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MaskingRule token = MaskedBank.column("ssn-token", "customers", "ssn", new MaskMethod.Tokenize("k"));
        gateway.maskFor(connection.name(), "token-a", new MaskingPolicy(List.of(token), Map.of("k", keyA)));
        gateway.maskFor(connection.name(), "token-b", new MaskingPolicy(List.of(token), Map.of("k", keyB)));
        String query = "SELECT ssn FROM customers ORDER BY id;";

        String first = psql("token-a", query).stdout();
        String again = psql("token-a", query).stdout();
        String otherKey = psql("token-b", query).stdout();

        assertThat(first).isNotBlank().doesNotContain(MaskedBank.SSN_1).isEqualTo(again).isNotEqualTo(otherKey);
    }

    @Test
    void anExemptIdentitySeesClearValuesAndTheSameQueryIsMaskedForOthers() throws Exception {
        gateway.maskFor(connection.name(), "auditor", MaskingPolicy.NONE);

        assertThat(psql("auditor", "SELECT ssn FROM customers ORDER BY id;").stdout()).contains(MaskedBank.SSN_1);
        assertNoRawValue(psql("SELECT ssn FROM customers ORDER BY id;"));
    }

    @Test
    void evidenceNamesRulesColumnsAndCountsButNoValue() throws Exception {
        psql("SELECT id, ssn, email FROM customers ORDER BY id /* evidence */;");

        StatementExecuted statement = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().contains("/* evidence */"));
        assertThat(statement.masking()).contains(new MaskingEvidence("ssn", "customers.ssn", "public.customers.ssn", 2),
                new MaskingEvidence("emails", "email columns", "public.customers.email", 2));
        assertThat(statement.toString()).doesNotContain(MaskedBank.SSN_1).doesNotContain(MaskedBank.EMAIL_1);
    }

    @Test
    void renamingColumnsIsSeenThroughTheCatalogAtOnce() throws Exception {
        path.onTarget("drop table if exists pets", "create table pets(id int, nickname text, codeword text)",
                "insert into pets values (1, 'rex', 'swordfish')", "alter table pets owner to " + TargetPostgres.SCRAM_USER);
        List<MaskingRule> rules = List.of(MaskedBank.column("codeword", "pets", "codeword", new MaskMethod.Redact("***")));
        gateway.mask(connection.name(), new MaskingPolicy(rules, Map.of()));

        Psql.Result before = psql("SELECT nickname, codeword FROM pets;");
        assertThat(before.stdout()).contains("rex").doesNotContain("swordfish");

        // In one session: the rename's command tag drops the cached names before the next result.
        Psql.Result renamed = psql("""
                ALTER TABLE pets RENAME COLUMN codeword TO old_codeword;
                ALTER TABLE pets RENAME COLUMN nickname TO codeword;
                SELECT codeword AS now_masked, old_codeword AS now_clear FROM pets;
                """);
        assertThat(renamed.stdout()).contains("swordfish").doesNotContain("rex");
        // And a new session, which shares the gateway's catalog cache.
        assertThat(psql("SELECT * FROM pets;").stdout()).contains("swordfish").doesNotContain("rex");
    }

    @Test
    void aGuardrailCanDenyFunctionsThatHideAMaskedColumn() throws Exception {
        // md5(ssn) is neither a catalog column nor text a detector recognises: the limit masking cannot cross.
        assertThat(psql("SELECT md5(ssn) FROM customers;").exitCode()).isZero();
        GuardrailRule noDigests = new GuardrailRule("no-digests-of-customers", RuleAction.DENY,
                new RuleMatch(Set.of(), false, List.of(new TablePattern("public", "customers")), false, Set.of("md5", "sha256", "digest"),
                        false, null, null), "functions over masked columns are not allowed", null);
        gateway.guard(connection.name(), new RuleSet(List.of(noDigests), false));

        Psql.Result denied = psql("SELECT md5(ssn) FROM customers;");
        assertThat(denied.stderr()).contains("42501").contains("no-digests-of-customers");
    }

    @Test
    void rowsOfUnmaskedTablesAreForwardedAsTheTargetSentThem() throws Exception {
        path.onTarget("drop table if exists plain", "create table plain(id int, word text)",
                "insert into plain select g, 'word' || g from generate_series(1, 500) g", "alter table plain owner to " + TargetPostgres.SCRAM_USER);
        gateway.mask(connection.name(), new MaskingPolicy(MaskedBank.columnRules(), Map.of()));

        Psql.Result through = psql("SELECT * FROM plain ORDER BY id;");
        assertThat(through.stdout().lines().count()).isEqualTo(500);
        assertThat(through.stdout()).contains("1|word1").contains("500|word500");
        StatementExecuted statement = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().contains("FROM plain"));
        assertThat(statement.masking()).isEmpty();
        assertThat(statement.rows()).isEqualTo(500);
    }
}
