package dev.gatehouse.datapath;

import dev.gatehouse.accessreview.AccessReviewStore;
import dev.gatehouse.accessreview.AccessRevocationsCache;
import dev.gatehouse.accessreview.ReviewedAccessPolicy;
import dev.gatehouse.approvals.AccessGrants;
import dev.gatehouse.approvals.GrantsCache;
import dev.gatehouse.approvals.JitAccessPolicy;
import dev.gatehouse.approvals.WorkflowApprovalGate;
import dev.gatehouse.guardrails.JpaGuardrailRules;
import dev.gatehouse.masking.JpaMaskingRules;
import dev.gatehouse.platform.GatehouseSettings;
import dev.gatehouse.platform.OwnStoreIdentity;
import dev.gatehouse.proxy.GatewayServices;
import dev.gatehouse.proxy.access.AllowListAccessPolicy;
import dev.gatehouse.proxy.access.CachingAccessPolicy;
import dev.gatehouse.proxy.api.ConnectionCatalog;
import dev.gatehouse.proxy.api.CredentialStore;
import dev.gatehouse.proxy.api.IdentityResolver;
import dev.gatehouse.proxy.api.SessionRecorder;
import dev.gatehouse.proxy.protocol.postgres.PostgresProtocolEngine;
import dev.gatehouse.proxy.protocol.postgres.PostgresSettings;
import dev.gatehouse.proxy.recording.RecordingPipeline;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.tls.ServerCertificates;
import io.netty.handler.ssl.SslContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Starts the data path's listeners inside the application, after the schema is migrated, and stops
 * them before the application goes: sessions are told, then the recording queue is drained, so a
 * normal shutdown loses no event.
 */
@Startup
@Singleton
@DependsOn({"StartupChecks", "AuditCheckpointer"})
public class DataPath {

    private static final Logger LOG = Logger.getLogger(DataPath.class.getName());
    private static final Duration SESSION_GRACE = Duration.ofSeconds(5);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(30);

    @Inject
    GatehouseSettings gatehouse;

    @Inject
    OwnStoreIdentity store;

    @Inject
    IdentityResolver identities;

    @Inject
    ConnectionCatalog catalog;

    @Inject
    CredentialStore credentials;

    @Inject
    SessionRecorder recorder;

    @Inject
    JpaGuardrailRules guardrails;

    @Inject
    JpaMaskingRules masking;

    @Inject
    WorkflowApprovalGate approvals;

    @Inject
    GrantsCache grants;

    @Inject
    AccessGrants accessGrants;

    @Inject
    AccessRevocationsCache revocations;

    @Inject
    AccessReviewStore accessReviews;

    @Resource
    ManagedExecutorService blockingWork;

    @Resource
    ManagedThreadFactory managedThreads;

    @Resource
    ContextService contextService;

    private RecordingPipeline recording;
    private PostgresSqlAnalyzer sqlAnalyzer;
    private PostgresProtocolEngine postgres;
    private InetSocketAddress postgresAddress;

