package dev.gatehouse.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside Payara Micro against the real PostgreSQL store: the JPA repository, the schema the
 * Flyway migrations created, and the database-enforced append-only audit table.
 */
@ExtendWith(ArquillianExtension.class)
class JpaTargetConnectionRepositoryIT {

    @Deployment
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar().addClass(JpaTargetConnectionRepositoryIT.class);
    }

    @Inject
    TargetConnectionRepository repository;

    @Inject
    ConnectionCatalog catalog;

    @Inject
    AuditLog auditLog;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    UserTransaction tx;

    @Test
    void storesAndReloadsEveryField() throws Exception {
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
        assertEquals(name, reloaded.name());
        assertEquals(ConnectionType.POSTGRES, reloaded.type());
        assertEquals("db.internal", reloaded.host());
        assertEquals(6543, reloaded.port());
        assertEquals("orders", reloaded.database());
        assertEquals("svc_orders", reloaded.username());
        assertEquals(TlsMode.VERIFY_FULL, reloaded.tlsMode());
        assertEquals(Map.of("env", "prod", "team", "payments"), reloaded.labels());
        assertEquals(Set.of("gatehouse-user", "ci-agent"), reloaded.allowedRoles());
        assertTrue(reloaded.secretSet());
        assertEquals(id, inTx(() -> repository.findByName(name).orElseThrow().id()));
        assertTrue(inTx(() -> repository.findAll().stream().anyMatch(c -> c.id().equals(id))));
    }

    @Test
    void theDatabaseRefusesADuplicateName() throws Exception {
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
            assertThrows(PersistenceException.class, () -> repository.add(second));
        } finally {
            tx.rollback();
        }
    }

    @Test
    void removingAConnectionRemovesItsLabelsAndRoles() throws Exception {
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
        assertFalse(inTx(() -> repository.find(id).isPresent()));
        Number labels = inTx(() -> (Number) em.createNativeQuery("select count(*) from connection_label where connection_id = ?1")
                .setParameter(1, id).getSingleResult());
        assertEquals(0, labels.intValue());
    }

    @Test
    void catalogChangesAreAuditedAndTheAuditTableIsAppendOnly() throws Exception {
        String name = uniqueName("audited");
        TargetConnection created = catalog.create(new ConnectionDraft(name, "postgres", "127.0.0.1", 5432, "postgres", "postgres",
                "do-not-log-me", false, null, Map.of(), Set.of()));
        List<AuditEvent> events = inTx(() -> auditLog.latest("connection", created.id().toString(), 10));
        assertEquals(1, events.size());
        assertEquals("connection.created", events.get(0).action());
        assertFalse(events.get(0).details().contains("do-not-log-me"), "the secret must never reach the audit trail");
        assertFalse(events.get(0).details().contains("gh1:"), "nor its ciphertext");

        Long eventId = events.get(0).id();
        tx.begin();
        try {
            PersistenceException refused = assertThrows(PersistenceException.class, () ->
                    em.createNativeQuery("update audit_event set actor = 'mallory' where id = ?1").setParameter(1, eventId).executeUpdate());
            assertTrue(rootMessage(refused).contains("append-only"), rootMessage(refused));
        } finally {
            tx.rollback();
        }
        tx.begin();
        try {
            assertThrows(PersistenceException.class, () ->
                    em.createNativeQuery("delete from audit_event where id = ?1").setParameter(1, eventId).executeUpdate());
        } finally {
            tx.rollback();
        }
    }

    private static ConnectionDraft draft(String name) {
        return new ConnectionDraft(name, "postgres", "db.internal", 6543, "orders", "svc_orders", null, false, "verify-full",
                Map.of("env", "prod", "team", "payments"), Set.of("gatehouse-user", "ci-agent"));
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
