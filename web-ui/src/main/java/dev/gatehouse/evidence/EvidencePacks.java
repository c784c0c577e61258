package dev.gatehouse.evidence;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.LogAccessLog;
import dev.gatehouse.platform.GatehouseSettings;
import dev.gatehouse.retention.KnownConnections;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Evidence packs as auditors use them, from the UI and from REST alike: check a request, queue the
 * pack as a background job, list the history, and hand out a completed pack (each download is a
 * log-access event, control C9). Jobs run on the container's managed threads, at most
 * GATEHOUSE_EVIDENCE_CONCURRENCY at once; the rest wait in the order they were asked for.
 */
@ApplicationScoped
public class EvidencePacks {

    private static final Logger LOG = Logger.getLogger(EvidencePacks.class.getName());

    @Inject
    EvidencePackStore store;

    @Inject
    PackBuilder builder;

    @Inject
    KnownConnections connections;

    @Inject
    LogAccessLog logAccess;

    @Inject
    GatehouseSettings gatehouse;

    @Resource
    ManagedThreadFactory managedThreads;

    private final Clock clock = Clock.systemUTC();
    private EvidenceSettings settings;
    private ThreadPoolExecutor jobs;

    /** A completed pack's file, ready to stream. */
    public record PackDownload(Path file, String fileName, String sha256, long sizeBytes) {
    }

    @PostConstruct
    void start() {
        settings = EvidenceSettings.from(System.getenv(), gatehouse.dataDir());
        // Core threads = the cap with an unbounded queue: at most that many packs at once, the rest wait in order.
        jobs = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                managedThreads);
        jobs.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        // Jobs cut off here stay running in their rows; the next start marks them interrupted.
        jobs.shutdownNow();
    }

    /** Checks a request against the catalog and the clock; throws ValidationFailedException naming each bad field. */
    public PackScope scopeOf(PackRequest request) {
        return new PackRequestValidator(connections::exists).validate(request, clock.instant());
    }

    /** Records the request (evidence.requested) and queues the job; returns at once with the pack's id. */
    public UUID start(PackScope scope, Actor requester) {
        UUID id = UUID.randomUUID();
        store.queued(id, scope, requester, clock.instant());
        jobs.execute(new EvidencePackJob(id, scope, requester.name(), settings.directory(), builder, store, clock));
        return id;
    }

    public Optional<EvidencePack> find(UUID id) {
        return store.find(id);
    }

    /** The history, newest first. */
    public List<EvidencePack> history(int limit) {
        return store.latest(limit);
    }

    /**
     * Records the download (evidence.downloaded, with the digest the reader is about to get) and
     * returns the file. The caller has checked that the pack is completed.
     *
     * @throws IllegalStateException when the pack is not completed
     * @throws PackFileMissingException when the file was removed from the evidence directory
     */
    public PackDownload download(EvidencePack pack) {
        return download(pack, null);
    }

    /**
     * As {@link #download(EvidencePack)}, and the transmittal record: the event also says to whom the
     * pack goes (an examiner, a regulator), so the trail shows who exported which pack (its SHA-256),
     * to whom and when.
     *
     * @param recipient free text naming the recipient, or null when not said
     */
    public PackDownload download(EvidencePack pack, String recipient) {
        if (!pack.completed()) {
            throw new IllegalStateException("pack " + pack.id() + " is " + pack.status().wireName());
        }
        Path file = settings.directory().resolve(pack.fileName());
        if (!Files.isRegularFile(file)) {
            throw new PackFileMissingException(pack.id());
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("sha256", pack.sha256());
        details.put("sizeBytes", pack.sizeBytes());
        if (recipient != null && !recipient.isBlank()) {
            details.put("recipient", recipient.strip());
        }
        logAccess.accessed("evidence.downloaded", "evidence_pack", pack.id().toString(), pack.fileName(), "success", details);
        return new PackDownload(file, pack.fileName(), pack.sha256(), pack.sizeBytes());
    }

    /** At start-up: rows a previous process left queued or running fail as interrupted. */
    public void failInterrupted() {
        List<UUID> failed = store.failLeftovers(clock.instant());
        if (!failed.isEmpty()) {
            LOG.warning(() -> "evidence: " + failed.size() + " pack(s) left unfinished by the last run marked failed: " + failed);
        }
    }
}
