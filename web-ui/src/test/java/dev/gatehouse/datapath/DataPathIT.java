package dev.gatehouse.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.PasswordCheckingPostgres;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * The whole product's data path: the deployed gateway inside Payara Micro, real Keycloak tokens
 * (an agent's client-credentials token, a user's token, a Gatehouse token), a target that checks
 * SCRAM passwords, real psql, and the recording read back through the sessions API as an auditor.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataPathIT {

    static PasswordCheckingPostgres target;
    static String connectionName = "dp-" + UUID.randomUUID().toString().substring(0, 8);

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

    private String registerConnection() throws Exception {
        return registerConnection(connectionName);
    }

    private String registerConnection(String connectionName) throws Exception {
        ApiClient admin = new ApiClient(base).as(Keycloak.userToken("alice"));
        Reply existing = admin.send("GET", "api/v1/connections", null);
        if (existing.body().contains("\"" + connectionName + "\"")) {
            return connectionName;
        }
        Reply created = admin.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user"]}
                """.formatted(connectionName, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return connectionName;
    }

    @Test
    void anAgentRunsPsqlThroughTheGatewayAndAnAuditorReadsTheRecording() throws Exception {
        String connection = registerConnection();
        String agentToken = Keycloak.clientToken("ci-agent", "ci-agent-dev-secret");

        Psql run = psql(connection, agentToken, "require",
                "-c", "select current_user", "-c", "create table dp_items(id int); insert into dp_items values (1), (2)",
                "-c", "select * from dp_missing");
        assertThat(run.stdout()).contains(PasswordCheckingPostgres.ROLE);
        assertThat(run.stderr()).contains("42P01");
        assertThat(run.stdout() + run.stderr()).doesNotContain(target.password());

        ApiClient auditor = new ApiClient(base).as(Keycloak.userToken("dora"));
        JsonObject session = awaitSession(auditor, connection, "ci-agent");
        assertThat(session.toString()).doesNotContain(target.password()).doesNotContain(agentToken);
        String sessionId = session.getString("id");
        JsonObject statements = awaitStatements(auditor, sessionId, 3);
        String text = statements.toString();
        assertThat(text).contains("select current_user").contains("INSERT 0 2").contains("42P01").contains("dp_missing");

        assertThat(auditEvents("statement.executed", sessionId)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void guardrailPacksAppliedThroughTheApiStopAnAgentsDestructiveStatementsAndTheRecordingSaysWhy() throws Exception {
        String connection = registerConnection("dpg-" + UUID.randomUUID().toString().substring(0, 8));
        ApiClient admin = new ApiClient(base).as(Keycloak.userToken("alice"));
        for (String pack : List.of("no-destructive-ddl", "no-unbounded-writes")) {
            Reply applied = admin.send("POST", "api/v1/guardrails/packs/" + pack + "/apply", "{\"connection\":\"" + connection + "\"}");
            assertThat(applied.status()).as(applied.body()).isBetween(200, 201);
        }
        String agentToken = Keycloak.clientToken("ci-agent", "ci-agent-dev-secret");

        Psql run = psql(connection, agentToken, "require",
                "-c", "create table dpg_items(id int primary key); insert into dpg_items select generate_series(1, 3)",
                "-c", "DROP TABLE dpg_items", "-c", "DELETE FROM dpg_items", "-c", "DELETE FROM dpg_items WHERE id = 1",
                "-c", "select count(*) from dpg_items");
        assertThat(run.stderr()).contains("ERROR:  42501: blocked by guardrail \"no-drop-or-truncate\"")
                .contains("ERROR:  42501: blocked by guardrail \"no-unbounded-writes\"");
        assertThat(run.stdout()).contains("DELETE 1").contains(" 2\n");

        ApiClient auditor = new ApiClient(base).as(Keycloak.userToken("dora"));
        String sessionId = awaitSession(auditor, connection, "ci-agent").getString("id");
        JsonObject statements = awaitStatements(auditor, sessionId, 5);
        var byText = new java.util.HashMap<String, JsonObject>();
        statements.getJsonArray("items").forEach(item -> byText.put(item.asJsonObject().getString("sql"), item.asJsonObject()));
        assertThat(byText.get("DROP TABLE dpg_items").getString("decision")).isEqualTo("DENY");
        assertThat(byText.get("DROP TABLE dpg_items").getString("decisionRule")).isEqualTo("no-drop-or-truncate");
        assertThat(byText.get("DELETE FROM dpg_items").getString("decisionRule")).isEqualTo("no-unbounded-writes");
        assertThat(byText.get("DELETE FROM dpg_items WHERE id = 1").getString("decision")).isEqualTo("ALLOW");
        assertThat(auditEvents("statement.blocked", sessionId)).isEqualTo(2);
    }

    @Test
    void manyAgentsLoggingInAtOnceAllGetTheirSession() throws Exception {
        String connection = registerConnection();
        String token = Keycloak.clientToken("ci-agent", "ci-agent-dev-secret");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        try {
            List<java.util.concurrent.Future<Integer>> logins = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                logins.add(pool.submit(() -> {
                    try (java.sql.Connection db = jdbc(connection, token);
                            ResultSet rs = db.createStatement().executeQuery("select " + n)) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }));
            }
            int sum = 0;
            for (var login : logins) {
                sum += login.get(60, TimeUnit.SECONDS);
            }
            assertThat(sum).isEqualTo(99 * 100 / 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aShortGatehouseTokenWorksAsThePasswordAndAnExpiredOneIsRefused() throws Exception {
        String connection = registerConnection();
        ApiClient eve = new ApiClient(base).as(Keycloak.userToken("eve"));
        Reply issued = eve.send("POST", "api/v1/tokens", "{\"lifetimeSeconds\":3}");
        assertThat(issued.status()).as(issued.body()).isIn(200, 201);
        String shortToken = issued.json().getString("token");
        assertThat(shortToken).startsWith("ght_").hasSizeLessThan(64);

        Psql ok = psql(connection, shortToken, "disable", "-A", "-t", "-c", "select 1 + 1");
        assertThat(ok.stdout().strip()).as(ok.stderr()).isEqualTo("2");

        Thread.sleep(4500);
        assertThat(loginSqlState(connection, shortToken)).isEqualTo("28P01");
        Psql expired = psql(connection, shortToken, "disable", "-c", "select 1");
        assertThat(expired.stderr()).contains("password authentication failed").contains("expired");
    }

    @Test
    void everyRefusedLoginGetsItsSqlStateAndIsRecordedAsDenied() throws Exception {
        String connection = registerConnection();
        assertThat(loginSqlState(connection, "eyJhbGciOiJSUzI1NiJ9.garbage.garbage")).isEqualTo("28P01");
        assertThat(loginSqlState("no-such-" + UUID.randomUUID(), Keycloak.clientToken("ci-agent", "ci-agent-dev-secret")))
                .isEqualTo("28000");
        // dora is an auditor: a valid identity without the gatehouse-user role on this connection.
        assertThat(loginSqlState(connection, Keycloak.userToken("dora"))).isEqualTo("28000");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> reasons = List.of();
        while (System.nanoTime() < deadline) {
            reasons = refusalReasons();
            if (reasons.containsAll(List.of("malformed_token", "unknown_connection", "not_allowed"))
                    || reasons.containsAll(List.of("invalid_signature", "unknown_connection", "not_allowed"))) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(reasons).contains("unknown_connection", "not_allowed");
        assertThat(reasons).containsAnyOf("malformed_token", "invalid_signature", "invalid_token");
    }

    @Test
    void tenThousandHalfOpenConnectionsLeaveTheGatewayHealthyAndSessionsWorking() throws Exception {
        String connection = registerConnection();
        String token = Keycloak.clientToken("ci-agent", "ci-agent-dev-secret");
        int port = postgresPort();
        try (java.sql.Connection live = jdbc(connection, token)) {
            List<Socket> sockets = new ArrayList<>();
            int refusedWithError = 0;
            try {
                for (int i = 0; i < 10_000; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    socket.setSoTimeout(3_000);
                    sockets.add(socket);
                }
                // Beyond GATEHOUSE_PG_MAX_CONNECTIONS (2000) the gateway answers 53300 at once and closes.
                for (Socket socket : sockets.subList(sockets.size() - 20, sockets.size())) {
                    if (fatalSqlState(socket).equals("53300")) {
                        refusedWithError++;
                    }
                }
                assertThat(refusedWithError).isEqualTo(20);
                try (ResultSet rs = live.createStatement().executeQuery("select 21 * 2")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
                assertThat(health()).contains("\"status\":\"UP\"");
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            awaitLogin(connection, token);
        }
    }

    // ---- helpers ----

    private Psql psql(String connection, String password, String sslmode, String... arguments) throws Exception {
        return clients().psql(connection, target.database(), password, sslmode, arguments);
    }

    private java.sql.Connection jdbc(String connection, String password) throws Exception {
        return clients().jdbc(connection, target.database(), password);
    }

    private DataPathClient clients() {
        return new DataPathClient(base);
    }

    private String loginSqlState(String connection, String password) throws Exception {
        try (java.sql.Connection ignored = jdbc(connection, password)) {
            throw new AssertionError("the login was accepted");
        } catch (SQLException e) {
            assertThat(e.getMessage()).doesNotContain(password);
            return e.getSQLState();
        }
    }

    private void awaitLogin(String connection, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (java.sql.Connection fresh = jdbc(connection, token); ResultSet rs = fresh.createStatement().executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new AssertionError("no new session after the flood was released", last);
    }

    private static String fatalSqlState(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int type = in.read();
        if (type != 'E') {
            return "no error (" + type + ")";
        }
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        String fields = new String(body, StandardCharsets.UTF_8);
        int code = fields.indexOf("\0C");
        return code < 0 ? "?" : fields.substring(code + 2, code + 7);
    }

    private int postgresPort() throws Exception {
        return clients().postgresPort();
    }

    private String health() throws Exception {
        return clients().health().body();
    }

    private JsonObject awaitSession(ApiClient auditor, String connection, String clientId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Reply reply = auditor.send("GET", "api/v1/sessions?connection=" + connection + "&identity=" + clientId, null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            var items = reply.json().getJsonArray("items");
            if (!items.isEmpty()) {
                return items.getJsonObject(0);
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no recorded session for " + connection);
    }

    private JsonObject awaitStatements(ApiClient auditor, String sessionId, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Reply reply = null;
        while (System.nanoTime() < deadline) {
            reply = auditor.send("GET", "api/v1/sessions/" + sessionId + "/statements", null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            if (reply.json().getJsonArray("items").size() >= atLeast) {
                return reply.json();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("statements not recorded: " + (reply == null ? "" : reply.body()));
    }

    private static int auditEvents(String action, String sessionId) throws SQLException {
        try (java.sql.Connection db = TestDatabase.open(); PreparedStatement st = db.prepareStatement(
                "select count(*) from audit_event where action = ? and details->>'sessionId' = ?")) {
            st.setString(1, action);
            st.setString(2, sessionId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<String> refusalReasons() throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (java.sql.Connection db = TestDatabase.open(); PreparedStatement st = db.prepareStatement(
                "select details->>'reason' from audit_event where action = 'session.refused' and outcome = 'denied'")) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reasons.add(rs.getString(1));
                }
            }
        }
        return reasons;
    }
}
