package dev.gatehouse.recording;

import dev.gatehouse.catalog.ConnectionCatalog;
import dev.gatehouse.catalog.ConnectionDraft;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.CredentialStore;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.api.RecordedEvent.LoginRefused;
import dev.gatehouse.proxy.api.RecordedEvent.SessionEnded;
import dev.gatehouse.proxy.api.RecordedEvent.SessionStarted;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.SessionRecorder;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Test-only servlet, deployed with the application by the recording, sessions REST and sessions
 * page tests: it plays the data path, writing recorded events through the real
 * {@link SessionRecorder} bean inside Payara Micro, and checks the data-path adapters there. It
 * answers "PASSED" (possibly followed by figures) or the first failed expectation.
 */
@WebServlet("/it/recording-scenarios")
public class RecordingScenariosServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionRecorder recorder;

    @Inject
    transient dev.gatehouse.proxy.api.ConnectionCatalog directory;

    @Inject
    transient CredentialStore credentials;

    @Inject
    transient ConnectionCatalog catalog;

    @PersistenceContext(unitName = "gatehouse")
    transient EntityManager em;

    @Inject
    transient UserTransaction tx;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String scenario = String.valueOf(request.getParameter("scenario"));
        response.setContentType("text/plain");
        try {
            String figures = switch (scenario) {
                case "recordCompleteSession" -> recordCompleteSession(request);
                case "recordSession" -> recordSession(request);
                case "recordGuardrailDecisions" -> recordGuardrailDecisions(request);
                case "appendStatement" -> appendStatement(request);
                case "endSession" -> endSession(request);
                case "failedBatchWritesNothing" -> failedBatchWritesNothing(request);
                case "retriedBatchIsWrittenOnce" -> retriedBatchIsWrittenOnce();
                case "throughput" -> throughput(request);
                case "adaptersServeTheDataPath" -> adaptersServeTheDataPath();
                case "unrememberedSessionIsReadFromTheStore" -> unrememberedSessionIsReadFromTheStore();
                default -> throw new AssertionError("unknown scenario " + scenario);
            };
            response.getWriter().write(figures.isEmpty() ? "PASSED" : "PASSED " + figures);
        } catch (Exception | AssertionError e) {
            response.setStatus(500);
            response.getWriter().write("FAILED " + e + (e.getCause() == null ? "" : " caused by " + rootCause(e)));
        }
    }

    /**
     * One whole session as the data path reports it: start, a simple query, an extended-protocol
     * insert with text, binary and NULL parameters, a failing statement and the end; then a login
     * refused before any identity was known. All in one batch, as the proxy's writer may send it.
     */
    private String recordCompleteSession(HttpServletRequest request) throws Exception {
        UUID session = UUID.fromString(request.getParameter("session"));
        String connection = request.getParameter("connection");
        Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        recorder.write(List.of(
                started(session, connection, human("alice"), start),
                statement(session, 1, start.plusSeconds(1), "simple", "select 1", List.of(), List.of("SELECT 1"), 1, null, null),
                statement(session, 2, start.plusSeconds(2), "extended", "insert into orders (id, blob, note) values ($1, $2, $3)",
                        List.of(new BoundParameter(1, 23, false, "42", 2), new BoundParameter(2, 17, true, null, 16),
                                new BoundParameter(3, 25, false, null, -1)),
                        List.of("INSERT 0 1"), 1, null, null),
                statement(session, 3, start.plusSeconds(3), "simple", "select 1/0", List.of(), List.of(), 0, "22012", "division by zero"),
                new SessionEnded(session, start.plusSeconds(4), "client terminated", 1234, 5678, 3),
                new LoginRefused(start.plusSeconds(5), null, "postgres", connection, "app", "127.0.0.1:50001", "28P01", "invalid_signature",
                        "the token's signature is not valid")));
        return "";
    }

    /**
     * Statements with guardrail decisions, as the data path reports them: one allowed by no rule, one
     * denied (with a parameter that must not reach the audit trail), one let through with an alert.
     */
    private String recordGuardrailDecisions(HttpServletRequest request) throws Exception {
        UUID session = UUID.fromString(request.getParameter("session"));
        String connection = request.getParameter("connection");
        Instant start = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        recorder.write(List.of(
                started(session, connection, human("alice"), start),
                new StatementExecuted(session, 1, start.plusSeconds(1), start.plusSeconds(1), 10, "simple", "select 1", List.of(),
                        List.of("SELECT 1"), 1, null, null, "ALLOW", null),
                new StatementExecuted(session, 2, start.plusSeconds(2), start.plusSeconds(2), 10, "extended", "delete from payments.cards where id = $1",
                        List.of(new BoundParameter(1, 25, false, "secret-card-4111", 16)), List.of(), 0, "42501",
                        "blocked by guardrail rule no-card-deletes: not here", "DENY", "no-card-deletes"),
                new StatementExecuted(session, 3, start.plusSeconds(3), start.plusSeconds(3), 10, "simple", "update orders set note = 'x'",
                        List.of(), List.of("UPDATE 3"), 3, null, null, "ALLOW_AND_ALERT", "watch-unbounded-updates")));
        return "";
    }

    /** A session with {@code statements} simple queries, started at {@code startedAt}, ended unless {@code active=true}. */
    private String recordSession(HttpServletRequest request) throws Exception {
        UUID session = UUID.fromString(request.getParameter("session"));
        Instant start = Instant.parse(Objects.requireNonNullElse(request.getParameter("startedAt"), Instant.now().toString()));
        String name = request.getParameter("identity");
        Identity who = "agent".equals(request.getParameter("kind")) ? agent(name) : human(name);
        int count = Integer.parseInt(Objects.requireNonNullElse(request.getParameter("statements"), "1"));
        List<RecordedEvent> batch = new ArrayList<>();
        batch.add(started(session, request.getParameter("connection"), who, start));
        for (int i = 1; i <= count; i++) {
            batch.add(statement(session, i, start.plusMillis(i * 10L), "simple", "select " + i, List.of(), List.of("SELECT 1"), 1, null, null));
        }
        if (!"true".equals(request.getParameter("active"))) {
            batch.add(new SessionEnded(session, start.plusSeconds(60), "client terminated", 100, 200, count));
        }
        recorder.write(batch);
        return "";
    }

    private String appendStatement(HttpServletRequest request) throws Exception {
        UUID session = UUID.fromString(request.getParameter("session"));
        long sequence = Long.parseLong(request.getParameter("sequence"));
        recorder.write(List.of(statement(session, sequence, Instant.now(), "simple", request.getParameter("sql"), List.of(),
                List.of("SELECT 1"), 1, null, null)));
        return "";
    }

    private String endSession(HttpServletRequest request) throws Exception {
        UUID session = UUID.fromString(request.getParameter("session"));
        recorder.write(List.of(new SessionEnded(session, Instant.now(), "client terminated", 10, 20,
                Long.parseLong(Objects.requireNonNullElse(request.getParameter("statements"), "0")))));
        return "";
    }

    /** A statement of a session nobody started fails on the foreign key after valid rows: none of the batch may stay. */
    private String failedBatchWritesNothing(HttpServletRequest request) throws Exception {
        UUID session = UUID.fromString(request.getParameter("session"));
        Instant now = Instant.now();
        try {
            recorder.write(List.of(
                    started(session, "atomic-" + session.toString().substring(0, 8), human("alice"), now),
                    statement(session, 1, now, "simple", "select 1", List.of(), List.of("SELECT 1"), 1, null, null),
                    statement(UUID.randomUUID(), 1, now, "simple", "select 2", List.of(), List.of("SELECT 1"), 1, null, null)));
        } catch (Exception expected) {
            return "";
        }
        throw new AssertionError("a batch with a statement of an unknown session was accepted");
    }

    /** The proxy retries a batch whose call threw, maybe after the commit: the second write must change nothing. */
    private String retriedBatchIsWrittenOnce() throws Exception {
        UUID session = UUID.randomUUID();
        Instant now = Instant.now();
        List<RecordedEvent> batch = List.of(
                started(session, "retry-" + session.toString().substring(0, 8), human("alice"), now),
                statement(session, 1, now, "simple", "select 1", List.of(), List.of("SELECT 1"), 1, null, null),
                new SessionEnded(session, now.plusSeconds(1), "client terminated", 1, 2, 1));
        recorder.write(batch);
        recorder.write(batch);
        expect("statement rows", 1L, count("select count(*) from data_statement where session_id = ?1", session));
        expect("audit rows", 3L, count("select count(*) from audit_event where details ->> 'sessionId' = ?1", session.toString()));
        return "";
    }

    /** Statements in batches the size the proxy's writer uses; reports the rate (not asserted: machines differ). */
    private String throughput(HttpServletRequest request) throws Exception {
        int total = Integer.parseInt(Objects.requireNonNullElse(request.getParameter("statements"), "20000"));
        int batchSize = Integer.parseInt(Objects.requireNonNullElse(request.getParameter("batch"), "500"));
        UUID session = UUID.randomUUID();
        Instant start = Instant.now();
        recorder.write(List.of(started(session, "bench-" + session.toString().substring(0, 8), agent("pgbench"), start)));
        long began = System.nanoTime();
        for (int first = 1; first <= total; first += batchSize) {
            List<RecordedEvent> batch = new ArrayList<>(batchSize);
            for (int seq = first; seq < first + batchSize && seq <= total; seq++) {
                batch.add(statement(session, seq, start.plusNanos(seq * 1000L), "extended",
                        "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2;",
                        List.of(new BoundParameter(1, 23, false, String.valueOf(seq % 5000), 4), new BoundParameter(2, 23, false, "7", 1)),
                        List.of("UPDATE 1"), 1, null, null));
            }
            recorder.write(batch);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        recorder.write(List.of(new SessionEnded(session, Instant.now(), "client terminated", 0, 0, total)));
        expect("statement rows", (long) total, count("select count(*) from data_statement where session_id = ?1", session));
        return String.format("statements=%d batch=%d seconds=%.2f rate=%.0f/s", total, batchSize, seconds, total / seconds);
    }

    /**
     * After a restart the recorder no longer remembers live sessions: a statement's audit row must
     * still name the session's identity, read from the store. A writer with an empty memory stands in.
     */
    private String unrememberedSessionIsReadFromTheStore() throws Exception {
        UUID session = UUID.randomUUID();
        recorder.write(List.of(started(session, "restart-" + session.toString().substring(0, 8), agent("nightly-etl"), Instant.now())));
        tx.begin();
        try {
            em.unwrap(org.hibernate.Session.class).doWork(connection -> new RecordingBatchWriter(connection, id -> null)
                    .write(List.of(statement(session, 1, Instant.now(), "simple", "select 1", List.of(), List.of("SELECT 1"), 1, null, null))));
            tx.commit();
        } catch (Exception e) {
            tx.rollback();
            throw e;
        }
        Object[] row = (Object[]) em.createNativeQuery("select actor, actor_kind, client_address from audit_event"
                + " where action = 'statement.executed' and details ->> 'sessionId' = ?1").setParameter(1, session.toString()).getSingleResult();
        expect("actor", "nightly-etl", row[0]);
        expect("actor kind", "agent", row[1]);
        expect("client address", "127.0.0.1:50000", row[2]);
        return "";
    }

    /** The proxy's catalog port sees changes at once after a commit; the credential port unseals the secret. */
    private String adaptersServeTheDataPath() throws Exception {
        String name = "adapters-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "S3cret-" + UUID.randomUUID();
        expect("unknown", Optional.empty(), directory.find(name).toCompletableFuture().get());
        TargetConnection created = catalog.create(new ConnectionDraft(name, "postgres", "127.0.0.1", 5432, "postgres", "postgres", secret,
                false, "disable", true, Map.of(), Set.of("gatehouse-user")));
        Connection found = directory.find(name).toCompletableFuture().get().orElseThrow(() -> new AssertionError("created but not found"));
        expect("client tls required", true, found.requireClientTls());
        expect("allowed roles", Set.of("gatehouse-user"), found.allowedRoles());
        catalog.update(created.id(), new ConnectionDraft(name, "postgres", "127.0.0.1", 5432, "postgres", "postgres", null, false, "disable",
                false, Map.of(), Set.of("gatehouse-user")));
        expect("change seen at once", false, directory.find(name).toCompletableFuture().get().orElseThrow().requireClientTls());
        expect("secret", secret, new String(credentials.secretFor(name).orElseThrow()));
        expect("no secret for unknown", Optional.empty(), credentials.secretFor(name + "-nope"));
        catalog.delete(created.id());
        expect("deleted", Optional.empty(), directory.find(name).toCompletableFuture().get());
        return "";
    }

    private static SessionStarted started(UUID session, String connection, Identity who, Instant at) {
        return new SessionStarted(session, at, who, "postgres", connection, "app", "127.0.0.1:50000", true, "psql", "role:gatehouse-user");
    }

    private static StatementExecuted statement(UUID session, long sequence, Instant at, String mode, String sql, List<BoundParameter> params,
            List<String> tags, long rows, String sqlState, String error) {
        return new StatementExecuted(session, sequence, at, at.plusNanos(1_500_000), 1500, mode, sql, params, tags, rows, sqlState, error);
    }

    private static Identity human(String username) {
        return new Identity("subject-" + username, username, "gatehouse-cli", IdentityKind.HUMAN, Set.of("gatehouse-user"), Set.of(),
                "jti-" + UUID.randomUUID(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(300), "oidc-access-token");
    }

    private static Identity agent(String clientId) {
        return new Identity("subject-" + clientId, "service-account-" + clientId, clientId, IdentityKind.AGENT, Set.of("gatehouse-user"),
                Set.of(), "jti-" + UUID.randomUUID(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(300), "oidc-access-token");
    }

    private long count(String sql, Object parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    private static void expect(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root);
    }
}
