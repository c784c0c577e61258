package dev.gatehouse.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.PasswordCheckingPostgres;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The activity issue 9's acceptance asks a pack to account for, produced through the real data path
 * with real psql and JDBC clients and real Keycloak identities: two agents (ci-agent and an agent
 * registered for the test) and three people (eve, bob, carol); allowed, blocked, approved and
 * rejected statements; masked reads; a just-in-time grant that expires while its session is open;
 * a self-approval attempt; an access review that revokes the agent's access, after which its next
 * session is refused; and activity on a connection outside the pack's scope.
 */
final class SeededPeriod {

    static final String SSN = "536-22-8741";
    private static final Pattern REQUEST_ID = Pattern.compile("approval required: ([0-9a-f-]{36})");

    private final URL base;
    private final PasswordCheckingPostgres target;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    Instant from;
    Instant to;
    final String main = "evp-" + suffix;
    final String jit = "evj-" + suffix;
    final String outside = "evx-" + suffix;
    final String bot = "evbot-" + suffix;
    String approvedRequest;
    String rejectedRequest;
    String jitRequest;
    String selfApprovalRequest;
    String campaign;
    String noDeleteRule;
    String trackedException;
    String revokedItem;

    SeededPeriod(URL base, PasswordCheckingPostgres target) {
        this.base = base;
        this.target = target;
    }

