package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.PasswordCheckingPostgres;
import dev.gatehouse.it.TestDatabase;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.DirectoryAnchor;
import dev.gatehouse.proxy.audit.verify.AuditBundleReader;
import dev.gatehouse.proxy.audit.verify.ChainVerifier;
import dev.gatehouse.proxy.audit.verify.JdbcAuditSource;
import dev.gatehouse.proxy.audit.verify.ProblemKind;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.SeqRange;
import dev.gatehouse.proxy.audit.verify.VerificationReport;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Tampering with the real store the deployed gateway wrote: real statements through real psql,
 * a checkpoint signed by the gateway and anchored in its data dir, then a superuser edits the
 * store directly (triggers off, as a malicious DBA would) and the verifier must name the first bad
 * seq and the kind of edit. Each edit is undone before the next, and the untouched chain verifies.
 * The verifier trusts only the keys published at /api/v1/audit/public-key, as an examiner would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditTrailIT {

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
    void everyKindOfTamperingIsCaughtAtItsFirstBadSeqAndTheUntouchedChainVerifies() throws Exception {
        String connection = writeRealActivity();
        ApiClient auditor = new ApiClient(base).as(Keycloak.userToken("dora"));
        PublicKeys keys = PublicKeys.parse(auditor.send("GET", "api/v1/audit/public-key", null).body());
        checkpointNow(auditor);

        assertThat(verify(keys).intact()).as(verify(keys).humanText()).isTrue();
        Reply viaApi = auditor.send("POST", "api/v1/audit/verify", "{}");
        assertThat(viaApi.status()).as(viaApi.body()).isEqualTo(200);
        assertThat(viaApi.json().getBoolean("intact")).as(viaApi.body()).isTrue();

        long statementSeq = statementEventSeq(connection);
        long middle = statementSeq - 2;

        // A statement's text edited in the recording.
        String original = statementText(connection);
        asSuperuser("update data_statement set sql_text = 'select 1 -- nothing to see' where sql_text = '" + original + "'");
        expect(keys, ProblemKind.MODIFIED_PAYLOAD, statementSeq);
        asSuperuser("update data_statement set sql_text = '" + original + "' where sql_text = 'select 1 -- nothing to see'");

        // An event's actor rewritten.
        String actor = column(middle, "actor");
        asSuperuser("update audit_event set actor = 'mallory' where seq = " + middle);
        expect(keys, ProblemKind.MODIFIED_ROW, middle);
        asSuperuser("update audit_event set actor = '" + actor + "' where seq = " + middle);

        // An event deleted.
        asSuperuser("create table tamper_saved as select * from audit_event where seq = " + middle,
                "delete from audit_event where seq = " + middle);
        expect(keys, ProblemKind.DELETED_ROW, middle);
        asSuperuser("insert into audit_event overriding system value select * from tamper_saved", "drop table tamper_saved");

        // Two seqs swapped; the gateway's own verification (REST, as the UI runs it) names the same seq.
        swap(middle, middle + 1);
        expect(keys, ProblemKind.REORDERED, middle);
        Reply broken = auditor.send("POST", "api/v1/audit/verify", "{}");
        assertThat(broken.json().getBoolean("intact")).isFalse();
        assertThat(broken.json().getString("problem")).isEqualTo("REORDERED");
        assertThat(broken.json().getJsonNumber("firstBadSeq").longValue()).isEqualTo(middle);
        swap(middle, middle + 1);

        // The last ten events deleted, behind a checkpoint that covers them.
        checkpointNow(auditor);
        long head = headSeq();
        asSuperuser("create table tamper_saved as select * from audit_event where seq > " + (head - 10),
                "delete from audit_event where seq > " + (head - 10));
        expect(keys, ProblemKind.TRUNCATED_TAIL, head - 9);
        asSuperuser("insert into audit_event overriding system value select * from tamper_saved", "drop table tamper_saved");

        // A checkpoint replaced by one the attacker signed.
        Checkpoint latest = latestCheckpoint();
        Checkpoint forged = Checkpoint.sign(latest.seq(), latest.hash(), latest.signedAt(), latest.keyId(), latest.previousSignature(),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        asSuperuser("update audit_checkpoint set signature = '" + forged.signature() + "' where seq = " + latest.seq());
        expect(keys, ProblemKind.FORGED_CHECKPOINT, latest.seq());
        asSuperuser("update audit_checkpoint set signature = '" + latest.signature() + "' where seq = " + latest.seq());

        VerificationReport restored = verify(keys);
        assertThat(restored.intact()).as(restored.humanText()).isTrue();
        assertThat(restored.checkpointsVerified()).isGreaterThanOrEqualTo(2);
        assertThat(auditActions("audit.verified")).as("each verification run through the gateway is itself recorded")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void viewingASessionAndExportingABundleAreRecordedWithWhoDidIt() throws Exception {
        String connection = writeRealActivity();
        ApiClient auditor = new ApiClient(base).as(Keycloak.userToken("dora"));
        String sessionId = sessionOf(connection);
        assertThat(auditor.send("GET", "api/v1/sessions/" + sessionId, null).status()).isEqualTo(200);
        long viewed = waitForAudit("audit.session_viewed", sessionId);
        assertThat(viewed).isEqualTo(1);

        HttpResponse<Path> bundle = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        base.toString().replaceAll("/$", "") + "/api/v1/audit/export?fromSeq=1"))
                .header("Authorization", "Bearer " + Keycloak.userToken("dora")).GET().build(),
                HttpResponse.BodyHandlers.ofFile(Files.createTempFile("bundle", ".zip")));
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        PublicKeys keys = PublicKeys.parse(auditor.send("GET", "api/v1/audit/public-key", null).body());
        try (AuditBundleReader reader = AuditBundleReader.open(bundle.body())) {
            VerificationReport offline = new ChainVerifier(keys).verify(reader);
            assertThat(offline.intact()).as("the downloaded bundle verifies offline: %s", offline.humanText()).isTrue();
        }
        Files.delete(bundle.body());
        assertThat(auditActions("audit.exported")).isGreaterThanOrEqualTo(1);
        assertThat(actorOfLatest("audit.exported")).isEqualTo("dora");

        Reply eve = new ApiClient(base).as(Keycloak.userToken("eve")).send("POST", "api/v1/audit/verify", "{}");
        assertThat(eve.status()).as("plain users cannot run verifications").isEqualTo(403);
        Reply badRange = auditor.send("POST", "api/v1/audit/verify", "{\"fromSeq\": 0}");
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.body()).contains("fromSeq");
    }

    // ---- real activity ----

    private String writeRealActivity() throws Exception {
        String connection = "at-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = new ApiClient(base).as(Keycloak.userToken("alice")).send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user"]}
                """.formatted(connection, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = Keycloak.clientToken("ci-agent", "ci-agent-dev-secret");
        String table = connection.replace('-', '_');
        Psql run = new DataPathClient(base).psql(connection, target.database(), token, "disable",
                "-c", "create table " + table + " (id int, note text)",
                "-c", "insert into " + table + " values (1, 'first'), (2, 'second')",
                "-c", "select count(*) from " + table);
        assertThat(run.exit()).as(run.stderr()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (statementEventSeq(connection) < 0) {
            assertThat(System.nanoTime()).as("statements recorded in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        return connection;
    }

    // ---- verification ----

    private static VerificationReport verify(PublicKeys keys) throws Exception {
        try (Connection db = TestDatabase.open(); JdbcAuditSource source = JdbcAuditSource.open(db, SeqRange.WHOLE_CHAIN, "the IT store")) {
            return new ChainVerifier(keys).withAnchor(new DirectoryAnchor(Path.of("target/it-data/audit-anchor")).readAll()).verify(source);
        }
    }

    private static void expect(PublicKeys keys, ProblemKind kind, long seq) throws Exception {
        VerificationReport report = verify(keys);
        assertThat(report.intact()).as("tampering (%s) went unnoticed", kind).isFalse();
        assertThat(report.problem().kind()).as(report.humanText()).isEqualTo(kind);
        assertThat(report.problem().seq()).as(report.humanText()).isEqualTo(seq);
    }

    private static void checkpointNow(ApiClient auditor) throws Exception {
        Reply signed = auditor.send("POST", "api/v1/audit/checkpoints", "");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    }

    // ---- the store, as its superuser ----

    private static void asSuperuser(String... statements) throws SQLException {
        try (Connection db = TestDatabase.open(); Statement st = db.createStatement()) {
            // What a malicious superuser does first: switch the append-only triggers off for the session.
            st.execute("set session_replication_role = replica");
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static void swap(long a, long b) throws SQLException {
        asSuperuser("update audit_event set seq = 9000000000000000000 where seq = " + a,
                "update audit_event set seq = " + a + " where seq = " + b,
                "update audit_event set seq = " + b + " where seq = 9000000000000000000");
    }

    private static long headSeq() throws SQLException {
        return longQuery("select max(seq) from audit_event", null);
    }

    private static long statementEventSeq(String connection) throws SQLException {
        Long seq = longQuery("select max(seq) from audit_event where action = 'statement.executed' and target_name = ?", connection);
        return seq == null ? -1 : seq;
    }

    private static String statementText(String connection) throws SQLException {
        return stringQuery("select st.sql_text from data_statement st join data_session s on s.id = st.session_id"
                + " where s.connection_name = ? order by st.sequence desc limit 1", connection);
    }

    private static String sessionOf(String connection) throws SQLException {
        return stringQuery("select id::text from data_session where connection_name = ?", connection);
    }

    private static String column(long seq, String column) throws SQLException {
        return stringQuery("select " + column + " from audit_event where seq = " + seq, null);
    }

    private static Checkpoint latestCheckpoint() throws SQLException {
        try (Connection db = TestDatabase.open(); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "select seq, hash, signed_at, key_id, prev_signature, signature from audit_checkpoint order by seq desc limit 1")) {
            assertThat(rs.next()).isTrue();
            return new Checkpoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                    rs.getString(6));
        }
    }

    private static long auditActions(String action) throws SQLException {
        return longQuery("select count(*) from audit_event where action = ?", action);
    }

    private static String actorOfLatest(String action) throws SQLException {
        return stringQuery("select actor from audit_event where action = ? order by seq desc limit 1", action);
    }

    private static long waitForAudit(String action, String targetId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Connection db = TestDatabase.open(); PreparedStatement ps = db.prepareStatement(
                    "select count(*) from audit_event where action = ? and target_id = ?")) {
                ps.setString(1, action);
                ps.setString(2, targetId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long count = rs.getLong(1);
                    if (count > 0 || System.nanoTime() > deadline) {
                        return count;
                    }
                }
            }
            Thread.sleep(100);
        }
    }

    private static Long longQuery(String sql, String parameter) throws SQLException {
        String value = stringQuery(sql, parameter);
        return value == null ? null : Long.valueOf(value);
    }

    private static String stringQuery(String sql, String parameter) throws SQLException {
        try (Connection db = TestDatabase.open(); PreparedStatement ps = db.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
