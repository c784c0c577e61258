package dev.gatehouse.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.Scenarios;
import dev.gatehouse.recording.RecordingScenariosServlet;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read-only sessions API as an auditor's script sees it: filters, paging, and every refusal
 * with its status and the name of the offending parameter. Sessions are recorded through the real
 * recorder by {@link RecordingScenariosServlet}, on a connection name unique to each test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionsResourceIT {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    private String connection;
    private final UUID alices = UUID.randomUUID();
    private final UUID agents = UUID.randomUUID();
    private final UUID live = UUID.randomUUID();

    /** alice at 10:00 (ended 10:01), ci-agent at 11:00 (ended 11:01), and bob's session still running since 12:00. */
    @BeforeEach
    void recordThreeSessions() throws Exception {
        connection = "api-" + UUID.randomUUID().toString().substring(0, 8);
        record(alices, "alice", "human", T0, 2, false);
        record(agents, "ci-agent", "agent", T0.plus(1, ChronoUnit.HOURS), 1, false);
        record(live, "bob", "human", T0.plus(2, ChronoUnit.HOURS), 3, true);
    }

    @Test
    void listsNewestFirstWithFilters() throws Exception {
        ApiClient dora = auditor();
        JsonObject all = ok(dora.send("GET", "api/v1/sessions?connection=" + connection, null));
        assertThat(all.getInt("total")).isEqualTo(3);
        assertThat(all.getInt("page")).isZero();
        assertThat(all.getInt("size")).isEqualTo(50);
        assertThat(ids(all)).containsExactly(live.toString(), agents.toString(), alices.toString());
        JsonObject running = all.getJsonArray("items").getJsonObject(0);
        assertThat(running.getBoolean("active")).isTrue();
        assertThat(running.getInt("statementCount")).as("recorded so far").isEqualTo(3);

        assertThat(ids(ok(dora.send("GET", "api/v1/sessions?connection=" + connection + "&identity=ci-agent", null))))
                .containsExactly(agents.toString());
        assertThat(ids(ok(dora.send("GET", "api/v1/sessions?connection=" + connection + "&identity=alice", null))))
                .containsExactly(alices.toString());
        assertThat(ids(ok(dora.send("GET", "api/v1/sessions?connection=" + connection + "&active=true", null))))
                .containsExactly(live.toString());
        assertThat(ids(ok(dora.send("GET", "api/v1/sessions?connection=" + connection + "&active=false", null))))
                .containsExactly(agents.toString(), alices.toString());
        // Sessions open during 10:30-11:30: the agent's (11:00-11:01) only; alice's ended at 10:01, bob's began at 12:00.
        assertThat(ids(ok(dora.send("GET", "api/v1/sessions?connection=" + connection
                + "&from=2025-03-01T10:30:00Z&to=2025-03-01T11:30:00Z", null)))).containsExactly(agents.toString());
        assertThat(ids(ok(dora.send("GET", "api/v1/sessions?connection=" + connection + "&from=2025-03-01T11:00:30%2B01:00", null))))
                .as("an offset is honoured: 11:00:30+01:00 is 10:00:30Z, before alice's session ended")
                .containsExactly(live.toString(), agents.toString(), alices.toString());
    }

    @Test
    void pagesThroughSessionsAndStatements() throws Exception {
        ApiClient dora = auditor();
        JsonObject first = ok(dora.send("GET", "api/v1/sessions?connection=" + connection + "&size=2", null));
        JsonObject second = ok(dora.send("GET", "api/v1/sessions?connection=" + connection + "&size=2&page=1", null));
        assertThat(ids(first)).containsExactly(live.toString(), agents.toString());
        assertThat(ids(second)).containsExactly(alices.toString());
        assertThat(second.getInt("total")).isEqualTo(3);
        assertThat(second.getInt("page")).isEqualTo(1);

        JsonObject statements = ok(dora.send("GET", "api/v1/sessions/" + live + "/statements?size=2&page=1", null));
        assertThat(statements.getInt("total")).isEqualTo(3);
        assertThat(statements.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(s -> s.getInt("sequence"))
                .containsExactly(3);

        JsonObject one = ok(dora.send("GET", "api/v1/sessions/" + agents, null));
        assertThat(one.getString("identity")).isEqualTo("ci-agent");
        assertThat(one.getString("identityKind")).isEqualTo("agent");
        assertThat(one.getString("connection")).isEqualTo(connection);
    }

    @Test
    void badParametersAnswer400NamingTheParameter() throws Exception {
        ApiClient dora = auditor();
        assertInvalid(dora.send("GET", "api/v1/sessions?from=yesterday", null), "from");
        assertInvalid(dora.send("GET", "api/v1/sessions?to=2025-02-30T00:00:00Z", null), "to");
        assertInvalid(dora.send("GET", "api/v1/sessions?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", null), "to");
        assertInvalid(dora.send("GET", "api/v1/sessions?active=maybe", null), "active");
        assertInvalid(dora.send("GET", "api/v1/sessions?page=-1", null), "page");
        assertInvalid(dora.send("GET", "api/v1/sessions?size=501", null), "size");
        assertInvalid(dora.send("GET", "api/v1/sessions?size=0", null), "size");
        assertInvalid(dora.send("GET", "api/v1/sessions/not-a-uuid", null), "id");
        assertInvalid(dora.send("GET", "api/v1/sessions/not-a-uuid/statements", null), "id");
        assertInvalid(dora.send("GET", "api/v1/sessions/" + live + "/statements?size=1000", null), "size");

        for (String path : List.of("api/v1/sessions/" + UUID.randomUUID(), "api/v1/sessions/" + UUID.randomUUID() + "/statements")) {
            Reply unknown = dora.send("GET", path, null);
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(unknown.json().getString("code")).isEqualTo("not_found");
        }
    }

    @Test
    void onlyAdminsAndAuditorsReadSessions() throws Exception {
        Reply anonymous = new ApiClient(base).send("GET", "api/v1/sessions", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().getString("code")).isEqualTo("missing_token");

        for (String user : List.of("eve", "carol")) {
            ApiClient other = new ApiClient(base).as(Keycloak.userToken(user));
            for (String path : List.of("api/v1/sessions", "api/v1/sessions/" + alices, "api/v1/sessions/" + alices + "/statements")) {
                Reply refused = other.send("GET", path, null);
                assertThat(refused.status()).as(user + " GET " + path).isEqualTo(403);
                assertThat(refused.json().getString("code")).isEqualTo("forbidden");
            }
        }
        assertThat(new ApiClient(base).as(Keycloak.userToken("alice")).send("GET", "api/v1/sessions/" + alices, null).status())
                .as("admins read sessions too").isEqualTo(200);
    }

    @Test
    void theApiIsReadOnlyAndDocumented() throws Exception {
        assertThat(auditor().send("DELETE", "api/v1/sessions/" + alices, null).status()).isEqualTo(405);
        Reply openapi = new ApiClient(base).send("GET", "openapi", null);
        assertThat(openapi.body()).contains("/api/v1/sessions").contains("/api/v1/sessions/{id}/statements").contains("SessionPage");
    }

    private void record(UUID session, String identity, String kind, Instant startedAt, int statements, boolean active) throws Exception {
        String result = new Scenarios(base, "it/recording-scenarios").run("recordSession", Map.of("session", session.toString(),
                "connection", connection, "identity", identity, "kind", kind, "startedAt", startedAt.toString(),
                "statements", String.valueOf(statements), "active", String.valueOf(active)));
        assertThat(result).isEqualTo("PASSED");
    }

    private ApiClient auditor() throws Exception {
        return new ApiClient(base).as(Keycloak.userToken("dora"));
    }

    private static JsonObject ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(s -> s.getString("id")).toList();
    }

    private static void assertInvalid(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getString("code")).isEqualTo("validation_failed");
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class)).extracting(e -> e.getString("field"))
                .contains(field);
    }
}
