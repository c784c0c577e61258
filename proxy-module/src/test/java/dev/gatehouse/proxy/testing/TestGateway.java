package dev.gatehouse.proxy.testing;

import dev.gatehouse.proxy.GatewayServices;
import dev.gatehouse.proxy.access.AllowListAccessPolicy;
import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.proxy.api.BoundValue;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.GuardrailRules;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionCatalog;
import dev.gatehouse.proxy.api.CredentialStore;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.IdentityResolver;
import dev.gatehouse.proxy.api.MaskingRules;
import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.protocol.postgres.PostgresProtocolEngine;
import dev.gatehouse.proxy.protocol.postgres.PostgresSettings;
import dev.gatehouse.proxy.recording.RecordingPipeline;
import dev.gatehouse.proxy.tls.ServerCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The real PostgreSQL engine with in-memory stand-ins for the application's adapters. Keycloak,
 * the JPA catalog and the JPA recorder cannot run without the container; their real versions are
 * exercised end to end by web-ui's DataPathIT. Here the identity resolver is a token table (a
 * mock of Keycloak: tokens are just names), which lets these tests focus on the protocol.
 */
public final class TestGateway implements AutoCloseable {

    public static final String ROLE = "gatehouse-user";

    private final Map<String, Object> tokens = new ConcurrentHashMap<>();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<RecordedEvent> recorded = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private final Map<String, RuleSet> rules = new ConcurrentHashMap<>();
    /** Masking policies by {@code connection} or, taking precedence, {@code connection/username}. */
    private final Map<String, MaskingPolicy> masking = new ConcurrentHashMap<>();
    private final Set<String> maskingDown = ConcurrentHashMap.newKeySet();
    private final PostgresSqlAnalyzer sql = PostgresSqlAnalyzer.withDefaults();
    private final RecordingPipeline recording;
    private volatile boolean auditStoreDown;
    private final PostgresProtocolEngine engine;
    private final int port;

    private volatile ApprovalGate approvals = ApprovalGate.UNAVAILABLE;

    /** Delegates to whatever {@link #approvals(ApprovalGate)} set last. */
    private final ApprovalGate approvalGate = new ApprovalGate() {
        @Override
        public CompletionStage<Decision> review(Identity identity, Connection connection,
                String sql, Decision.RequireApproval required) {
            return approvals.review(identity, connection, sql, required);
        }

        @Override
        public CompletionStage<Decision> review(Identity identity, Connection connection,
                String sql, List<BoundValue> parameters, Decision.RequireApproval required,
                Duration wait) {
            return approvals.review(identity, connection, sql, parameters, required, wait);
        }
    };

    /** The approval gate the gateway asks from now on (none at start: approvals are refused as unavailable). */
    public void approvals(ApprovalGate gate) {
        this.approvals = gate;
    }

    private TestGateway(PostgresSettings settings) throws InterruptedException {
        recording = new RecordingPipeline(batch -> {
            if (auditStoreDown) {
                throw new IllegalStateException("the test made the audit store refuse writes");
            }
            recorded.addAll(batch);
        }, 10_000, 200);
        IdentityResolver identities = credential -> {
            Object known = tokens.get(credential);
            if (known instanceof Identity identity) {
                return CompletableFuture.completedFuture(identity);
            }
            if (known instanceof AuthenticationFailedException failure) {
                return CompletableFuture.failedFuture(failure);
            }
            return CompletableFuture.failedFuture(new AuthenticationFailedException("invalid_signature",
                    "the token's signature does not verify against the realm's keys"));
        };
        ConnectionCatalog catalog = name -> CompletableFuture.supplyAsync(() -> Optional.ofNullable(connections.get(name)), blocking);
        CredentialStore credentials = name -> Optional.ofNullable(secrets.get(name)).map(String::toCharArray);
        GuardrailRules guardrails = connection -> CompletableFuture.completedFuture(rules.getOrDefault(connection.name(), RuleSet.NONE));
        MaskingRules maskingRules = (identity, connection) -> {
            if (maskingDown.contains(connection.name())) {
                return CompletableFuture.failedFuture(new IllegalStateException("the test made the masking rules unavailable"));
            }
            MaskingPolicy policy = masking.get(connection.name() + "/" + identity.username());
            return CompletableFuture.completedFuture(policy != null ? policy : masking.getOrDefault(connection.name(), MaskingPolicy.NONE));
        };
        // No TargetCatalog: the engine names result columns by asking the target (PostgresTargetCatalog).
        GatewayServices services = new GatewayServices(identities, catalog, new AllowListAccessPolicy(), credentials, recording, blocking,
                guardrails, sql, approvalGate, maskingRules, null);
        engine = new PostgresProtocolEngine(settings, services, 2);
        port = engine.start().getPort();
    }

