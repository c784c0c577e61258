package dev.gatehouse.retention;

import dev.gatehouse.audit.Actor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the purge on the container's managed executors, never on a request thread: on a schedule
 * (GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS, daily by default) and when an admin asks for a run
 * now. Every node schedules runs; the purge lock lets one of them work and the others skip.
 */
@Startup
@Singleton
@DependsOn("StartupChecks")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RetentionScheduler {

    private static final Logger LOG = Logger.getLogger(RetentionScheduler.class.getName());

    @Inject
    RetentionPurge purge;

    @Resource
    ManagedScheduledExecutorService timer;

    @Resource
    ManagedExecutorService work;

    private ScheduledFuture<?> schedule;

    @PostConstruct
    void start() {
        RetentionSettings settings = RetentionSettings.fromEnvironment();
        if (!settings.scheduled()) {
            LOG.info("retention: scheduled purge off (GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS=0); runs only when started by an admin");
            return;
        }
        schedule = timer.scheduleWithFixedDelay(this::scheduledRun, settings.firstDelay().toSeconds(),
                settings.purgeInterval().toSeconds(), TimeUnit.SECONDS);
        LOG.info(() -> "retention: purge every " + settings.purgeInterval() + ", first in " + settings.firstDelay());
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            // A run cut off by the shutdown stays "running" in retention_run; the next run marks it interrupted.
            schedule.cancel(false);
        }
    }

    /** Starts a run now, on the managed executor; the caller may wait for it or not. */
    public Future<PurgeRun> runNow(String via, Actor who) {
        return work.submit(() -> purge.run(via, who));
    }

    private void scheduledRun() {
        try {
            purge.run("schedule", Actor.SYSTEM);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the schedule.
            LOG.log(Level.WARNING, "retention: the scheduled purge failed; the next one runs as planned", e);
        }
    }
}
