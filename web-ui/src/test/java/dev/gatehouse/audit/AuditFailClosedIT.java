package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.PasswordCheckingPostgres;
import dev.gatehouse.it.TestDatabase;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fail-closed against the real store: the audit table is made unwritable for the application's
 * role (a real REVOKE, as a broken grant or a full tablespace would), and the deployed gateway
 * must refuse statements and sessions with a clear error, report DOWN, keep what it recorded, and
 * recover by itself once the grant is back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditFailClosedIT {

    static PasswordCheckingPostgres target;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startTarget() throws Exception {
        target = PasswordCheckingPostgres.start(Path.of("target"));
    }

    @AfterAll
    static void stopTarget() throws IOException {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void anUnwritableAuditTableStopsStatementsAndSessionsAndHealthSaysDownUntilItRecovers() throws Exception {
        String connection = "fc-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = new ApiClient(base).as(Keycloak.userToken("alice")).send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user"]}
                """.formatted(connection, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getBoolean("auditFailClosed")).as("fail-closed is the default").isTrue();
        String token = Keycloak.clientToken("ci-agent", "ci-agent-dev-secret");
        DataPathClient clients = new DataPathClient(base);

        try (Connection session = clients.jdbc(connection, target.database(), token); Statement st = session.createStatement()) {
            assertThat(single(st, "select 1")).isEqualTo(1);
            try {
                storeAdmin("revoke insert on audit_event from gatehouse_app");
                // The recorder learns of the outage when it next writes: this statement runs, its event cannot be stored.
                assertThat(single(st, "select 2")).isEqualTo(2);
                awaitHealth(body -> Boolean.FALSE.equals(acceptingEvents(body)));
                assertThat(clients.health().statusCode()).as("readiness is DOWN").isEqualTo(503);

                assertThatThrownBy(() -> single(st, "select 3")).isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42501");
                    assertThat(e.getMessage()).contains("audit trail cannot record statements right now").contains("fail-closed");
                });
                Psql refused = clients.psql(connection, target.database(), token, "disable", "-c", "select 4");
                assertThat(refused.exit()).isNotZero();
                assertThat(refused.stderr()).contains("audit trail cannot record right now").contains("fail-closed");
            } finally {
                storeAdmin("grant insert on audit_event to gatehouse_app");
            }
            awaitHealth(body -> Boolean.TRUE.equals(acceptingEvents(body)));
            assertThat(clients.health().statusCode()).isEqualTo(200);
            assertThat(single(st, "select 5")).as("the same session works again").isEqualTo(5);
        }

        // Nothing recorded during the outage was dropped: the statement that ran and the one refused are both there.
        awaitRecorded(connection, "select 5");
        assertThat(recordedDecision(connection, "select 2")).isIn("ALLOW", "");
        assertThat(recordedDecision(connection, "select 3")).isEqualTo("DENY audit-unavailable");
        assertThat(auditEventsFor(connection, "session.refused")).isGreaterThanOrEqualTo(1);
    }

    private static int single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The audit-trail check's acceptingEvents (MicroProfile Health may write it as a string or a boolean), or null. */
    private static Boolean acceptingEvents(String health) {
        int at = health.indexOf("\"acceptingEvents\"");
        if (at < 0) {
            return null;
        }
        String value = health.substring(at + "\"acceptingEvents\"".length(), Math.min(health.length(), at + 30));
        return value.contains("true") ? Boolean.TRUE : value.contains("false") ? Boolean.FALSE : null;
    }

    private static void storeAdmin(String sql) throws SQLException {
        try (Connection c = TestDatabase.open(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void awaitHealth(Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = new DataPathClient(base).health().body();
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health never matched; last: " + last);
    }

    private static void awaitRecorded(String connection, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (recordedDecision(connection, sql) != null) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(sql + " was never recorded");
    }

    private static String recordedDecision(String connection, String sql) throws SQLException {
        try (Connection c = TestDatabase.open(); PreparedStatement ps = c.prepareStatement("select coalesce(st.decision, '')"
                + " || coalesce(' ' || st.decision_rule, '') from data_statement st join data_session s on s.id = st.session_id"
                + " where s.connection_name = ? and st.sql_text = ?")) {
            ps.setString(1, connection);
            ps.setString(2, sql);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int auditEventsFor(String connection, String action) throws SQLException {
        try (Connection c = TestDatabase.open(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from audit_event where target_name = ? and action = ?")) {
            ps.setString(1, connection);
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
