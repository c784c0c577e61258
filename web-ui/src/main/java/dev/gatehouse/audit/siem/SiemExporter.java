package dev.gatehouse.audit.siem;

import dev.gatehouse.platform.GatehouseSettings;
import dev.gatehouse.platform.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs this node's SIEM delivery (docs/siem.md) once the schema is migrated: a scheduler of managed
 * threads, one worker per enabled sink, and the supervision that follows sinks being added, changed
 * or removed on any node. It stops the workers before the application goes.
 */
@Startup
@Singleton
@DependsOn("StartupChecks")
// Its state is set once in start() and is thread-safe afterwards: no container lock per call.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SiemExporter {

    private static final Logger LOG = Logger.getLogger(SiemExporter.class.getName());

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory managedThreads;

    @Inject
    GatehouseSettings gatehouse;

    @Inject
    SecretCipher cipher;

    private SiemSettings settings;
    private ScheduledThreadPoolExecutor scheduler;
    private SinkChannels channels;
    private SinkWorkers workers;

    @PostConstruct
    void start() {
        settings = SiemSettings.from(System.getenv(), gatehouse.dataDir());
        // Managed threads: the container knows them and they carry the application's context.
        scheduler = new ScheduledThreadPoolExecutor(settings.threads(), managedThreads);
        scheduler.setRemoveOnCancelPolicy(true);
        ExportOrigin origin = new ExportOrigin(settings.hostName(), ProductVersion.current());
        channels = new SinkChannels(origin, settings.fileDirectory(), sealed -> cipher.open(sealed, DefaultSiemSinks.TOKEN_PURPOSE),
                settings.sendTimeout(), scheduler);
        JdbcSinkStore store = new JdbcSinkStore(dataSource);
        workers = new SinkWorkers(store, sinkId -> new SinkDelivery(sinkId, store, channels, settings.batchSize(), settings.pollInterval(),
                Backoff.STANDARD, Clock.systemUTC()), scheduler, settings.pollInterval());
        workers.start();
        LOG.info(() -> "gatehouse: SIEM export running (" + settings.threads() + " threads, batches of " + settings.batchSize()
                + ", file sinks in " + settings.fileDirectory() + ")");
    }

    /** After a change commits, this node's workers look again now instead of at the next poll. */
    public void sinksChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SiemSinksChanged change) {
        try {
            scheduler.execute(workers::refresh);
        } catch (RejectedExecutionException shuttingDown) {
            // The application is stopping; there is nothing left to refresh.
        }
    }

    public SinkChannels channels() {
        return channels;
    }

    public SiemSettings settings() {
        return settings;
    }

    @PreDestroy
    void stop() {
        if (workers != null) {
            workers.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warning("gatehouse: SIEM delivery threads did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
