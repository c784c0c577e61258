package dev.gatehouse.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guardrail API as an HTTP client sees it, against Payara Micro and the real store: field
 * errors, the rule lifecycle with its audit rows, packs, the dry run, and who may do what. Rules are
 * made on connections of their own: a global rule would change what other tests' statements get.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GuardrailsResourceIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void invalidRulesGetFieldErrors() throws Exception {
        ApiClient api = admin();
        String connection = newConnection(api);

        assertFieldError(api.send("POST", "api/v1/guardrails", rule(connection, "bad-class", "\"statements\":[\"DROPP\"]")), "statements",
                "DROPP");
        assertFieldError(api.send("POST", "api/v1/guardrails", rule(connection, "bad-pattern", "\"tables\":[\"a.b.c\"]")), "tables", "a.b.c");
        assertFieldError(api.send("POST", "api/v1/guardrails", rule(connection, "empty", "\"statements\":[]")), "conditions", "condition");
        assertFieldError(api.send("POST", "api/v1/guardrails", rule("no-such-connection", "r", "\"statements\":[\"DROP\"]")), "connection",
                "no-such-connection");
        assertFieldError(api.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"alert-with-chain","action":"ALLOW_AND_ALERT","statements":["DELETE"],"approvalChain":"dba"}"""
                .formatted(connection)), "approvalChain", "REQUIRE_APPROVAL");
        assertFieldError(api.send("POST", "api/v1/guardrails", rule(connection, "bad-window",
                "\"statements\":[\"DELETE\"],\"window\":{\"from\":\"09:00\",\"to\":\"09:00\",\"zone\":\"Mars/Base\"}")), "window.zone", "Mars/Base");

        Reply first = api.send("POST", "api/v1/guardrails", rule(connection, "twice", "\"statements\":[\"DROP:TABLE\"]"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertFieldError(api.send("POST", "api/v1/guardrails", rule(connection, "twice", "\"statements\":[\"TRUNCATE\"]")), "name", "twice");

        Reply approval = api.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"ask-first","action":"REQUIRE_APPROVAL","statements":["DELETE"]}""".formatted(connection));
        assertThat(approval.status()).as(approval.body()).isEqualTo(201);
        assertThat(approval.json().getString("approvalChain")).as("defaulted").isEqualTo("default");

        Reply unknown = api.send("GET", "api/v1/guardrails/" + UUID.randomUUID(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("code")).isEqualTo("not_found");
    }

    @Test
    void rulesAreCreatedReadChangedMovedAndDeletedWithAuditEvents() throws Exception {
        ApiClient api = admin();
        String connection = newConnection(api);

        Reply created = api.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"no-drop","action":"DENY","statements":["DROP:TABLE","TRUNCATE"],"tables":["payments.*"],
                 "identity":{"kinds":["AGENT"],"roles":[],"clientIds":["ci-agent"]},
                 "window":{"days":["SATURDAY","SUNDAY"],"from":"22:00","to":"06:00","zone":"Europe/Berlin","outside":true},
                 "message":"not on payments"}""".formatted(connection));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject rule = created.json();
        String id = rule.getString("id");
        assertThat(created.location()).endsWith("/api/v1/guardrails/" + id);
        assertThat(rule.getString("connection")).isEqualTo(connection);
        assertThat(rule.getInt("position")).isEqualTo(1);
        assertThat(rule.getBoolean("enabled")).isTrue();
        assertThat(strings(rule.getJsonArray("statements"))).containsExactly("DROP:TABLE", "TRUNCATE");
        assertThat(strings(rule.getJsonArray("tables"))).containsExactly("payments.*");
        assertThat(strings(rule.getJsonObject("identity").getJsonArray("kinds"))).containsExactly("AGENT");
        assertThat(rule.getJsonObject("window").getString("from")).isEqualTo("22:00");
        assertThat(rule.getJsonObject("window").getBoolean("outside")).isTrue();
        assertThat(rule.getString("createdBy")).isEqualTo("alice");

        String second = api.send("POST", "api/v1/guardrails", rule(connection, "second", "\"statements\":[\"DELETE\"]")).json().getString("id");
        String third = api.send("POST", "api/v1/guardrails", rule(connection, "third", "\"functions\":[\"pg_read_file\"]")).json().getString("id");
        assertThat(names(api.send("GET", "api/v1/guardrails?connection=" + connection, null))).containsExactly("no-drop", "second", "third");

        Reply updated = api.send("PUT", "api/v1/guardrails/" + id, """
                {"connection":"%s","name":"no-drop","action":"ALLOW_AND_ALERT","enabled":false,"statements":["DROP"]}""".formatted(connection));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().getString("action")).isEqualTo("ALLOW_AND_ALERT");
        assertThat(updated.json().getBoolean("enabled")).isFalse();
        assertThat(absent(updated.json(), "window")).as("no window any more").isTrue();

        Reply moved = api.send("POST", "api/v1/guardrails/" + third + "/move", "{\"position\":1}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(names(moved)).containsExactly("third", "no-drop", "second");
        assertThat(names(api.send("POST", "api/v1/guardrails/" + second + "/move", "{\"direction\":\"up\"}")))
                .containsExactly("third", "second", "no-drop");
        assertFieldError(api.send("POST", "api/v1/guardrails/" + second + "/move", "{}"), "position", "either");

        assertThat(api.send("DELETE", "api/v1/guardrails/" + id, null).status()).isEqualTo(204);
        assertThat(api.send("GET", "api/v1/guardrails/" + id, null).status()).isEqualTo(404);
        Reply remaining = api.send("GET", "api/v1/guardrails?connection=" + connection, null);
        assertThat(names(remaining)).containsExactly("third", "second");
        assertThat(positions(remaining)).containsExactly(1, 2);

        assertThat(TestDatabase.auditActions(id)).containsExactly("guardrail.created", "guardrail.updated", "guardrail.deleted");
        assertThat(TestDatabase.auditActions(third)).containsExactly("guardrail.created", "guardrail.reordered");
        assertThat(TestDatabase.auditActions(second)).containsExactly("guardrail.created", "guardrail.reordered");
        assertThat(TestDatabase.auditDetails(id).get(1)).contains("ALLOW_AND_ALERT").contains("changedFields");
        assertThat(TestDatabase.auditActors(id)).containsOnly("alice");
    }

    @Test
    void aGlobalRuleIsListedAsGlobal() throws Exception {
        ApiClient api = admin();
        String name = "global-" + UUID.randomUUID().toString().substring(0, 8);
        // A rule no statement matches (a role nobody has), removed again: other tests share this store.
        Reply created = api.send("POST", "api/v1/guardrails", """
                {"name":"%s","action":"DENY","statements":["DROP"],"identity":{"roles":["nobody-has-this-role"]}}""".formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try {
            assertThat(absent(created.json(), "connection")).isTrue();
            assertThat(names(api.send("GET", "api/v1/guardrails?global=true", null))).contains(name);
        } finally {
            api.send("DELETE", "api/v1/guardrails/" + created.json().getString("id"), null);
        }
    }

    @Test
    void packsAreListedAndAppliedAsCopies() throws Exception {
        ApiClient api = admin();
        String connection = newConnection(api);

        Reply packs = api.send("GET", "api/v1/guardrails/packs", null);
        assertThat(packs.status()).isEqualTo(200);
        List<JsonObject> all = ((JsonArray) packs.structure()).getValuesAs(JsonObject.class);
        assertThat(all).extracting(p -> p.getString("name"))
                .containsExactlyInAnyOrder("read-only", "no-destructive-ddl", "no-unbounded-writes", "no-server-file-access");
        assertThat(all).allSatisfy(p -> {
            assertThat(p.getString("description")).isNotBlank();
            assertThat(p.getJsonArray("rules")).isNotEmpty();
        });

        Reply applied = api.send("POST", "api/v1/guardrails/packs/no-destructive-ddl/apply", "{\"connection\":\"%s\"}".formatted(connection));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        assertThat(names(applied)).containsExactly("no-drop-or-truncate", "no-do-blocks");
        assertThat(((JsonArray) applied.structure()).getValuesAs(JsonObject.class))
                .allSatisfy(r -> assertThat(r.getString("sourcePack")).isEqualTo("no-destructive-ddl"));

        Reply again = api.send("POST", "api/v1/guardrails/packs/no-destructive-ddl/apply", "{\"connection\":\"%s\"}".formatted(connection));
        assertThat(names(again)).containsExactly("no-drop-or-truncate-2", "no-do-blocks-2");
        assertThat(names(api.send("GET", "api/v1/guardrails?connection=" + connection, null)))
                .containsExactly("no-drop-or-truncate", "no-do-blocks", "no-drop-or-truncate-2", "no-do-blocks-2");
        assertThat(TestDatabase.auditActions("no-destructive-ddl")).contains("guardrail.pack_applied");

        assertThat(api.send("POST", "api/v1/guardrails/packs/no-such-pack/apply", "{\"connection\":\"%s\"}".formatted(connection)).status())
                .isEqualTo(404);
    }

    @Test
    void theDryRunAnswersWhatTheDataPathWouldDo() throws Exception {
        ApiClient api = admin();
        String connection = newConnection(api);
        assertThat(api.send("POST", "api/v1/guardrails/packs/no-destructive-ddl/apply", "{\"connection\":\"%s\"}".formatted(connection))
                .status()).isEqualTo(201);

        Reply denied = api.send("POST", "api/v1/guardrails/dry-run", """
                {"connection":"%s","sql":"DROP TABLE t"}""".formatted(connection));
        assertThat(denied.status()).as(denied.body()).isEqualTo(200);
        JsonObject deny = denied.json();
        assertThat(deny.getString("decision")).isEqualTo("DENY");
        assertThat(deny.getString("rule")).isEqualTo("no-drop-or-truncate");
        assertThat(deny.getString("message")).contains("dropping");
        assertThat(deny.getInt("ruleCount")).isGreaterThanOrEqualTo(2);
        JsonObject statement = deny.getJsonArray("statements").getJsonObject(0);
        assertThat(statement.getString("statementClass")).isEqualTo("DROP");
        assertThat(statement.getString("category")).isEqualTo("DDL");
        JsonObject operation = statement.getJsonArray("operations").getJsonObject(0);
        assertThat(operation.getString("kind")).isEqualTo("TABLE");
        assertThat(strings(operation.getJsonArray("tables"))).containsExactly("t");

        Reply allowed = api.send("POST", "api/v1/guardrails/dry-run", """
                {"connection":"%s","sql":"SELECT 1","identity":{"kind":"AGENT","roles":["gatehouse-user"],"clientId":"ci-agent"},
                 "at":"2025-01-06T10:00:00Z"}""".formatted(connection));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().getString("decision")).isEqualTo("ALLOW");
        assertThat(absent(allowed.json(), "rule")).isTrue();
        assertThat(allowed.json().getJsonArray("statements").getJsonObject(0).getString("statementClass")).isEqualTo("SELECT");

        Reply both = api.send("POST", "api/v1/guardrails/dry-run", """
                {"connection":"%s","sql":"SELECT 1; TRUNCATE t"}""".formatted(connection));
        assertThat(both.json().getString("decision")).as("the strictest statement decides").isEqualTo("DENY");
        assertThat(both.json().getJsonArray("statements").getValuesAs(JsonObject.class)).extracting(s -> s.getString("decision"))
                .containsExactly("ALLOW", "DENY");

        Reply unparseable = api.send("POST", "api/v1/guardrails/dry-run", """
                {"connection":"%s","sql":"SELEC 1"}""".formatted(connection));
        assertThat(unparseable.json().getString("decision")).isEqualTo("DENY");
        assertThat(unparseable.json().getString("parseError")).isNotBlank();

        assertFieldError(api.send("POST", "api/v1/guardrails/dry-run", "{\"connection\":\"no-such-connection\",\"sql\":\"SELECT 1\"}"),
                "connection", "no-such-connection");
        assertFieldError(api.send("POST", "api/v1/guardrails/dry-run", "{\"connection\":\"%s\",\"sql\":\"SELECT 1\",\"at\":\"yesterday\"}"
                .formatted(connection)), "at", "ISO-8601");
    }

    @Test
    void allowUnparseableIsASettingPerConnection() throws Exception {
        ApiClient api = admin();
        String connection = newConnection(api);
        api.send("POST", "api/v1/guardrails/packs/no-unbounded-writes/apply", "{\"connection\":\"%s\"}".formatted(connection));
        assertThat(api.send("GET", "api/v1/guardrails/settings/" + connection, null).json().getBoolean("allowUnparseable")).isFalse();

        Reply changed = api.send("PUT", "api/v1/guardrails/settings/" + connection, "{\"allowUnparseable\":true}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().getBoolean("allowUnparseable")).isTrue();
        Reply unparseable = api.send("POST", "api/v1/guardrails/dry-run", "{\"connection\":\"%s\",\"sql\":\"SELEC 1\"}".formatted(connection));
        assertThat(unparseable.json().getString("decision")).isEqualTo("ALLOW_AND_ALERT");
    }

    @Test
    void auditorsReadButDoNotWrite() throws Exception {
        ApiClient admin = admin();
        String connection = newConnection(admin);
        String id = admin.send("POST", "api/v1/guardrails", rule(connection, "visible", "\"statements\":[\"DROP\"]")).json().getString("id");

        ApiClient dora = new ApiClient(base).as(Keycloak.userToken("dora"));
        assertThat(dora.send("GET", "api/v1/guardrails", null).status()).isEqualTo(200);
        assertThat(dora.send("GET", "api/v1/guardrails/" + id, null).status()).isEqualTo(200);
        assertThat(dora.send("GET", "api/v1/guardrails/packs", null).status()).isEqualTo(200);
        assertThat(dora.send("POST", "api/v1/guardrails/dry-run", "{\"connection\":\"%s\",\"sql\":\"DROP TABLE t\"}".formatted(connection))
                .json().getString("decision")).isEqualTo("DENY");

        Reply create = dora.send("POST", "api/v1/guardrails", rule(connection, "nope", "\"statements\":[\"DROP\"]"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().getString("code")).isEqualTo("forbidden");
        assertThat(dora.send("PUT", "api/v1/guardrails/" + id, rule(connection, "nope", "\"statements\":[\"DROP\"]")).status()).isEqualTo(403);
        assertThat(dora.send("DELETE", "api/v1/guardrails/" + id, null).status()).isEqualTo(403);
        assertThat(dora.send("POST", "api/v1/guardrails/" + id + "/move", "{\"position\":1}").status()).isEqualTo(403);
        assertThat(dora.send("POST", "api/v1/guardrails/packs/read-only/apply", "{\"connection\":\"%s\"}".formatted(connection)).status())
                .isEqualTo(403);

        ApiClient eve = new ApiClient(base).as(Keycloak.userToken("eve"));
        assertThat(eve.send("GET", "api/v1/guardrails", null).status()).isEqualTo(403);
        assertThat(new ApiClient(base).send("GET", "api/v1/guardrails", null).status()).isEqualTo(401);
    }

    @Test
    void openApiDocumentsTheGuardrails() throws Exception {
        Reply openapi = new ApiClient(base).send("GET", "openapi", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/guardrails").contains("/api/v1/guardrails/dry-run").contains("GuardrailRuleRequest")
                .contains("GuardrailDryRun");
    }

    private ApiClient admin() throws Exception {
        return new ApiClient(base).as(Keycloak.userToken("alice"));
    }

    private static String newConnection(ApiClient api) throws Exception {
        String name = "gr-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = api.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres","tlsMode":"disable"}"""
                .formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    private static String rule(String connection, String name, String conditions) {
        return """
                {"connection":"%s","name":"%s","action":"DENY",%s}""".formatted(connection, name, conditions);
    }

    private static void assertFieldError(Reply reply, String field, String mentions) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        JsonObject error = reply.json();
        assertThat(error.getString("code")).isEqualTo("validation_failed");
        assertThat(error.getJsonArray("errors").getValuesAs(JsonObject.class)).as(reply.body()).anySatisfy(e -> {
            assertThat(e.getString("field")).isEqualTo(field);
            assertThat(e.getString("message")).contains(mentions);
        });
    }

    /** The API leaves null fields out of its JSON. */
    private static boolean absent(JsonObject object, String key) {
        return !object.containsKey(key) || object.isNull(key);
    }

    private static List<String> names(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        return ((JsonArray) reply.structure()).getValuesAs(JsonObject.class).stream().map(r -> r.getString("name")).toList();
    }

    private static List<Integer> positions(Reply reply) {
        return ((JsonArray) reply.structure()).getValuesAs(JsonObject.class).stream().map(r -> r.getInt("position")).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

}
