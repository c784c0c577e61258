package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy change reaches a session that is already open, at its next request: a rule added by an
 * admin, an unmask grant that ends, rules that cannot be read. Each test keeps ONE PgJDBC
 * connection open across the change.
 */
class PostgresMaskingRefreshJdbcTest {

    private static final String USER = "app";

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TestGateway gateway;
    static Connection connection;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, true, TlsMode.REQUIRE, USER);
        gateway = path.gateway();
        connection = path.connection();
        token = path.token();
    }

    @BeforeEach
    void seed() throws Exception {
        path.onTarget(MaskedBank.SCHEMA);
        gateway.mask(connection.name(), MaskingPolicy.NONE);
    }

    @AfterEach
    void reset() {
        gateway.unmaskEnded(connection.name(), USER);
        gateway.maskingUnavailable(connection.name(), false);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    /** prepareThreshold -1: statements are server-prepared at once, and later bound without a Describe. */
    private static java.sql.Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", connection.name());
        properties.setProperty("password", token);
        properties.setProperty("sslmode", "require");
        properties.setProperty("prepareThreshold", "-1");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + TargetPostgres.DATABASE, properties);
    }

    private static String ssnOf(PreparedStatement byId, int id) throws SQLException {
        byId.setInt(1, id);
        try (ResultSet rs = byId.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String simpleSsnOf(java.sql.Connection db, int id) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT ssn FROM customers WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static void assertMasked(String seen, String raw) {
        assertThat(seen).isNotEqualTo(raw).endsWith(raw.substring(raw.length() - 4));
    }

    @Test
    void aRuleAddedWhileTheSessionIsOpenMasksItsNextStatement() throws Exception {
        try (java.sql.Connection db = open(); PreparedStatement byId = db.prepareStatement("SELECT ssn FROM customers WHERE id = ?")) {
            assertThat(ssnOf(byId, 1)).as("no rules yet").isEqualTo(MaskedBank.SSN_1);
            assertThat(simpleSsnOf(db, 2)).isEqualTo(MaskedBank.SSN_2);

            gateway.mask(connection.name(), MaskedBank.policy());

            // The statement was described while nothing was masked; its rows now come without a description.
            assertMasked(ssnOf(byId, 1), MaskedBank.SSN_1);
            assertMasked(simpleSsnOf(db, 2), MaskedBank.SSN_2);

            gateway.mask(connection.name(), MaskingPolicy.NONE);
            assertThat(ssnOf(byId, 1)).as("the rule was removed again").isEqualTo(MaskedBank.SSN_1);
        }
    }

    @Test
    void anUnmaskGrantThatEndsStopsShowingClearValuesToTheOpenSession() throws Exception {
        gateway.mask(connection.name(), MaskedBank.policy());
        gateway.maskFor(connection.name(), USER, MaskingPolicy.NONE);
        try (java.sql.Connection db = open(); PreparedStatement byId = db.prepareStatement("SELECT ssn FROM customers WHERE id = ?")) {
            assertThat(ssnOf(byId, 1)).as("exempt").isEqualTo(MaskedBank.SSN_1);
            assertThat(simpleSsnOf(db, 2)).isEqualTo(MaskedBank.SSN_2);

            gateway.unmaskEnded(connection.name(), USER);

            assertMasked(ssnOf(byId, 1), MaskedBank.SSN_1);
            assertMasked(simpleSsnOf(db, 2), MaskedBank.SSN_2);
        }
    }

    @Test
    void rulesThatStopLoadingFailTheNextResultClosedAndTheSessionGoesOn() throws Exception {
        gateway.mask(connection.name(), MaskedBank.policy());
        try (java.sql.Connection db = open(); PreparedStatement byId = db.prepareStatement("SELECT ssn FROM customers WHERE id = ?")) {
            assertMasked(ssnOf(byId, 1), MaskedBank.SSN_1);

            gateway.maskingUnavailable(connection.name(), true);
            assertThatThrownBy(() -> ssnOf(byId, 1)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo(PostgresResultMasking.MASKING_REFUSED));
            assertThatThrownBy(() -> simpleSsnOf(db, 2)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo(PostgresResultMasking.MASKING_REFUSED));

            gateway.maskingUnavailable(connection.name(), false);
            assertMasked(ssnOf(byId, 1), MaskedBank.SSN_1);
            assertMasked(simpleSsnOf(db, 2), MaskedBank.SSN_2);
        }
    }

    @Test
    void rulesThatStopLoadingFailClosedEvenForASessionThatMaskedNothing() throws Exception {
        gateway.mask(connection.name(), MaskedBank.policy());
        gateway.maskFor(connection.name(), USER, MaskingPolicy.NONE);
        try (java.sql.Connection db = open()) {
            assertThat(simpleSsnOf(db, 1)).isEqualTo(MaskedBank.SSN_1);

            gateway.maskingUnavailable(connection.name(), true);
            assertThatThrownBy(() -> simpleSsnOf(db, 1)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo(PostgresResultMasking.MASKING_REFUSED));

            gateway.maskingUnavailable(connection.name(), false);
            assertThat(simpleSsnOf(db, 1)).as("still exempt once the rules load again").isEqualTo(MaskedBank.SSN_1);
        }
    }

    @Test
    void theNextFetchOfAnOpenCursorFollowsTheNewPolicy() throws Exception {
        gateway.mask(connection.name(), MaskedBank.policy());
        gateway.maskFor(connection.name(), USER, MaskingPolicy.NONE);
        try (java.sql.Connection db = open()) {
            db.setAutoCommit(false); // pgjdbc fetches in chunks only inside a transaction
            try (PreparedStatement st = db.prepareStatement("SELECT ssn FROM customers ORDER BY id")) {
                st.setFetchSize(1);
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as("first chunk, exempt").isEqualTo(MaskedBank.SSN_1);

                    gateway.unmaskEnded(connection.name(), USER);

                    assertThat(rs.next()).isTrue();
                    assertMasked(rs.getString(1), MaskedBank.SSN_2);
                    assertThat(rs.next()).isFalse();
                }
            }
            db.commit();
        }
    }
}