    static void prepareTarget(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("create table accounts (id int primary key, balance int)");
            st.execute("insert into accounts values (1, 100), (2, 200)");
            st.execute("create table customers (id int primary key, name text, ssn text)");
            st.execute("insert into customers values (1, 'Jane Doe', '" + SSN + "')");
            st.execute("grant select, update, delete on accounts, customers to " + PasswordCheckingPostgres.ROLE);
        }
    }

    void run() throws Exception {
        from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ApiClient alice = as("alice");
        connection(alice, main, false);
        connection(alice, jit, true);
        connection(alice, outside, false);
        Reply noDelete = alice.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"no-delete","action":"DENY","statements":["DELETE"]}""".formatted(main));
        created(noDelete);
        noDeleteRule = noDelete.json().getString("id");
        created(alice.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"review-updates","action":"REQUIRE_APPROVAL","statements":["UPDATE"]}""".formatted(main)));
        created(alice.send("POST", "api/v1/masking-rules", """
                {"name":"ssn-%s","connection":"%s","target":"detector","detector":"us-ssn","method":"redact","placeholder":"XXX-XX-XXXX"}"""
                .formatted(suffix, main)));
        Reply agent = alice.send("POST", "api/v1/agents", """
                {"name":"%s","description":"evidence test agent","roles":["gatehouse-user"]}""".formatted(bot));
        created(agent);
        String botSecret = agent.json().getString("clientSecret");

        String eve = Keycloak.userToken("eve");
        String ciAgent = Keycloak.clientToken("ci-agent", "ci-agent-dev-secret");
        String botToken = Keycloak.clientToken(bot, botSecret);

        Psql masked = psql(main, eve, "select name, ssn from customers");
        assertThat(masked.stdout()).as(masked.stderr()).contains("XXX-XX-XXXX").doesNotContain(SSN);
        ok(psql(main, ciAgent, "select count(*) from accounts"));
        ok(psql(main, botToken, "select id from accounts order by id"));
        ok(psql(main, Keycloak.userToken("bob"), "select 1"));
        ok(psql(main, Keycloak.userToken("carol"), "select 2"));

        assertThat(psql(main, eve, "delete from accounts where id = 2").stderr()).contains("no-delete");
        assertThat(psql(main, ciAgent, "delete from accounts").stderr()).contains("no-delete");

        approvedRequest = requestId(psql(main, eve, "update accounts set balance = 5 where id = 1"));
        decided(as("bob"), approvedRequest, "approve", "ticket CHG-9");
        decided(as("carol"), approvedRequest, "approve", "second pair of eyes");
        ok(psql(main, eve, "update accounts set balance = 5 where id = 1"));

        rejectedRequest = requestId(psql(main, botToken, "update accounts set balance = 0"));
        decided(as("bob"), rejectedRequest, "reject", "not during the quarter close");

        Reply selfRequest = as("bob").send("POST", "api/v1/approvals", """
                {"connection":"%s","reason":"maintenance","duration":"PT10M"}""".formatted(jit));
        created(selfRequest);
        selfApprovalRequest = selfRequest.json().getString("id");
        Reply self = decide(as("bob"), selfApprovalRequest, "approve", "my own");
        assertThat(self.status()).as(self.body()).isEqualTo(403);

        jitRequest = justInTimeSessionThatExpires(eve);
        reviewRevokesTheAgentsAccess(alice, botToken);

        ruleChangeAndTrackedException(alice);

        ok(psql(outside, eve, "select 'outside the scope'"));
        awaitRecorded();
        to = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Issue 24: an administrator changes a rule (its before and after go into the change log), and a
     * compliance officer tracks an exception against C7 with an owner and a due date.
     */
    private void ruleChangeAndTrackedException(ApiClient alice) throws Exception {
        Reply changed = alice.send("PUT", "api/v1/guardrails/" + noDeleteRule, """
                {"connection":"%s","name":"no-delete","action":"DENY","statements":["DELETE"],"enabled":false}""".formatted(main));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        Keycloak.ensureUserWithRole("olivia", "gatehouse-officer", "Compliance officer");
        Reply tracked = as("olivia").send("POST", "api/v1/evidence/exceptions", """
                {"control":"C7","cause":"delete attempts blocked on %s: root cause under review","owner":"alice","due_date":"%s"}"""
                .formatted(main, java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30)));
        created(tracked);
        trackedException = tracked.json().getString("id");
    }

    /** eve's access request on the JIT connection, approved for 15 s; her open session ends at expiry. */
    private String justInTimeSessionThatExpires(String eve) throws Exception {
        Reply request = as("eve").send("POST", "api/v1/approvals", """
                {"connection":"%s","reason":"INC-77 data fix","duration":"PT15S"}""".formatted(jit));
        created(request);
        String id = request.json().getString("id");
        decided(as("bob"), id, "approve", "ok");
        decided(as("carol"), id, "approve", "ok");
        Connection session = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session == null) {
            try {
                session = new DataPathClient(base).jdbc(jit, target.database(), eve);
            } catch (SQLException notYet) {
                assertThat(System.nanoTime()).as(notYet.getMessage()).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        try (Connection open = session; Statement st = open.createStatement()) {
            String ended = null;
            long expiry = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (ended == null && System.nanoTime() < expiry) {
                try {
                    st.execute("select balance from accounts where id = 1");
                    Thread.sleep(1000);
                } catch (SQLException e) {
                    ended = e.getMessage();
                }
            }
            assertThat(ended).as("the session ends when the grant expires").contains("expired");
        }
        return id;
    }

    /** An access review on the main connection: alice revokes the registered agent, whose next session is refused. */
    private void reviewRevokesTheAgentsAccess(ApiClient alice, String botToken) throws Exception {
        Reply opened = alice.send("POST", "api/v1/access-reviews", """
                {"name":"Q4 review %s","connections":["%s"],"dueAt":"%s"}""".formatted(suffix, main,
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(14)));
        created(opened);
        campaign = opened.json().getString("id");
        JsonObject item = alice.send("GET", "api/v1/access-reviews/" + campaign, null).json().getJsonArray("itemList")
                .getValuesAs(JsonObject.class).stream().filter(i -> i.getString("identity").equals(bot)).findFirst()
                .orElseThrow(() -> new AssertionError("the agent's access is an item of the review"));
        revokedItem = item.getString("id");
        Reply revoked = alice.send("POST", "api/v1/access-reviews/" + campaign + "/items/" + revokedItem + "/decision", """
                {"decision":"revoke","comment":"batch agent retired"}""");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(psql(main, botToken, "select 1").stderr()).contains("revoked by access review");
    }

    /** Statements reach the store through the recorder's batches: wait until the count stops moving. */
    private void awaitRecorded() throws Exception {
        String count = "select count(*) from data_statement s join data_session d on d.id = s.session_id where d.connection_name in ('"
                + main + "','" + jit + "','" + outside + "')";
        String last = null;
        for (int i = 0; i < 40; i++) {
            Thread.sleep(500);
            String now = TestDatabase.singleValue(count);
            if (now.equals(last) && Long.parseLong(now) >= 10) {
                return;
            }
            last = now;
        }
    }

    private void connection(ApiClient alice, String name, boolean requiresJit) throws Exception {
        created(alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user","gatehouse-approver"],"requiresJit":%s}
                """.formatted(name, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password(), requiresJit)));
    }

    private Psql psql(String connection, String token, String sql) throws Exception {
        return new DataPathClient(base).psql(connection, target.database(), token, "disable", "-A", "-t", "-c", sql);
    }

    private static void ok(Psql run) {
        assertThat(run.exit()).as(run.stderr()).isZero();
    }

    private static void created(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static Reply decide(ApiClient who, String id, String decision, String comment) throws Exception {
        return who.send("POST", "api/v1/approvals/" + id + "/decision", """
                {"decision":"%s","comment":"%s"}""".formatted(decision, comment));
    }

    private static void decided(ApiClient who, String id, String decision, String comment) throws Exception {
        Reply reply = decide(who, id, decision, comment);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static String requestId(Psql run) {
        assertThat(run.exit()).as(run.stdout()).isNotZero();
        Matcher matcher = REQUEST_ID.matcher(run.stderr());
        assertThat(matcher.find()).as(run.stderr()).isTrue();
        return matcher.group(1);
    }

    ApiClient as(String user) throws Exception {
        return new ApiClient(base).as(Keycloak.userToken(user));
    }
}
