package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masking against PgJDBC: the extended protocol, binary result formats (forced from the first
 * execution), named statements bound again without a Describe, cursor fetches, and recorded bind
 * parameters.
 */
class PostgresMaskingJdbcTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TestGateway gateway;
    static Connection connection;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, true, TlsMode.REQUIRE, "app");
        gateway = path.gateway();
        connection = path.connection();
        token = path.token();
    }

    @BeforeEach
    void seed() throws Exception {
        path.onTarget(MaskedBank.SCHEMA);
        gateway.mask(connection.name(), MaskedBank.policy());
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    /** @param prepareThreshold -1 makes pgjdbc server-prepare (and read binary) from the first execution */
    private static java.sql.Connection open(String password, int prepareThreshold) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", connection.name());
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "require");
        properties.setProperty("prepareThreshold", Integer.toString(prepareThreshold));
        properties.setProperty("binaryTransfer", "true");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + TargetPostgres.DATABASE, properties);
    }

    private static void assertNoRawValue(List<String> seen) {
        String all = String.join("\n", seen);
        for (String raw : MaskedBank.RAW) {
            assertThat(all).as("JDBC output must not contain " + raw).doesNotContain(raw);
        }
    }

    @Test
    void binaryResultsOfEachTypeMaskToValuesTheDriverReads() throws Exception {
        List<String> seen = new ArrayList<>();
        try (java.sql.Connection db = open(token, -1); PreparedStatement st = db.prepareStatement(
                "SELECT c.id, c.pan, c.expires, c.cvv, c.photo, a.balance, a.iban, a.opened FROM cards c JOIN accounts a ON a.id = c.account_id"
                        + " WHERE c.id >= ? ORDER BY c.id")) {
            st.setInt(1, 0);
            try (ResultSet rs = st.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getInt(1)).isIn(100, 200);
                    seen.add(rs.getString(2));
                    java.sql.Date expires = rs.getDate(3);
                    int cvv = rs.getInt(4);
                    byte[] photo = rs.getBytes(5);
                    BigDecimal balance = rs.getBigDecimal(6);
                    seen.add(rs.getString(7));
                    seen.add(String.valueOf(rs.getDate(8)));
                    seen.add(expires + " " + cvv + " " + (photo == null ? "null" : java.util.HexFormat.of().formatHex(photo)) + " " + balance);
                    assertThat(cvv).isNotIn(MaskedBank.CVV_1);
                    assertThat(photo == null ? "" : java.util.HexFormat.of().formatHex(photo)).isNotIn("deadbeef", "cafe");
                    assertThat(balance == null ? BigDecimal.ZERO : balance).isNotIn(new BigDecimal("1234.56"), new BigDecimal("98765.43"));
                    assertThat(String.valueOf(expires)).isNotIn("2028-09-30", "2027-01-31");
                }
                assertThat(rows).isEqualTo(2);
            }
        }
        assertNoRawValue(seen);
        assertThat(seen).as("a date without a rule reads unchanged").contains("2019-04-01");
    }

    @Test
    void computedArraysAndJsonAreScannedInBinaryToo() throws Exception {
        List<String> seen = new ArrayList<>();
        try (java.sql.Connection db = open(token, -1); PreparedStatement st = db.prepareStatement(
                "SELECT array_agg(ssn || '' ORDER BY id), jsonb_agg(c ORDER BY id), string_agg(email, ',') FROM customers c WHERE id > ?")) {
            st.setInt(1, 0);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Object[] ssns = (Object[]) rs.getArray(1).getArray();
                seen.add(String.join(",", java.util.Arrays.stream(ssns).map(String::valueOf).toList()));
                seen.add(rs.getString(2));
                seen.add(rs.getString(3));
            }
        }
        assertNoRawValue(seen);
        assertThat(seen.get(0).split(",")).hasSize(2);
        assertThat(seen.get(1)).startsWith("[").contains("Alice Smith");
    }

    @Test
    void aNamedStatementBoundAgainWithoutDescribeIsStillMasked() throws Exception {
        List<String> seen = new ArrayList<>();
        try (java.sql.Connection db = open(token, 2); PreparedStatement st = db.prepareStatement(
                "SELECT ssn, email, notes FROM customers WHERE id = ?")) {
            for (int i = 0; i < 8; i++) {
                st.setInt(1, 1 + i % 2);
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    seen.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        assertNoRawValue(seen);
        assertThat(seen).hasSize(8).allSatisfy(row -> assertThat(row).isNotBlank());
    }

    @Test
    void aCursorReadInChunksIsMaskedInEveryChunk() throws Exception {
        path.onTarget("insert into customers select g, 'n' || g, '" + "536-22-" + "' || lpad(g::text, 4, '0'),"
                + " 'user' || g || '@example.com', null, null from generate_series(1000, 1999) g");
        int rows = 0;
        try (java.sql.Connection db = open(token, 5)) {
            db.setAutoCommit(false);
            try (Statement st = db.createStatement()) {
                st.setFetchSize(100);
                try (ResultSet rs = st.executeQuery("SELECT id, ssn, email FROM customers WHERE id >= 1000 ORDER BY id")) {
                    while (rs.next()) {
                        rows++;
                        String ssn = rs.getString(2);
                        assertThat(ssn).doesNotMatch("\\d{3}-\\d{2}-\\d{4}");
                        assertThat(rs.getString(3)).doesNotContain("@example.com");
                    }
                }
            }
            db.commit();
        }
        assertThat(rows).isEqualTo(1000);
    }

    @Test
    void recordedBindParametersAreMasked() throws Exception {
        try (java.sql.Connection db = open(token, 5); PreparedStatement st = db.prepareStatement(
                "INSERT INTO customers(id, name, ssn, email) VALUES (?, ?, ?, ?)")) {
            st.setInt(1, 77);
            st.setString(2, "Carol");
            st.setString(3, "078-05-1120");
            st.setString(4, "carol@example.net");
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        StatementExecuted insert = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().startsWith("INSERT INTO customers(id")
                && s.parameters().stream().anyMatch(p -> "Carol".equals(p.value())));
        assertThat(insert.parameters()).extracting(BoundParameter::value).doesNotContain("078-05-1120", "carol@example.net");
        assertThat(insert.masking()).isNotEmpty();
        assertThat(path.countOnTarget("select count(*) from customers where ssn = '078-05-1120'")).as("the target got the real value")
                .isEqualTo(1);
    }

    @Test
    void aUniqueViolationDetailIsMaskedForJdbc() throws Exception {
        try (java.sql.Connection db = open(token, 5); PreparedStatement st = db.prepareStatement(
                "INSERT INTO customers(id, name, ssn) VALUES (?, ?, ?)")) {
            st.setInt(1, 78);
            st.setString(2, "Mallory");
            st.setString(3, MaskedBank.SSN_2);
            assertThatThrownBy(st::executeUpdate).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getMessage()).contains("Key (ssn)=(").doesNotContain(MaskedBank.SSN_2);
            });
        }
    }

    @Test
    void aFailedStatementLeavesTheConnectionUsable() throws Exception {
        List<MaskingRule> rules = new ArrayList<>(MaskedBank.policy().rules());
        rules.addFirst(MaskedBank.column("pan-token", "cards", "pan", new MaskMethod.Tokenize("missing-key")));
        gateway.maskFor(connection.name(), "tokenizer", new MaskingPolicy(rules, Map.of()));
        String tokenizer = gateway.userToken("tokenizer", TestGateway.ROLE);

        try (java.sql.Connection db = open(tokenizer, -1)) {
            try (PreparedStatement st = db.prepareStatement("SELECT id, pan FROM cards ORDER BY id")) {
                assertThatThrownBy(st::executeQuery).isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42501");
                    assertThat(e.getMessage()).contains("masking").doesNotContain(MaskedBank.PAN_1);
                });
            }
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM cards")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }
}
