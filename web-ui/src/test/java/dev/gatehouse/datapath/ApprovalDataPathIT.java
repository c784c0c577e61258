package dev.gatehouse.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.PasswordCheckingPostgres;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Approvals through the whole product, with real psql and Keycloak users: eve's flagged UPDATE
 * starts a command review, bob and carol approve it over REST, the re-run executes once and the
 * next run needs a new approval; the refusals change nothing; and a just-in-time connection lets
 * eve in only while her access grant lasts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApprovalDataPathIT {

    private static final Pattern REQUEST_ID = Pattern.compile("approval required: ([0-9a-f-]{36})");
    private static final String UPDATE = "update accounts set balance = 0 where id = 1";
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
        String url = "jdbc:postgresql://127.0.0.1:" + target.port() + "/" + target.database();
        try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("create table accounts (id int primary key, balance int)");
            st.execute("insert into accounts values (1, 100)");
            st.execute("grant select, update on accounts to " + PasswordCheckingPostgres.ROLE);
            st.execute("create table appr (id int primary key, n int not null default 0)");
            st.execute("insert into appr(id) select generate_series(1, 5)");
            st.execute("grant select, update on appr to " + PasswordCheckingPostgres.ROLE);
        }
    }

    @AfterAll
    static void stopTarget() throws IOException {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aFlaggedUpdateRunsOnceAfterTwoApprovalsAndEveryStepIsAudited() throws Exception {
        ApiClient alice = as("alice");
        String connection = connection(alice, false);
        Reply rule = alice.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"ask-before-update","action":"REQUIRE_APPROVAL","statements":["UPDATE"]}""".formatted(connection));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        Psql first = eve(connection, UPDATE);
        String requestId = requestId(first);
        assertThat(first.stderr()).contains("42501").contains("/approvals.xhtml?id=" + requestId);
        assertThat(requestId(eve(connection, UPDATE))).as("the open review, not a second one").isEqualTo(requestId);

        ApiClient eve = as("eve");
        ApiClient bob = as("bob");
        ApiClient carol = as("carol");
        assertThat(eve.send("GET", "api/v1/approvals/" + requestId, null).json().getString("statement")).isEqualTo(UPDATE);
        assertError(decide(eve, requestId, "approve", "mine"), 403, "not_a_candidate");
        assertError(decide(as("dora"), requestId, "approve", "looks fine"), 403, "not_a_candidate");
        assertThat(bob.send("GET", "api/v1/approvals", null).body()).contains(requestId);

        assertThat(bob.send("POST", "api/v1/approvals/" + requestId + "/claim", null).status()).isEqualTo(200);
        assertThat(bob.send("POST", "api/v1/approvals/" + requestId + "/unclaim", null).status()).isEqualTo(200);
        assertThat(decide(bob, requestId, "approve", "ticket CHG-7").status()).isEqualTo(200);
        assertError(decide(bob, requestId, "approve", "again"), 403, "separation_of_duties");
        assertError(decide(carol, requestId, "reject", " "), 400, "comment_required");
        assertThat(eve(connection, UPDATE).stderr()).as("still waiting for step 2").contains("approval required: " + requestId);
        Reply approved = decide(carol, requestId, "approve", "second pair of eyes");
        assertThat(approved.json().getString("status")).as(approved.body()).isEqualTo("APPROVED");
        assertError(decide(carol, requestId, "reject", "too late"), 409, "request_finished");

        Psql rerun = eve(connection, UPDATE);
        assertThat(rerun.exit()).as(rerun.stderr()).isZero();
        assertThat(rerun.stdout()).contains("UPDATE 1");
        String next = requestId(eve(connection, UPDATE));
        assertThat(next).as("a second run needs a new approval").isNotEqualTo(requestId);

        List<String> steps = eve.send("GET", "api/v1/approvals/" + requestId, null).json().getJsonArray("steps")
                .getValuesAs(JsonObject.class).stream().map(step -> step.getString("actor") + " " + step.getString("action")).toList();
        assertThat(steps).contains("eve approval.requested", "bob approval.claimed", "bob approval.unclaimed", "bob approval.approved",
                "carol approval.approved", "eve approval.refused", "dora approval.refused", "bob approval.refused",
                "gatehouse-workflow approval.grant-issued", "gatehouse-workflow approval.closed", "eve approval.grant-used");
        assertThat(eve.send("GET", "api/v1/approvals/" + requestId, null).body()).contains("ticket CHG-7").contains("second pair of eyes");
        assertThat(eve.send("GET", "api/v1/approvals?view=mine", null).body()).contains(requestId).contains(next);
        assertThat(carol.send("GET", "api/v1/approvals?view=decided", null).body()).contains(requestId);
    }

    /**
     * Issue 15, attack 3: approvers approved "... WHERE id = 1 -- INC-1 OR id > 0" (all of its tail a
     * comment); the client then runs the same text with a newline after "INC-1", which makes
     * "OR id > 0" code. The approval is bound to the exact bytes, so the trick is another statement
     * that needs its own review, where approvers see the newline; the approved text runs once.
     */
    @Test
    void anApprovalIsBoundToTheExactBytesSoTheCommentTrickNeedsItsOwnReview() throws Exception {
        ApiClient alice = as("alice");
        String connection = connection(alice, false);
        Reply rule = alice.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"ask-before-update","action":"REQUIRE_APPROVAL","statements":["UPDATE"]}""".formatted(connection));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        String shown = "update appr set n = n + 1 where id = 1 -- INC-1 or id > 0";
        String trick = "update appr set n = n + 1 where id = 1 -- INC-1\nor id > 0";

        String requestId = requestId(eve(connection, shown));
        ApiClient eve = as("eve");
        assertThat(eve.send("GET", "api/v1/approvals/" + requestId, null).json().getString("statement")).isEqualTo(shown);
        assertThat(decide(as("bob"), requestId, "approve", "only row 1").status()).isEqualTo(200);
        assertThat(decide(as("carol"), requestId, "approve", "only row 1").json().getString("status")).isEqualTo("APPROVED");

        String trickId = requestId(eve(connection, trick));
        assertThat(trickId).as("the trick is another statement").isNotEqualTo(requestId);
        assertThat(eve.send("GET", "api/v1/approvals/" + trickId, null).json().getString("statement"))
                .as("approvers see the newline").isEqualTo(trick);
        assertThat(count("select count(*) from appr where n > 0")).isZero();

        Psql approved = eve(connection, shown);
        assertThat(approved.exit()).as(approved.stderr()).isZero();
        assertThat(approved.stdout()).contains("UPDATE 1");
        assertThat(count("select count(*) from appr where n > 0")).isEqualTo(1);
    }

    /**
     * Issue 15, attack 2 with pgjdbc: a statement with a placeholder is reviewed with its value, and
     * the approval is used up by the first execution on the target: a batch of five runs it once (and
     * fails, so the target rolls the batch back), and the next run needs a new approval.
     */
    @Test
    void aJdbcStatementWithAValueIsApprovedForThatValueAndABatchOfFiveUsesTheApprovalOnce() throws Exception {
        ApiClient alice = as("alice");
        String connection = connection(alice, false);
        Reply rule = alice.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"ask-before-update","action":"REQUIRE_APPROVAL","statements":["UPDATE"]}""".formatted(connection));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        String update = "update appr set n = n + 10 where id = ?";
        String requestId;
        try (Connection jdbc = new DataPathClient(base).jdbc(connection, target.database(), Keycloak.userToken("eve"));
                java.sql.PreparedStatement statement = jdbc.prepareStatement(update)) {
            statement.setInt(1, 2);
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, statement::executeUpdate);
            assertThat(refused.getSQLState()).isEqualTo("42501");
            Matcher id = REQUEST_ID.matcher(refused.getMessage());
            assertThat(id.find()).as(refused.getMessage()).isTrue();
            requestId = id.group(1);
        }
        JsonObject request = as("bob").send("GET", "api/v1/approvals/" + requestId, null).json();
        assertThat(request.getString("statement")).isEqualTo("update appr set n = n + 10 where id = $1");
        assertThat(request.getString("parameters")).as("approvers see the value").contains("2 binary:00000002 (type 23)");
        assertThat(decide(as("bob"), requestId, "approve", "row 2").status()).isEqualTo(200);
        assertThat(decide(as("carol"), requestId, "approve", "row 2").json().getString("status")).isEqualTo("APPROVED");

        try (Connection jdbc = new DataPathClient(base).jdbc(connection, target.database(), Keycloak.userToken("eve"));
                java.sql.PreparedStatement statement = jdbc.prepareStatement(update)) {
            statement.setInt(1, 3);
            SQLException otherValue = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, statement::executeUpdate);
            assertThat(otherValue.getMessage()).as("approved for 2, not 3").contains("approval required").doesNotContain(requestId);
            for (int i = 0; i < 5; i++) {
                statement.setInt(1, 2);
                statement.addBatch();
            }
            java.sql.BatchUpdateException batch = org.junit.jupiter.api.Assertions.assertThrows(java.sql.BatchUpdateException.class,
                    statement::executeBatch);
            assertThat(batch.getNextException().getSQLState()).isEqualTo("42501");
            assertThat(count("select n from appr where id = 2")).as("rolled back with the failed batch").isZero();
            statement.setInt(1, 2);
            SQLException again = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, statement::executeUpdate);
            assertThat(again.getMessage()).as("the approval was used up by the batch's one run").contains("approval required")
                    .doesNotContain(requestId);
        }
        List<String> steps = as("eve").send("GET", "api/v1/approvals/" + requestId, null).json().getJsonArray("steps")
                .getValuesAs(JsonObject.class).stream().map(step -> step.getString("action")).toList();
        assertThat(steps.stream().filter("approval.grant-used"::equals)).hasSize(1);
    }

    private static long count(String query) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + target.port() + "/" + target.database();
        try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement st = db.createStatement();
                var rows = st.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void inWaitModeAnApprovalDuringTheWaitLetsTheStatementRunWithoutARerun() throws Exception {
        ApiClient alice = as("alice");
        String connection = connection(alice, false);
        Reply rule = alice.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"ask-and-wait","action":"REQUIRE_APPROVAL","statements":["UPDATE"]}""".formatted(connection));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        String sql = "update accounts set balance = 7 where id = 1";
        String token = Keycloak.userToken("eve");
        int port = new DataPathClient(base).postgresPort();
        CompletableFuture<Psql> waiting = CompletableFuture.supplyAsync(() -> psqlWaiting(port, connection, token, sql));

        ApiClient bob = as("bob");
        String requestId = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (requestId == null && System.nanoTime() < deadline) {
            for (JsonObject task : bob.send("GET", "api/v1/approvals", null).structure().asJsonArray().getValuesAs(JsonObject.class)) {
                if (connection.equals(task.getString("connection", null))) {
                    requestId = task.getString("requestId");
                }
            }
            Thread.sleep(300);
        }
        assertThat(requestId).as("the held statement's review reaches bob's inbox").isNotNull();
        assertThat(waiting).as("held while undecided").isNotDone();
        assertThat(decide(bob, requestId, "approve", "ok").status()).isEqualTo(200);
        assertThat(decide(as("carol"), requestId, "approve", "ok").status()).isEqualTo(200);

        Psql ran = waiting.get(30, TimeUnit.SECONDS);
        assertThat(ran.exit()).as(ran.stderr()).isZero();
        assertThat(ran.stdout()).contains("UPDATE 1");

        // The client's cancel abandons the wait: the statement does not run and uses up no approval.
        String cancelled = "update accounts set balance = 8 where id = 1";
        Properties options = new Properties();
        options.setProperty("user", connection);
        options.setProperty("password", token);
        options.setProperty("sslmode", "disable");
        options.setProperty("options", "-c gatehouse.wait=60");
        try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + target.database(), options);
                Statement st = jdbc.createStatement()) {
            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
                try {
                    st.executeUpdate(cancelled);
                    return "ran";
                } catch (SQLException e) {
                    return e.getMessage();
                }
            });
            String cancelledId = awaitTask(bob, connection, requestId);
            assertThat(held).isNotDone();
            st.cancel();
            assertThat(held.get(10, TimeUnit.SECONDS)).contains("cancelled by the client");
            assertThat(decide(bob, cancelledId, "approve", "ok").status()).isEqualTo(200);
            assertThat(decide(as("carol"), cancelledId, "approve", "ok").status()).isEqualTo(200);
        }
        Psql afterCancel = eve(connection, cancelled);
        assertThat(afterCancel.exit()).as("the approval was not used up by the cancelled wait: " + afterCancel.stderr()).isZero();
    }

    /** The id of the open task on {@code connection} in {@code who}'s inbox, other than {@code except}. */
    private static String awaitTask(ApiClient who, String connection, String except) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (JsonObject task : who.send("GET", "api/v1/approvals", null).structure().asJsonArray().getValuesAs(JsonObject.class)) {
                if (connection.equals(task.getString("connection", null)) && !task.getString("requestId").equals(except)) {
                    return task.getString("requestId");
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no open task on " + connection);
    }

    /** psql asking to wait up to 60 s for approvals, as a user would with PGOPTIONS. */
    private static Psql psqlWaiting(int port, String connection, String token, String sql) {
        try {
            ProcessBuilder builder = new ProcessBuilder("psql", "-X", "host=127.0.0.1 port=" + port + " user=" + connection
                    + " dbname=" + target.database() + " sslmode=disable", "-A", "-t", "-c", sql);
            builder.environment().put("PGPASSWORD", token);
            builder.environment().put("PGOPTIONS", "-c gatehouse.wait=60");
            Path err = Files.createTempFile("psql", ".err");
            builder.redirectError(err.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String error = Files.readString(err);
            Files.delete(err);
            return new Psql(process.exitValue(), out, error);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nobodyApprovesTheirOwnRequestAndAMalformedChainIsRefused() throws Exception {
        ApiClient alice = as("alice");
        String connection = connection(alice, false);
        ApiClient bob = as("bob");
        Reply request = bob.send("POST", "api/v1/approvals", """
                {"connection":"%s","reason":"maintenance","duration":"PT10M"}""".formatted(connection));
        assertThat(request.status()).as(request.body()).isEqualTo(201);
        String id = request.json().getString("id");
        assertError(decide(bob, id, "approve", "self"), 403, "separation_of_duties");
        assertThat(bob.send("GET", "api/v1/approvals/" + id, null).json().getString("status")).isEqualTo("RUNNING");

        assertError(bob.send("POST", "api/v1/approvals", """
                {"connection":"%s","reason":"","duration":"PT10M"}""".formatted(connection)), 400, "validation_failed");
        assertError(alice.send("PUT", "api/v1/approval-chains/connections/" + connection, """
                {"expiresAfter":"PT1H","steps":[{"candidateGroups":[],"quorum":1}]}"""), 400, "malformed_chain");
        assertThat(alice.send("GET", "api/v1/approval-chains/connections/" + connection, null).status()).isEqualTo(404);
        assertThat(alice.send("PUT", "api/v1/approval-chains/connections/" + connection, """
                {"expiresAfter":"PT1H","steps":[{"candidateGroups":["gatehouse-approver"],"quorum":1}]}""").status()).isEqualTo(200);

        Reply rule = alice.send("POST", "api/v1/masking-rules", """
                {"name":"ssn-%s","connection":"%s","target":"detector","detector":"us-ssn","method":"redact","placeholder":"XXX"}"""
                .formatted(connection, connection));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        ApiClient eve = as("eve");
        assertError(eve.send("POST", "api/v1/approvals", """
                {"kind":"unmask","connection":"%s","maskingRules":["no-such-rule"],"reason":"INC-9","duration":"PT5M"}"""
                .formatted(connection)), 400, "validation_failed");
        Reply unmask = eve.send("POST", "api/v1/approvals", """
                {"kind":"unmask","connection":"%s","maskingRules":["ssn-%s"],"reason":"INC-9","duration":"PT5M"}"""
                .formatted(connection, connection));
        assertThat(unmask.status()).as(unmask.body()).isEqualTo(201);
        String unmaskId = unmask.json().getString("id");
        assertThat(decide(as("carol"), unmaskId, "approve", "ok").json().getString("status")).isEqualTo("APPROVED");
        assertThat(alice.send("GET", "api/v1/masking-exemptions?open=true", null).body())
                .as("the approved unmask request is a masking exemption for eve").contains("INC-9 (approval " + unmaskId + ")");
    }

    @Test
    void aJustInTimeConnectionAdmitsEveOnlyWhileHerGrantLasts() throws Exception {
        ApiClient alice = as("alice");
        String connection = connection(alice, true);
        Psql refused = eve(connection, "select 1");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.stderr()).contains("requires just-in-time access").contains("POST /api/v1/approvals");

        Reply request = as("eve").send("POST", "api/v1/approvals", """
                {"connection":"%s","reason":"INC-42 data fix","duration":"PT20S"}""".formatted(connection));
        assertThat(request.status()).as(request.body()).isEqualTo(201);
        String id = request.json().getString("id");
        assertThat(decide(as("bob"), id, "approve", "ok").status()).isEqualTo(200);
        assertThat(decide(as("carol"), id, "approve", "ok").status()).isEqualTo(200);

        Connection session = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (session == null) {
            try {
                session = new DataPathClient(base).jdbc(connection, target.database(), Keycloak.userToken("eve"));
            } catch (SQLException notYet) {
                assertThat(System.nanoTime()).as("the grant reaches the data path within a second or so: " + notYet.getMessage())
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        try (Connection open = session; Statement st = open.createStatement()) {
            String ended = null;
            long expiry = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (ended == null && System.nanoTime() < expiry) {
                try {
                    st.execute("select 1");
                    Thread.sleep(500);
                } catch (SQLException e) {
                    ended = e.getMessage();
                }
            }
            assertThat(ended).as("the session ends when the grant expires").contains("expired").contains(id);
        }
        assertThat(eve(connection, "select 1").stderr()).contains("requires just-in-time access");
    }

    private String connection(ApiClient alice, boolean requiresJit) throws Exception {
        String name = "adp-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user","gatehouse-approver"],"requiresJit":%s}
                """.formatted(name, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password(), requiresJit));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getBoolean("requiresJit")).isEqualTo(requiresJit);
        return name;
    }

    private ApiClient as(String user) throws Exception {
        return new ApiClient(base).as(Keycloak.userToken(user));
    }

    private static Reply decide(ApiClient who, String id, String decision, String comment) throws Exception {
        return who.send("POST", "api/v1/approvals/" + id + "/decision", """
                {"decision":"%s","comment":"%s"}""".formatted(decision, comment));
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().getString("code")).as(reply.body()).isEqualTo(code);
    }

    private static String requestId(Psql run) {
        assertThat(run.exit()).as(run.stdout()).isNotZero();
        Matcher matcher = REQUEST_ID.matcher(run.stderr());
        assertThat(matcher.find()).as(run.stderr()).isTrue();
        return matcher.group(1);
    }

    private Psql eve(String connection, String sql) throws Exception {
        return new DataPathClient(base).psql(connection, target.database(), Keycloak.userToken("eve"), "disable", "-A", "-t", "-c", sql);
    }
}