    @PostConstruct
    void start() {
        DataPathSettings settings = DataPathSettings.from(System.getenv());
        // A managed thread: the recorder's JTA transaction and persistence context need the container's context.
        recording = new RecordingPipeline(recorder, settings.recordingQueue(), settings.recordingBatch(), managedThreads);
        // Started even without a listener: the guardrail dry run parses with it. Parser threads are
        // managed threads, like the recorder's, so the container knows and stops them.
        sqlAnalyzer = new PostgresSqlAnalyzer(settings.sqlParserThreads(), settings.sqlCacheEntries(), managedThreads);
        if (settings.postgresPort().isEmpty()) {
            LOG.info("PostgreSQL listener disabled (GATEHOUSE_PG_PORT=off)");
            return;
        }
        Executor inApplication = applicationContextExecutor();
        // Rules are asked for on the event loops and answered from a cache; misses load on this executor.
        guardrails.runLookupsOn(inApplication);
        masking.runLookupsOn(inApplication);
        approvals.runOn(inApplication);
        grants.prime(accessGrants);
        revocations.prime(accessReviews);
        GatewayServices services = new GatewayServices(
                credential -> CompletableFuture.supplyAsync(() -> identities.resolve(credential), inApplication).thenCompose(stage -> stage),
                name -> CompletableFuture.supplyAsync(() -> catalog.find(name), inApplication).thenCompose(stage -> stage),
                // Outermost, uncached: an access-review revocation refuses the identity even where a grant or a role admits it.
                new ReviewedAccessPolicy(new JitAccessPolicy(new CachingAccessPolicy(new AllowListAccessPolicy(), Duration.ofSeconds(30),
                        10_000, Clock.systemUTC()), grants, Clock.systemUTC()), revocations),
                credentials, recording, inApplication, guardrails, sqlAnalyzer, approvals, masking,
                // The target catalog (for catalog-column rules) comes with the wire work; without it only name and content rules match.
                null);
        PostgresSettings postgresSettings = new PostgresSettings(settings.bindAddress(), settings.postgresPort().get(),
                serverTls(settings), settings.allowPlaintextPassword(), settings.maxMessageBytes(), settings.startupTimeout(),
                settings.maxConnections());
        postgres = new PostgresProtocolEngine(postgresSettings, services, settings.eventLoopThreads());
        // Read the store's identity here, on a start-up thread: the event loops only compare.
        store.load();
        postgres.upstreamRules(store, settings.plainPasswordsToLoopback());
        try {
            postgresAddress = postgres.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the PostgreSQL listener", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("GATEHOUSE_PG_PORT " + settings.postgresPort().get()
                    + " cannot be bound: " + e.getMessage(), e);
        }
    }

    /**
     * Ends the PostgreSQL sessions of {@code identityName} on {@code connectionName} with a FATAL
     * {@code message}, e.g. when the just-in-time grant they ran under ends or an access review revokes their access.
     *
     * @return how many sessions were ended
     */
    public CompletableFuture<Integer> endSessions(String identityName, String connectionName, String message) {
        return postgres == null ? CompletableFuture.completedFuture(0) : postgres.endSessions(identityName, connectionName, message);
    }

    /**
     * The event loops are not container threads: work they hand to the managed executor would run
     * without the application's context (no JNDI, no persistence context). The context is captured
     * here, on a container thread, and applied around every task.
     */
    private Executor applicationContextExecutor() {
        Executor inCapturedContext = contextService.createContextualProxy((Executor) Runnable::run, Executor.class);
        return task -> blockingWork.execute(() -> inCapturedContext.execute(task));
    }

    private SslContext serverTls(DataPathSettings settings) {
        try {
            if (settings.tlsCertificate().isPresent()) {
                return ServerCertificates.fromPem(settings.tlsCertificate().get(), settings.tlsKey().get());
            }
            if (gatehouse.devMode()) {
                return ServerCertificates.devSelfSigned(gatehouse.dataDir().resolve("tls"));
            }
            LOG.warning("no GATEHOUSE_PG_TLS_CERT/GATEHOUSE_PG_TLS_KEY configured: PostgreSQL clients cannot use TLS");
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("the PostgreSQL listener's TLS certificate cannot be loaded: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        if (postgres != null) {
            postgres.stop(SESSION_GRACE);
        }
        if (sqlAnalyzer != null) {
            // After the listener: a session still deciding on a statement would otherwise fail closed.
            sqlAnalyzer.close();
        }
        if (recording != null) {
            int lost = recording.close(DRAIN_DEADLINE);
            if (lost == 0) {
                LOG.info("recording queue drained");
            }
        }
    }

    /** The data path's SQL parser, shared with the guardrail dry run so both see statements alike. */
    public PostgresSqlAnalyzer sqlAnalyzer() {
        if (sqlAnalyzer == null) {
            throw new IllegalStateException("the SQL parser is not running (the data path did not start)");
        }
        return sqlAnalyzer;
    }

    public Optional<InetSocketAddress> postgresAddress() {
        return Optional.ofNullable(postgresAddress);
    }

    public int openPostgresConnections() {
        return postgres == null ? 0 : postgres.openConnections();
    }

    public int queuedRecordingEvents() {
        return recording == null ? 0 : recording.queued();
    }

    /** False while the store refuses the recorder's writes (see RecordingPipeline#acceptingEvents). */
    public boolean auditTrailAcceptingEvents() {
        return recording == null || recording.acceptingEvents();
    }
}
