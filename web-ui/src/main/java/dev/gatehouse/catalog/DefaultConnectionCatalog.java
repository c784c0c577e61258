package dev.gatehouse.catalog;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.audit.RefusalAudit;
import dev.gatehouse.platform.SecretCipher;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class DefaultConnectionCatalog implements ConnectionCatalog {

    /** Associated data for sealing: a connection secret cannot be moved into another kind of sealed field. */
    static final String SECRET_PURPOSE = "gatehouse/connection-secret";
    private static final String TARGET_TYPE = "connection";

    @Inject
    TargetConnectionRepository repository;

    @Inject
    SecretCipher cipher;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Inject
    ConnectionTester tester;

    @Inject
    Event<ConnectionCatalogChanged> catalogChanged;

    @Inject
    RefusalAudit refusals;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TargetConnection> list() {
        return repository.findAll();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public TargetConnection get(UUID id) {
        return repository.find(id).orElseThrow(() -> new ConnectionNotFoundException(id));
    }

    @Override
    public TargetConnection create(ConnectionDraft draft) {
        validate(draft, null);
        refuseTheStore(draft, null, draft.secret());
        Instant now = Instant.now();
        TargetConnection connection = new TargetConnection(UUID.randomUUID(), now);
        connection.applyDetails(withDefaults(draft), now);
        if (draft.secret() != null && !draft.secret().isEmpty()) {
            connection.replaceSealedSecret(cipher.seal(draft.secret(), SECRET_PURPOSE));
        }
        try {
            repository.add(connection);
        } catch (PersistenceException raceOnName) {
            throw new ValidationFailedException(List.of(new FieldError("name", "a connection named '" + draft.name() + "' already exists")));
        }
        Map<String, Object> details = describe(connection);
        details.put("secretChanged", connection.secretSet());
        audit.append(actor.get(), "connection.created", TARGET_TYPE, connection.id().toString(), connection.name(), "success", details);
        catalogChanged.fire(new ConnectionCatalogChanged(connection.name(), "created"));
        return connection;
    }

    @Override
    public TargetConnection update(UUID id, ConnectionDraft draft) {
        TargetConnection connection = get(id);
        validate(draft, id);
        boolean newSecret = draft.secret() != null && !draft.secret().isEmpty();
        // Issue 17: a secret belongs to the server it was entered for. Pointing the connection
        // elsewhere (or weakening its TLS) without entering it again drops it, so it cannot be
        // lured to another server.
        boolean retargeted = retargets(connection, draft);
        boolean keepsStored = !newSecret && !draft.clearSecret() && !retargeted && connection.secretSet();
        refuseTheStore(draft, id, newSecret ? draft.secret() : keepsStored ? cipher.open(connection.sealedSecret(), SECRET_PURPOSE) : null);
        Map<String, Object> before = describe(connection);
        connection.applyDetails(withDefaults(draft), Instant.now());
        boolean secretChanged = false;
        boolean secretDropped = false;
        if (newSecret) {
            connection.replaceSealedSecret(cipher.seal(draft.secret(), SECRET_PURPOSE));
            secretChanged = true;
        } else if (draft.clearSecret() || retargeted) {
            secretChanged = connection.secretSet();
            secretDropped = retargeted && !draft.clearSecret() && connection.secretSet();
            connection.replaceSealedSecret(null);
        }
        Map<String, Object> after = describe(connection);
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Object> previous = new LinkedHashMap<>();
        after.forEach((key, value) -> {
            if (!Objects.equals(before.get(key), value)) {
                details.put(key, value);
                previous.put(key, before.get(key));
            }
        });
        details.put("changedFields", new ArrayList<>(details.keySet()));
        details.put("before", previous);
        // Only the fact of a change is recorded, never the secret or its ciphertext.
        details.put("secretChanged", secretChanged);
        if (secretDropped) {
            details.put("secretCleared", "the target changed (host, port, database, user or TLS mode) and no secret was entered");
        }
        audit.append(actor.get(), "connection.updated", TARGET_TYPE, id.toString(), connection.name(), "success", details);
        catalogChanged.fire(new ConnectionCatalogChanged(connection.name(), "updated"));
        return connection;
    }

    /** Whether the draft points the stored connection at another server, database or user, or changes its TLS mode. */
    private static boolean retargets(TargetConnection stored, ConnectionDraft draft) {
        ConnectionDraft complete = withDefaults(draft);
        return !Objects.equals(stored.host(), complete.host()) || stored.port() != (complete.port() == null ? -1 : complete.port())
                || !Objects.equals(stored.database(), complete.database()) || !Objects.equals(stored.username(), complete.username())
                || !stored.tlsMode().wireName().equals(complete.tlsMode());
    }

    @Override
    public void delete(UUID id) {
        TargetConnection connection = get(id);
        Map<String, Object> details = describe(connection);
        repository.remove(connection);
        audit.append(actor.get(), "connection.deleted", TARGET_TYPE, id.toString(), connection.name(), "success", details);
        catalogChanged.fire(new ConnectionCatalogChanged(connection.name(), "deleted"));
    }

    @Override
    public void allow(String connectionName, String entry) {
        TargetConnection connection = repository.findByName(connectionName).orElseThrow(() -> new ConnectionNotFoundException(connectionName));
        if (connection.addAllowedEntry(entry, Instant.now())) {
            audit.append(actor.get(), "connection.updated", TARGET_TYPE, connection.id().toString(), connection.name(), "success",
                    Map.of("changedFields", List.of("allowedRoles"), "allowedRolesAdded", List.of(entry),
                            "allowedRoles", connection.allowedRoles().stream().sorted().toList(), "secretChanged", false));
            catalogChanged.fire(new ConnectionCatalogChanged(connection.name(), "updated"));
        }
    }

    @Override
    public List<String> revokeEverywhere(String entry) {
        List<String> changed = new ArrayList<>();
        for (TargetConnection connection : repository.findAll()) {
            if (connection.removeAllowedEntry(entry, Instant.now())) {
                changed.add(connection.name());
                audit.append(actor.get(), "connection.updated", TARGET_TYPE, connection.id().toString(), connection.name(), "success",
                        Map.of("changedFields", List.of("allowedRoles"), "allowedRolesRemoved", List.of(entry),
                                "allowedRoles", connection.allowedRoles().stream().sorted().toList(), "secretChanged", false));
                catalogChanged.fire(new ConnectionCatalogChanged(connection.name(), "updated"));
            }
        }
        return changed;
    }

    @Override
    public ConnectionTestResult test(UUID id) {
        TargetConnection connection = get(id);
        String secret = connection.secretSet() ? cipher.open(connection.sealedSecret(), SECRET_PURPOSE) : null;
        return recordTest(connection.id().toString(), connection.toDescriptor(), secret);
    }

    @Override
    public ConnectionTestResult testDraft(ConnectionDraft draft, UUID existingId) {
        List<FieldError> errors = ConnectionValidator.check(draft);
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        String secret = draft.secret() != null && !draft.secret().isEmpty() ? draft.secret() : null;
        if (secret == null && existingId != null && !draft.clearSecret()) {
            TargetConnection stored = get(existingId);
            // The stored secret is only tried against the server it was entered for.
            secret = stored.secretSet() && !retargets(stored, draft) ? cipher.open(stored.sealedSecret(), SECRET_PURPOSE) : null;
        }
        return recordTest(existingId == null ? null : existingId.toString(), descriptor(draft), secret);
    }

    /**
     * Issue 17: a connection to Gatehouse's own store is never saved. The check logs in like a test
     * (the store probe compares system identifiers); a target that cannot be reached now is saved,
     * and every later login still runs the same probe.
     */
    private void refuseTheStore(ConnectionDraft draft, UUID id, String secret) {
        Connection target = descriptor(draft);
        if (target.type() != ConnectionType.POSTGRES) {
            return;
        }
        ConnectionTestResult probe = tester.test(target, secret);
        if (probe.refusedAsStore()) {
            refusals.record(actor.get(), "connection.refused", TARGET_TYPE, id == null ? null : id.toString(), target.name(),
                    Map.of("reason", "store_target", "host", target.host(), "port", target.port(), "database", target.database(),
                            "message", probe.message()));
            throw new ValidationFailedException(List.of(new FieldError("host", probe.message())));
        }
    }

    private static Connection descriptor(ConnectionDraft draft) {
        ConnectionDraft complete = withDefaults(draft);
        return new Connection(complete.name(), ConnectionType.fromWireName(complete.type()).orElseThrow(),
                complete.host(), complete.port(), complete.database(), complete.username(),
                TlsMode.fromWireName(complete.tlsMode()).orElseThrow(), complete.labels(), complete.allowedRoles(),
                complete.requireClientTls(), complete.auditFailClosed(), complete.requiresJit(), complete.allowedStartupParameters());
    }

    private ConnectionTestResult recordTest(String id, Connection target, String secret) {
        ConnectionTestResult result = tester.test(target, secret);
        if (result.refusal() != null) {
            refusals.record(actor.get(), "connection.refused", TARGET_TYPE, id, target.name(),
                    Map.of("reason", result.refusal(), "host", target.host(), "port", target.port(), "database", target.database(),
                            "message", result.message()));
        }
        audit.append(actor.get(), "connection.tested", TARGET_TYPE, id, target.name(), result.success() ? "success" : "failure",
                Map.of("host", target.host(), "port", target.port(), "message", result.message(), "elapsedMillis", result.elapsedMillis()));
        return result;
    }

    private void validate(ConnectionDraft draft, UUID selfId) {
        List<FieldError> errors = new ArrayList<>(ConnectionValidator.check(draft));
        if (draft.name() != null) {
            repository.findByName(draft.name())
                    .filter(other -> !other.id().equals(selfId))
                    .ifPresent(other -> errors.add(new FieldError("name", "a connection named '" + draft.name() + "' already exists")));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }

    private static ConnectionDraft withDefaults(ConnectionDraft draft) {
        String tls = draft.tlsMode() == null || draft.tlsMode().isEmpty() ? TlsMode.PREFER.wireName() : draft.tlsMode();
        return new ConnectionDraft(draft.name(), draft.type(), draft.host(), draft.port(), draft.database(), draft.username(),
                draft.secret(), draft.clearSecret(), tls, draft.requireClientTls(), draft.labels(), draft.allowedRoles(),
                draft.auditFailClosed(), draft.requiresJit(), draft.allowedStartupParameters());
    }

    private static Map<String, Object> describe(TargetConnection c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", c.name());
        details.put("type", c.type().wireName());
        details.put("requiresJit", c.requiresJit());
        details.put("host", c.host());
        details.put("port", c.port());
        details.put("database", c.database());
        details.put("username", c.username());
        details.put("tlsMode", c.tlsMode().wireName());
        details.put("requireClientTls", c.requireClientTls());
        details.put("auditFailClosed", c.auditFailClosed());
        details.put("labels", c.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        details.put("allowedRoles", c.allowedRoles().stream().sorted().toList());
        details.put("allowedStartupParameters", List.copyOf(c.allowedStartupParameters()));
        details.put("secretSet", c.secretSet());
        return details;
    }
}
