package dev.gatehouse.catalog;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditLog;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Test-only servlet, deployed with the application by {@link JpaTargetConnectionRepositoryIT}: it
 * runs repository scenarios inside Payara Micro, with the container's JPA, JTA and CDI against the
 * real PostgreSQL store, and answers "PASSED" or the first failed expectation. Arquillian's own
 * in-container runner gave up after one second when the first request came too early after a
 * deployment; the client here retries until the application answers.
 */
@WebServlet("/it/repository-scenarios")
public class RepositoryScenariosServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TargetConnectionRepository repository;

    @Inject
    transient ConnectionCatalog catalog;

    @Inject
    transient AuditLog auditLog;

    @PersistenceContext(unitName = "gatehouse")
    transient EntityManager em;

    @Inject
    transient UserTransaction tx;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String scenario = request.getParameter("scenario");
        response.setContentType("text/plain");
        try {
            switch (String.valueOf(scenario)) {
                case "storesAndReloadsEveryField" -> storesAndReloadsEveryField();
                case "theDatabaseRefusesADuplicateName" -> theDatabaseRefusesADuplicateName();
                case "removingAConnectionRemovesItsLabelsAndRoles" -> removingAConnectionRemovesItsLabelsAndRoles();
                case "catalogChangesAreAuditedAndTheAuditTableIsAppendOnly" -> catalogChangesAreAuditedAndTheAuditTableIsAppendOnly();
                default -> throw new AssertionError("unknown scenario " + scenario);
            }
            response.getWriter().write("PASSED");
        } catch (Exception | AssertionError e) {
            response.setStatus(500);
            response.getWriter().write("FAILED " + e);
        }
    }

    private void storesAndReloadsEveryField() throws Exception {
        String name = uniqueName("orders");
        UUID id = inTx(() -> {
            TargetConnection c = new TargetConnection(UUID.randomUUID(), Instant.now());
            c.applyDetails(draft(name), Instant.now());
            c.replaceSealedSecret("gh1:00000000:not-a-real-ciphertext");
            repository.add(c);
            return c.id();
        });
        TargetConnection reloaded = inTx(() -> {
            em.clear();
            return repository.find(id).orElseThrow();
        });
        expect("name", name, reloaded.name());
        expect("type", "postgres", reloaded.type().wireName());
        expect("host", "db.internal", reloaded.host());
        expect("port", 6543, reloaded.port());
        expect("database", "orders", reloaded.database());
        expect("username", "svc_orders", reloaded.username());
        expect("tls", "verify-full", reloaded.tlsMode().wireName());
        expect("client tls required", true, reloaded.requireClientTls());
        expect("client tls in descriptor", true, reloaded.toDescriptor().requireClientTls());
        expect("labels", Map.of("env", "prod", "team", "payments"), reloaded.labels());
        expect("roles", Set.of("gatehouse-user", "client:ci-agent"), reloaded.allowedRoles());
        expect("secret set", true, reloaded.secretSet());
        expect("find by name", id, inTx(() -> repository.findByName(name).orElseThrow().id()));
        expect("listed", true, inTx(() -> repository.findAll().stream().anyMatch(c -> c.id().equals(id))));
    }

    private void theDatabaseRefusesADuplicateName() throws Exception {
        String name = uniqueName("dup");
        inTx(() -> {
            TargetConnection first = new TargetConnection(UUID.randomUUID(), Instant.now());
            first.applyDetails(draft(name), Instant.now());
            repository.add(first);
            return null;
        });
        tx.begin();
        try {
            TargetConnection second = new TargetConnection(UUID.randomUUID(), Instant.now());
            second.applyDetails(draft(name), Instant.now());
            repository.add(second);
            throw new AssertionError("a second connection named " + name + " was accepted");
        } catch (PersistenceException expected) {
            // The unique constraint, not application code, refused it.
        } finally {
            tx.rollback();
        }
    }

    private void removingAConnectionRemovesItsLabelsAndRoles() throws Exception {
        String name = uniqueName("gone");
        UUID id = inTx(() -> {
            TargetConnection c = new TargetConnection(UUID.randomUUID(), Instant.now());
            c.applyDetails(draft(name), Instant.now());
            repository.add(c);
            return c.id();
        });
        inTx(() -> {
            repository.remove(repository.find(id).orElseThrow());
            return null;
        });
        expect("found after remove", false, inTx(() -> repository.find(id).isPresent()));
        Number labels = inTx(() -> (Number) em.createNativeQuery("select count(*) from connection_label where connection_id = ?1")
                .setParameter(1, id).getSingleResult());
        expect("orphan labels", 0, labels.intValue());
    }

    private void catalogChangesAreAuditedAndTheAuditTableIsAppendOnly() throws Exception {
        String name = uniqueName("audited");
        TargetConnection created = catalog.create(new ConnectionDraft(name, "postgres", "127.0.0.1", 5432, "postgres", "postgres",
                "do-not-log-me", false, null, false, Map.of(), Set.of()));
        List<AuditEvent> events = inTx(() -> auditLog.latest("connection", created.id().toString(), 10));
        expect("events", 1, events.size());
        expect("action", "connection.created", events.get(0).action());
        expect("secret in audit", false, events.get(0).details().contains("do-not-log-me"));
        expect("ciphertext in audit", false, events.get(0).details().contains("gh1:"));
        Long eventId = events.get(0).id();
        for (String sql : List.of("update audit_event set actor = 'mallory' where id = ?1", "delete from audit_event where id = ?1")) {
            tx.begin();
            try {
                em.createNativeQuery(sql).setParameter(1, eventId).executeUpdate();
                throw new AssertionError("the database accepted: " + sql);
            } catch (PersistenceException expected) {
                // The application's role (gatehouse_app) has no UPDATE or DELETE on the table; the trigger stops the owner.
                expect("refused to the application's role", true, rootMessage(expected).contains("permission denied for table audit_event"));
            } finally {
                tx.rollback();
            }
        }
    }

    private static ConnectionDraft draft(String name) {
        return new ConnectionDraft(name, "postgres", "db.internal", 6543, "orders", "svc_orders", null, false, "verify-full", true,
                Map.of("env", "prod", "team", "payments"), Set.of("gatehouse-user", "client:ci-agent"));
    }

    private static void expect(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private <T> T inTx(Callable<T> work) throws Exception {
        tx.begin();
        try {
            T result = work.call();
            tx.commit();
            return result;
        } catch (Exception e) {
            tx.rollback();
            throw e;
        }
    }
}