    /** A gateway on a free loopback port offering TLS with a dev certificate kept in {@code tlsDir}. */
    public static TestGateway start(Path tlsDir) throws IOException, InterruptedException {
        return start(tlsDir, false);
    }

    public static TestGateway start(Path tlsDir, boolean allowPlaintextPassword) throws IOException, InterruptedException {
        return start(tlsDir, allowPlaintextPassword, 5000);
    }

    public static TestGateway start(Path tlsDir, boolean allowPlaintextPassword, int maxConnections)
            throws IOException, InterruptedException {
        return new TestGateway(new PostgresSettings("0.0.0.0", 0, ServerCertificates.devSelfSigned(tlsDir),
                allowPlaintextPassword, 1024 * 1024, Duration.ofSeconds(3), maxConnections));
    }

    public int port() {
        return port;
    }

    public PostgresProtocolEngine engine() {
        return engine;
    }

    /** Registers a token that resolves to a human with the given roles; returns the token. */
    public String userToken(String username, String... roles) {
        String token = "token-" + username + "-" + System.nanoTime();
        tokens.put(token, new Identity("sub-" + username, username, "gatehouse-cli", IdentityKind.HUMAN, Set.of(roles), Set.of(),
                "jti-" + username, Instant.now(), Instant.now().plusSeconds(300), "oidc-access-token"));
        return token;
    }

    /** Registers a token the resolver refuses with the given code and message. */
    public String refusedToken(String code, String message) {
        String token = "refused-" + code + "-" + System.nanoTime();
        tokens.put(token, new AuthenticationFailedException(code, message));
        return token;
    }

    /** Puts a connection in the catalog, allowed to {@link #ROLE}, with its stored secret. */
    public Connection addConnection(Connection target, String secret, boolean requireClientTls) {
        return addConnection(target, secret, requireClientTls, true);
    }

    /** As above, choosing whether the connection refuses work while the audit store is down. */
    public Connection addConnection(Connection target, String secret, boolean requireClientTls, boolean auditFailClosed) {
        Connection connection = new Connection(target.name(), target.type(), target.host(), target.port(), target.database(),
                target.username(), target.tlsMode(), target.labels(), Set.of(ROLE), requireClientTls, auditFailClosed,
                target.requiresJit(), target.allowedStartupParameters());
        connections.put(connection.name(), connection);
        if (secret != null) {
            secrets.put(connection.name(), secret);
        }
        return connection;
    }

    /** Puts guardrails on a connection (in-memory, as the application's rule store would answer). */
    public void guard(String connectionName, RuleSet ruleSet) {
        rules.put(connectionName, ruleSet);
    }

    /** Masks results on a connection for every identity without a policy of its own. */
    public void mask(String connectionName, MaskingPolicy policy) {
        masking.put(connectionName, policy);
    }

    /** Masks results on a connection for one user (e.g. none at all: an unmask grant). */
    public void maskFor(String connectionName, String username, MaskingPolicy policy) {
        masking.put(connectionName + "/" + username, policy);
    }

    /** Ends a user's own policy on a connection (an unmask grant expires): the connection's policy applies again. */
    public void unmaskEnded(String connectionName, String username) {
        masking.remove(connectionName + "/" + username);
    }

    /**
     * Makes the masking rules of a connection fail to load, or recover. Open sessions see it at
     * their next request, as they see every change made here.
     */
    public void maskingUnavailable(String connectionName, boolean down) {
        if (down) {
            maskingDown.add(connectionName);
        } else {
            maskingDown.remove(connectionName);
        }
    }

    /**
     * Makes the recorder fail every write (as a store that refuses inserts would) or recover. The
     * pipeline keeps and retries what it could not write, exactly as with the real store.
     */
    public void auditStoreDown(boolean down) {
        auditStoreDown = down;
    }

    public RecordingPipeline recording() {
        return recording;
    }

    public PostgresSqlAnalyzer sqlAnalyzer() {
        return sql;
    }

    public List<RecordedEvent> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    public <T extends RecordedEvent> List<T> recorded(Class<T> type) {
        return recorded().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits (briefly) until the recorder has seen an event matching {@code wanted}. */
    public <T extends RecordedEvent> T awaitRecorded(Class<T> type, Predicate<T> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = recorded(type).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type.getSimpleName() + " matching the expectation was recorded; recorded: " + recorded());
    }

    @Override
    public void close() {
        engine.stop(Duration.ofSeconds(2));
        recording.close(Duration.ofSeconds(5));
        blocking.shutdownNow();
        sql.close();
    }
}
