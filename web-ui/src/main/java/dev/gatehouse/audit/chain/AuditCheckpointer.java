package dev.gatehouse.audit.chain;

import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.CheckpointAnchor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs a checkpoint every N events or T seconds, whichever comes first, and copies each one to
 * the external anchors. Anchoring happens after the checkpoint committed: a crash in between
 * leaves a checkpoint the next tick anchors, never an anchored checkpoint the store lacks (which a
 * verifier would rightly call a deleted checkpoint).
 */
@Startup
@Singleton
@DependsOn("StartupChecks")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditCheckpointer {

    private static final Logger LOG = Logger.getLogger(AuditCheckpointer.class.getName());

    @Inject
    AuditChainSettingsHolder chainSettings;

    @Inject
    CheckpointStore store;

    @Inject
    AuditAnchors anchors;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private AuditChainSettings settings;
    private ScheduledFuture<?> ticking;
    private final Object signing = new Object();

    @PostConstruct
    void start() {
        settings = chainSettings.get();
        ticking = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        LOG.info(() -> "gatehouse: audit checkpoints every " + settings.checkpointEvents() + " events or "
                + settings.checkpointInterval().toSeconds() + " s; anchors " + anchors.kinds());
    }

    /** A last checkpoint over everything written before shutdown (the data path drained first: it depends on this bean). */
    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
        try {
            checkpointNow();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit: the shutdown checkpoint failed; the next start signs one", e);
        }
    }

    /** Signs a checkpoint over the current head now (if it moved) and anchors it; for rotation, tests and operators. */
    public Optional<Checkpoint> checkpointNow() {
        synchronized (signing) {
            Optional<Checkpoint> signed = store.signIfDue(1, settings.checkpointInterval(), true);
            anchorPending();
            return signed;
        }
    }

    public AuditChainSettings settings() {
        return settings;
    }

    private void tick() {
        try {
            synchronized (signing) {
                store.signIfDue(settings.checkpointEvents(), settings.checkpointInterval(), false);
                anchorPending();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit: signing or anchoring a checkpoint failed; retrying in a second", e);
        }
    }

    private void anchorPending() {
        for (CheckpointAnchor anchor : anchors.configured()) {
            List<Checkpoint> pending = store.unanchored(anchor.kind(), 100);
            for (Checkpoint checkpoint : pending) {
                try {
                    store.receipt(checkpoint.seq(), anchor.kind(), anchor.store(checkpoint));
                } catch (IOException e) {
                    LOG.warning("audit: anchoring checkpoint " + checkpoint.seq() + " to " + anchor.kind() + " failed ("
                            + e.getMessage() + "); retrying");
                    break;
                }
            }
        }
    }
}
