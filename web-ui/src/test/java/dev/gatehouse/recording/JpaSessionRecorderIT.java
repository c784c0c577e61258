package dev.gatehouse.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.Scenarios;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data path's recorder inside Payara Micro against the real store: events written through the
 * CDI bean (by {@link RecordingScenariosServlet}, playing the proxy) come back through the REST API
 * as an auditor reads them, leave one audit row each, and a failing batch leaves nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JpaSessionRecorderIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aRecordedSessionReadsBackThroughTheApiAndTheAuditTrail() throws Exception {
        UUID session = UUID.randomUUID();
        String connection = "rec-" + session.toString().substring(0, 8);
        assertThat(scenarios().run("recordCompleteSession", Map.of("session", session.toString(), "connection", connection)))
                .isEqualTo("PASSED");

        ApiClient auditor = new ApiClient(base).as(Keycloak.userToken("dora"));
        Reply read = auditor.send("GET", "api/v1/sessions/" + session, null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonObject s = read.json();
        assertThat(s.getString("connection")).isEqualTo(connection);
        assertThat(s.getString("identity")).isEqualTo("alice");
        assertThat(s.getString("identityKind")).isEqualTo("human");
        assertThat(s.getString("clientAddress")).isEqualTo("127.0.0.1:50000");
        assertThat(s.getBoolean("clientTls")).isTrue();
        assertThat(s.getBoolean("active")).isFalse();
        assertThat(s.getString("endReason")).isEqualTo("client terminated");
        assertThat(s.getJsonNumber("statementCount").longValue()).isEqualTo(3);
        assertThat(s.getJsonNumber("bytesToClient").longValue()).isEqualTo(5678);

        Reply statements = auditor.send("GET", "api/v1/sessions/" + session + "/statements", null);
        assertThat(statements.status()).as(statements.body()).isEqualTo(200);
        List<JsonObject> items = statements.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).extracting(i -> i.getJsonNumber("sequence").longValue()).containsExactly(1L, 2L, 3L);
        JsonObject insert = items.get(1);
        assertThat(insert.getString("protocolMode")).isEqualTo("extended");
        List<JsonObject> params = insert.getJsonArray("parameters").getValuesAs(JsonObject.class);
        assertThat(params.get(0).getString("value")).isEqualTo("42");
        assertThat(params.get(1).getBoolean("binary")).isTrue();
        assertThat(params.get(1).get("value")).as("binary values are never stored").isIn(null, jakarta.json.JsonValue.NULL);
        assertThat(params.get(1).getInt("length")).isEqualTo(16);
        assertThat(params.get(2).getBoolean("isNull")).isTrue();
        assertThat(insert.getJsonArray("commandTags").getString(0)).isEqualTo("INSERT 0 1");
        JsonObject failed = items.get(2);
        assertThat(failed.getBoolean("failed")).isTrue();
        assertThat(failed.getString("sqlState")).isEqualTo("22012");
        assertThat(failed.getString("errorMessage")).isEqualTo("division by zero");

        List<String[]> audit = auditRows("details ->> 'sessionId' = ?", session.toString());
        assertThat(audit).extracting(r -> r[0]).containsExactly("session.started", "statement.executed", "statement.executed",
                "statement.executed", "session.ended");
        assertThat(audit).extracting(r -> r[1]).containsExactly("success", "success", "success", "failure", "success");
        assertThat(audit).allSatisfy(r -> {
            assertThat(r[2]).isEqualTo("alice");
            assertThat(r[3]).isEqualTo("human");
            assertThat(r[4]).isEqualTo("connection");
            assertThat(r[5]).isEqualTo(connection);
        });
        JsonObject insertDetails = json(audit.get(2)[6]);
        assertThat(insertDetails.containsKey("sql")).as("the text is a payload: the chain holds only its hash").isFalse();
        assertThat(insertDetails.getString("parameters_sha256")).hasSize(64);
        assertThat(insertDetails.getString("sql_sha256")).isEqualTo(sha256("insert into orders (id, blob, note) values ($1, $2, $3)"));
        assertThat(insertDetails.getInt("sequence")).isEqualTo(2);
        assertThat(insertDetails.getInt("parameterCount")).isEqualTo(3);
        assertThat(audit.get(2)[6]).as("parameter values stay out of the permanent audit trail").doesNotContain("\"42\"");
        assertThat(json(audit.get(3)[6]).getString("sqlState")).isEqualTo("22012");
        assertThat(json(audit.get(0)[6]).getString("sessionId")).isEqualTo(session.toString());
        assertThat(json(audit.get(4)[6]).getString("reason")).isEqualTo("client terminated");

        List<String[]> refused = auditRows("action = 'session.refused' and target_name = ?", connection);
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0)).startsWith("session.refused", "denied", "anonymous", "unknown", "connection", connection);
        assertThat(json(refused.get(0)[6]).getString("reason")).isEqualTo("invalid_signature");
        assertThat(json(refused.get(0)[6]).getString("sqlState")).isEqualTo("28P01");
    }

    @Test
    void guardrailDecisionsAreRecordedAndBlockedOrAlertedStatementsAudited() throws Exception {
        UUID session = UUID.randomUUID();
        String connection = "rec-" + session.toString().substring(0, 8);
        assertThat(scenarios().run("recordGuardrailDecisions", Map.of("session", session.toString(), "connection", connection)))
                .isEqualTo("PASSED");

        Reply statements = new ApiClient(base).as(Keycloak.userToken("dora")).send("GET", "api/v1/sessions/" + session + "/statements", null);
        assertThat(statements.status()).as(statements.body()).isEqualTo(200);
        List<JsonObject> items = statements.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).extracting(i -> i.getString("decision")).containsExactly("ALLOW", "DENY", "ALLOW_AND_ALERT");
        assertThat(items).extracting(i -> i.getBoolean("blocked")).containsExactly(false, true, false);
        assertThat(items.get(0).containsKey("decisionRule")).as("no rule matched").isFalse();
        assertThat(items.get(1).getString("decisionRule")).isEqualTo("no-card-deletes");
        assertThat(items.get(2).getString("decisionRule")).isEqualTo("watch-unbounded-updates");

        List<String[]> blocked = auditRows("action = 'statement.blocked' and details ->> 'sessionId' = ?", session.toString());
        assertThat(blocked).hasSize(1);
        assertThat(blocked.get(0)).startsWith("statement.blocked", "denied", "alice", "human", "connection", connection);
        JsonObject details = json(blocked.get(0)[6]);
        assertThat(details.getString("rule")).isEqualTo("no-card-deletes");
        assertThat(details.getString("connection")).isEqualTo(connection);
        assertThat(details.getString("identity")).isEqualTo("alice");
        assertThat(details.getInt("sequence")).isEqualTo(2);
        assertThat(blocked.get(0)[6]).as("no parameter values in the audit trail").doesNotContain("secret-card-4111");

        List<String[]> alerts = auditRows("action = 'guardrail.alert' and details ->> 'sessionId' = ?", session.toString());
        assertThat(alerts).hasSize(1);
        assertThat(json(alerts.get(0)[6]).getString("rule")).isEqualTo("watch-unbounded-updates");
        assertThat(auditRows("details ->> 'sessionId' = ?", session.toString())).noneMatch(r -> r[6].contains("secret-card-4111"));
    }

    @Test
    void aBatchThatFailsHalfwayWritesNothing() throws Exception {
        UUID session = UUID.randomUUID();
        assertThat(scenarios().run("failedBatchWritesNothing", Map.of("session", session.toString()))).isEqualTo("PASSED");
        try (Connection db = TestDatabase.open();
                PreparedStatement st = db.prepareStatement("select count(*) from data_session where id = ?")) {
            st.setObject(1, session);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("session row of the failed batch").isZero();
            }
        }
        assertThat(auditRows("details ->> 'sessionId' = ?", session.toString())).as("audit rows of the failed batch").isEmpty();
    }

    @Test
    void aRetriedBatchIsWrittenOnce() throws Exception {
        assertThat(scenarios().run("retriedBatchIsWrittenOnce")).isEqualTo("PASSED");
    }

    @Test
    void aStatementOfASessionStartedEarlierIsAttributedFromTheStore() throws Exception {
        assertThat(scenarios().run("unrememberedSessionIsReadFromTheStore")).isEqualTo("PASSED");
    }

    @Test
    void theProxyAdaptersSeeTheCatalogAndItsSecrets() throws Exception {
        assertThat(scenarios().run("adaptersServeTheDataPath")).isEqualTo("PASSED");
    }

    /**
     * Prints the rate; it is not asserted because machines differ. 20,000 statements in batches of
     * 500, once on a cold JVM and once more after it, as a gateway under load would run.
     */
    @Test
    void recordsStatementsInBatchesFast() throws Exception {
        for (String round : List.of("cold", "warm")) {
            String result = scenarios().run("throughput", Map.of("statements", "20000", "batch", "500"));
            System.out.println("recorder throughput (" + round + "): " + result);
            assertThat(result).startsWith("PASSED");
        }
    }

    private Scenarios scenarios() {
        return new Scenarios(base, "it/recording-scenarios");
    }

    private static List<String[]> auditRows(String where, String value) throws Exception {
        try (Connection db = TestDatabase.open();
                PreparedStatement st = db.prepareStatement("select action, outcome, actor, actor_kind, target_type, target_name, details::text"
                        + " from audit_event where " + where + " order by id")) {
            st.setString(1, value);
            try (ResultSet rs = st.executeQuery()) {
                List<String[]> rows = new ArrayList<>();
                while (rs.next()) {
                    String[] row = new String[7];
                    for (int i = 0; i < 7; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static JsonObject json(String text) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
