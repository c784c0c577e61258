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
import java.sql.DriverManager;
import java.sql.Statement;
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
 * The masking API as an HTTP client sees it, against Payara Micro and the real store: field errors,
 * the lifecycle of rules, keys and unmask grants with their audit rows (never key material), the dry
 * run before and after a grant, coverage and sampling of a real target database, and who may do
 * what. Every rule is scoped to a connection of its own: a rule for every connection would change
 * what other tests' sessions get.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MaskingRulesResourceIT {

    private static final String SSN = "123-45-6789";
    private static final String EMAIL = "jane.doe@example.com";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void invalidRulesAreRefusedWithFieldErrors() throws Exception {
        ApiClient api = admin();
        String connection = newConnection(api, "postgres");

        assertFieldError(api.send("POST", "api/v1/masking-rules", detectorRule(connection, "bad-regex",
                "\"detector\":\"custom\",\"customLabel\":\"emp\",\"customRegex\":\"EMP-(\\\\d\",\"method\":\"hash\"")), "customRegex", "regular expression");
        assertFieldError(api.send("POST", "api/v1/masking-rules", """
                {"name":"bad-name-pattern","connection":"%s","target":"column_name","namePattern":"ssn[","method":"null"}""".formatted(connection)),
                "namePattern", "regular expression");
        assertFieldError(api.send("POST", "api/v1/masking-rules", detectorRule(connection, "unknown-detector",
                "\"detector\":\"passport\",\"method\":\"hash\"")), "detector", "unknown detector 'passport'");
        assertFieldError(api.send("POST", "api/v1/masking-rules", detectorRule(connection, "bad-parameter",
                "\"detector\":\"email\",\"method\":\"redact\",\"keepLast\":4")), "keepLast", "not a parameter of method redact");
        assertFieldError(api.send("POST", "api/v1/masking-rules", detectorRule(connection, "bad-mask-char",
                "\"detector\":\"email\",\"method\":\"partial\",\"maskChar\":\"##\"")), "maskChar", "one character");
        assertFieldError(api.send("POST", "api/v1/masking-rules", detectorRule(connection, "no-key",
                "\"detector\":\"email\",\"method\":\"tokenize\",\"keyId\":\"no-such-key\"")), "keyId", "no active token key");
        assertFieldError(api.send("POST", "api/v1/masking-rules", """
                {"name":"half-a-column","connection":"%s","target":"column","schema":"public","method":"null"}""".formatted(connection)),
                "table", "schema, table and column");
        assertFieldError(api.send("POST", "api/v1/masking-rules", detectorRule("no-such-connection", "nowhere",
                "\"detector\":\"email\",\"method\":\"hash\"")), "connection", "no-such-connection");

        Reply unknown = api.send("GET", "api/v1/masking-rules/" + UUID.randomUUID(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("code")).isEqualTo("not_found");
    }

    @Test
    void rulesAndKeysHaveALifecycleWithAuditEventsAndKeyMaterialNeverLeaves() throws Exception {
        ApiClient api = admin();
        String connection = newConnection(api, databaseWithEmailColumn());
        String keyId = "k-" + UUID.randomUUID().toString().substring(0, 8);

        Reply key = api.send("POST", "api/v1/masking-keys", "{\"keyId\":\"%s\"}".formatted(keyId));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertThat(key.json().keySet()).containsExactlyInAnyOrder("keyId", "retired", "createdBy", "createdAt");
        assertFieldError(api.send("POST", "api/v1/masking-keys", "{\"keyId\":\"%s\"}".formatted(keyId)), "keyId", "already exists");

        String name = "email-tokens-" + UUID.randomUUID().toString().substring(0, 6);
        Reply created = api.send("POST", "api/v1/masking-rules", """
                {"name":"%s","connection":"%s","roles":["gatehouse-user"],"target":"column_name","namePattern":"(?i).*email.*",
                 "method":"tokenize","keyId":"%s"}""".formatted(name, connection, keyId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(created.location()).endsWith("/api/v1/masking-rules/" + id);
        assertThat(created.json().getString("summary")).contains("tokenize with key " + keyId).contains("role gatehouse-user");
        assertThat(created.json().getString("createdBy")).isEqualTo("alice");

        Reply retireInUse = api.send("POST", "api/v1/masking-keys/" + keyId + "/retire", null);
        assertFieldError(retireInUse, "keyId", name);

        Reply updated = api.send("PUT", "api/v1/masking-rules/" + id, """
                {"name":"%s","connection":"%s","target":"column","schema":"public","table":"customers","column":"email",
                 "method":"partial","keepLast":4,"enabled":false}""".formatted(name, connection));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().getString("method")).isEqualTo("partial");
        assertThat(updated.json().getBoolean("enabled")).isFalse();
        assertThat(absent(updated.json(), "keyId")).isTrue();
        assertThat(names(api.send("GET", "api/v1/masking-rules", null))).contains(name);

        Reply retired = api.send("POST", "api/v1/masking-keys/" + keyId + "/retire", null);
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(retired.json().getBoolean("retired")).isTrue();
        assertFieldError(api.send("PUT", "api/v1/masking-rules/" + id, """
                {"name":"%s","connection":"%s","target":"detector","detector":"email","method":"tokenize","keyId":"%s"}"""
                .formatted(name, connection, keyId)), "keyId", "no active token key");

        assertThat(api.send("DELETE", "api/v1/masking-rules/" + id, null).status()).isEqualTo(204);
        assertThat(api.send("GET", "api/v1/masking-rules/" + id, null).status()).isEqualTo(404);

        assertThat(TestDatabase.auditActions(id)).containsExactly("masking.rule_created", "masking.rule_updated", "masking.rule_deleted");
        assertThat(TestDatabase.auditActions(keyId)).containsExactly("masking.key_created", "masking.key_retired");
        assertThat(TestDatabase.auditDetails(id).get(1)).contains("changedFields").contains("keep first 0 and last 4");
        assertThat(TestDatabase.auditActors(id)).containsOnly("alice");
        String sealed = TestDatabase.singleValue("select sealed_key from masking_token_key where key_id = '" + keyId + "'");
        assertThat(sealed).startsWith("gh1:");
        String material = sealed.substring(sealed.lastIndexOf(':') + 1);
        assertThat(String.join("\n", TestDatabase.auditDetails(keyId))).doesNotContain(material).contains("HMAC-SHA-256");
        assertThat(api.send("GET", "api/v1/masking-keys", null).body()).contains(keyId).doesNotContain(material).doesNotContain("sealed");
    }

    @Test
    void theDryRunMasksARowAndAnUnmaskGrantShowsItClearUntilRevoked() throws Exception {
        ApiClient api = admin();
        String connection = newConnection(api, databaseWithEmailColumn());
        String ssnRule = api.send("POST", "api/v1/masking-rules", detectorRule(connection, "ssn-" + connection,
                "\"detector\":\"us-ssn\",\"method\":\"redact\",\"placeholder\":\"XXX-XX-XXXX\"")).json().getString("id");
        assertThat(api.send("POST", "api/v1/masking-rules", """
                {"name":"email-%s","connection":"%s","target":"column","schema":"public","table":"customers","column":"email",
                 "method":"partial","keepFirst":1,"keepLast":0}""".formatted(connection, connection)).status()).isEqualTo(201);

        JsonObject masked = dryRunAsEve(api, connection);
        assertThat(column(masked, "ssn").getString("value")).isEqualTo("XXX-XX-XXXX");
        assertThat(strings(column(masked, "ssn").getJsonArray("rules"))).containsExactly("ssn-" + connection);
        assertThat(column(masked, "email").getString("value")).startsWith("j").doesNotContain("doe");
        assertThat(column(masked, "note").getString("value")).as("no rule covers it").isEqualTo("nothing to see");
        assertThat(column(masked, "note").getBoolean("masked")).isFalse();

        Reply refused = api.send("POST", "api/v1/masking-exemptions", "{\"username\":\"eve\",\"connection\":\"%s\"}".formatted(connection));
        assertFieldError(refused, "reason", "required");
        assertFieldError(refused, "endsAt", "every grant ends");

        Reply granted = api.send("POST", "api/v1/masking-exemptions", """
                {"username":"eve","connection":"%s","ruleIds":["%s"],"reason":"INC-4711 fraud review","durationMinutes":30}"""
                .formatted(connection, ssnRule));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        String grant = granted.json().getString("id");
        assertThat(granted.json().getString("status")).isEqualTo("active");
        assertThat(granted.json().getString("grantedBy")).isEqualTo("alice");

        JsonObject exempted = dryRunAsEve(api, connection);
        assertThat(column(exempted, "ssn").getString("value")).as("the grant lifts the SSN rule").isEqualTo(SSN);
        assertThat(column(exempted, "email").getString("value")).as("but only that rule").doesNotContain("doe");

        assertThat(api.send("GET", "api/v1/masking-exemptions?open=true", null).body()).contains(grant);
        Reply revoked = api.send("POST", "api/v1/masking-exemptions/" + grant + "/revoke", null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().getString("status")).isEqualTo("revoked");
        assertThat(column(dryRunAsEve(api, connection), "ssn").getString("value")).isEqualTo("XXX-XX-XXXX");
        assertThat(TestDatabase.auditActions(grant)).containsExactly("masking.exemption_granted", "masking.exemption_revoked");
        assertThat(String.join("\n", TestDatabase.auditDetails(grant))).contains("INC-4711").doesNotContain(SSN);

        assertFieldError(api.send("POST", "api/v1/masking-rules/dry-run", """
                {"connection":"%s","columns":[{"name":"x","type":"geometry","value":"1"}]}""".formatted(connection)), "columns[0].type",
                "geometry");
    }

    @Test
    void coverageListsTheTargetsColumnsAndSamplingAnswersOnlyCounts() throws Exception {
        ApiClient api = admin();
        String database = "mask_cov_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        createTargetDatabase(database);
        String connection = newConnection(api, database);
        api.send("POST", "api/v1/masking-rules", """
                {"name":"ssn-col-%s","connection":"%s","target":"column","schema":"public","table":"customers","column":"ssn",
                 "method":"redact"}""".formatted(connection, connection));

        Reply coverage = api.send("GET", "api/v1/connections/" + connection + "/masking-coverage", null);
        assertThat(coverage.status()).as(coverage.body()).isEqualTo(200);
        List<JsonObject> columns = coverage.json().getJsonArray("columns").getValuesAs(JsonObject.class);
        JsonObject ssn = columns.stream().filter(c -> c.getString("column").equals("ssn")).findFirst().orElseThrow();
        JsonObject email = columns.stream().filter(c -> c.getString("column").equals("contact_email")).findFirst().orElseThrow();
        JsonObject company = columns.stream().filter(c -> c.getString("column").equals("company")).findFirst().orElseThrow();
        assertThat(strings(ssn.getJsonArray("protectedBy"))).containsExactly("ssn-col-" + connection);
        assertThat(email.getJsonArray("protectedBy")).isEmpty();
        assertThat(email.getString("sensitiveHint")).isEqualTo("email");
        assertThat(email.getBoolean("unprotectedSensitive")).isTrue();
        assertThat(absent(company, "sensitiveHint")).as("company is no PAN").isTrue();
        assertThat(coverage.json().getInt("unprotectedSensitiveColumns")).isGreaterThanOrEqualTo(1);

        assertFieldError(api.send("POST", "api/v1/connections/" + connection + "/masking-coverage/sample", "{\"consent\":false}"),
                "consent", "must be true");
        Reply sampled = api.send("POST", "api/v1/connections/" + connection + "/masking-coverage/sample", "{\"consent\":true,\"limit\":50}");
        assertThat(sampled.status()).as(sampled.body()).isEqualTo(200);
        JsonObject totals = sampled.json().getJsonObject("totals");
        assertThat(totals.getInt("us-ssn")).as("the valid SSNs; 000-12-3456 is not one").isEqualTo(2);
        assertThat(totals.getInt("email")).isEqualTo(3);
        assertThat(totals.getInt("payment-card")).as("the Luhn-valid PAN only").isEqualTo(1);
        assertThat(sampled.body()).doesNotContain(SSN).doesNotContain(EMAIL).doesNotContain("4111");
        assertThat(TestDatabase.auditActions(connection)).contains("masking.coverage_sampled");
        assertThat(String.join("\n", TestDatabase.auditDetails(connection))).doesNotContain(SSN).doesNotContain(EMAIL);
    }

    @Test
    void aCatalogColumnRuleIsCheckedAgainstTheTargetAtSave() throws Exception {
        ApiClient api = admin();
        String database = "mask_typ_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        createTargetDatabase(database);
        String connection = newConnection(api, database);

        assertFieldError(api.send("POST", "api/v1/masking-rules", """
                {"name":"nope-%s","connection":"%s","target":"column","schema":"public","table":"customers","column":"tax_id",
                 "method":"redact"}""".formatted(connection, connection)), "column", "has no column public.customers.tax_id");
        assertFieldError(api.send("POST", "api/v1/masking-rules", """
                {"name":"geo-%s","connection":"%s","target":"column","schema":"public","table":"customers","column":"branch_location",
                 "method":"partial","keepLast":2}""".formatted(connection, connection)), "method", "type point");
        Reply nulled = api.send("POST", "api/v1/masking-rules", """
                {"name":"geo-%s","connection":"%s","target":"column","schema":"public","table":"customers","column":"branch_location",
                 "method":"null"}""".formatted(connection, connection));
        assertThat(nulled.status()).as("NULL is valid for every type: " + nulled.body()).isEqualTo(201);
    }

    @Test
    void onlyAdminsChangeMaskingAuditorsReadAndUsersAreRefused() throws Exception {
        ApiClient admin = admin();
        String connection = newConnection(admin, "postgres");
        String id = admin.send("POST", "api/v1/masking-rules", detectorRule(connection, "visible-" + connection,
                "\"detector\":\"email\",\"method\":\"hash\"")).json().getString("id");

        ApiClient dora = new ApiClient(base).as(Keycloak.userToken("dora"));
        assertThat(dora.send("GET", "api/v1/masking-rules/" + id, null).status()).isEqualTo(200);
        assertThat(dora.send("GET", "api/v1/masking-exemptions", null).status()).isEqualTo(200);
        assertThat(dora.send("POST", "api/v1/masking-rules", detectorRule(connection, "nope", "\"detector\":\"email\",\"method\":\"hash\""))
                .status()).isEqualTo(403);
        assertThat(dora.send("POST", "api/v1/masking-keys", "{\"keyId\":\"nope\"}").status()).isEqualTo(403);

        ApiClient eve = new ApiClient(base).as(Keycloak.userToken("eve"));
        for (String path : List.of("api/v1/masking-rules", "api/v1/masking-keys", "api/v1/masking-exemptions",
                "api/v1/connections/" + connection + "/masking-coverage")) {
            Reply reply = eve.send("GET", path, null);
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.json().getString("code")).isEqualTo("forbidden");
        }
        assertThat(eve.send("DELETE", "api/v1/masking-rules/" + id, null).status()).isEqualTo(403);
        assertThat(eve.send("POST", "api/v1/masking-exemptions", """
                {"username":"eve","reason":"let me see","durationMinutes":60}""").status()).as("no self-service unmasking").isEqualTo(403);
        assertThat(eve.send("POST", "api/v1/masking-rules/dry-run", "{}").status()).isEqualTo(403);
        assertThat(new ApiClient(base).send("GET", "api/v1/masking-rules", null).status()).isEqualTo(401);
    }

    @Test
    void openApiDocumentsMasking() throws Exception {
        Reply openapi = new ApiClient(base).send("GET", "openapi", null);
        assertThat(openapi.body()).contains("/api/v1/masking-rules").contains("/api/v1/masking-rules/dry-run").contains("/api/v1/masking-keys")
                .contains("/api/v1/masking-exemptions").contains("masking-coverage").contains("MaskingRuleRequest");
    }

    private JsonObject dryRunAsEve(ApiClient api, String connection) throws Exception {
        Reply reply = api.send("POST", "api/v1/masking-rules/dry-run", """
                {"connection":"%s","identity":{"username":"eve","roles":["gatehouse-user"]},"columns":[
                  {"name":"ssn","type":"text","value":"%s"},
                  {"name":"email","type":"varchar","schema":"public","table":"customers","column":"email","value":"%s"},
                  {"name":"note","type":"text","value":"nothing to see"}]}""".formatted(connection, SSN, EMAIL));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonObject column(JsonObject outcome, String name) {
        return outcome.getJsonArray("columns").getValuesAs(JsonObject.class).stream().filter(c -> c.getString("name").equals(name))
                .findFirst().orElseThrow();
    }

    /** A target with public.customers.email: catalog-column rules are checked against the target at save. */
    private static String databaseWithEmailColumn() throws Exception {
        String database = "mask_em_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        try (Connection admin = TestDatabase.open(); Statement st = admin.createStatement()) {
            st.execute("create database " + database);
        }
        String url = System.getProperty("it.db.url").replaceAll("/[^/?]+(\\?.*)?$", "/" + database);
        try (Connection target = DriverManager.getConnection(url, System.getProperty("it.db.user"), "");
                Statement st = target.createStatement()) {
            st.execute("create table customers (id int primary key, email text)");
        }
        return database;
    }

    private static void createTargetDatabase(String database) throws Exception {
        try (Connection admin = TestDatabase.open(); Statement st = admin.createStatement()) {
            st.execute("create database " + database);
        }
        String url = System.getProperty("it.db.url").replaceAll("/[^/?]+(\\?.*)?$", "/" + database);
        try (Connection target = DriverManager.getConnection(url, System.getProperty("it.db.user"), "");
                Statement st = target.createStatement()) {
            st.execute("create table customers (id int primary key, company text, ssn text, contact_email varchar(200), note text,"
                    + " branch_location point)");
            st.execute("""
                    insert into customers values
                      (1, 'Acme', '%s', '%s', 'card 4111 1111 1111 1111 on file', null),
                      (2, 'Globex', '219-09-9999', 'ops@globex.example', 'card 4111 1111 1111 1112 is not Luhn-valid', null),
                      (3, 'Initech', '000-12-3456', 'pm@initech.example', 'no numbers here', null)""".formatted(SSN, EMAIL));
        }
    }

    private ApiClient admin() throws Exception {
        return new ApiClient(base).as(Keycloak.userToken("alice"));
    }

    private static String newConnection(ApiClient api, String database) throws Exception {
        String name = "mask-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = api.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"%s","username":"postgres","tlsMode":"disable"}"""
                .formatted(name, database));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    private static String detectorRule(String connection, String name, String fields) {
        return """
                {"name":"%s","connection":"%s","target":"detector",%s}""".formatted(name, connection, fields);
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
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return ((JsonArray) reply.structure()).getValuesAs(JsonObject.class).stream().map(r -> r.getString("name")).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }
}
