package dev.gatehouse.evidence;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds one pack in the background: the zip goes to {@code evidence-<id>.zip.part} through a
 * stream that hashes it, and only a complete zip is renamed to {@code evidence-<id>.zip}, so a
 * download never sees half a pack. Any failure leaves no part file and a one-sentence error in
 * the row; the stack trace goes to the gateway log only.
 */
final class EvidencePackJob implements Runnable {

    private static final Logger LOG = Logger.getLogger(EvidencePackJob.class.getName());

    private final UUID id;
    private final PackScope scope;
    private final String requestedBy;
    private final Path directory;
    private final PackBuilder builder;
    private final EvidencePackStore store;
    private final Clock clock;

    EvidencePackJob(UUID id, PackScope scope, String requestedBy, Path directory, PackBuilder builder, EvidencePackStore store, Clock clock) {
        this.id = id;
        this.scope = scope;
        this.requestedBy = requestedBy;
        this.directory = directory;
        this.builder = builder;
        this.store = store;
        this.clock = clock;
    }

    static String fileName(UUID id) {
        return "evidence-" + id + ".zip";
    }

    @Override
    public void run() {
        Path done = directory.resolve(fileName(id));
        Path part = directory.resolve(fileName(id) + ".part");
        try {
            store.running(id, clock.instant());
            Files.createDirectories(directory);
            PackBuilder.BuiltPack built;
            DigestingOutputStream zip;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                zip = new DigestingOutputStream(file);
                built = builder.build(id.toString(), scope, requestedBy, zip, new ThrottledProgress(this::recordProgress));
                zip.flush();
            }
            Files.move(part, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            store.completed(id, done.getFileName().toString(), zip.count(), zip.sha256Hex(), built, clock.instant());
            LOG.info(() -> "evidence: pack " + id + " completed, " + built.statements() + " statements");
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "evidence: pack " + id + " failed", e);
            deleteQuietly(part);
            deleteQuietly(done);
            try {
                store.failed(id, sentence(e), clock.instant());
            } catch (RuntimeException storeDown) {
                // The row stays queued or running; the next start of the gateway marks it interrupted.
                LOG.log(Level.SEVERE, "evidence: pack " + id + " failed and its row could not be updated", storeDown);
            }
        }
    }

    private void recordProgress(String stage, int percent) {
        try {
            store.progress(id, stage, percent);
        } catch (RuntimeException e) {
            // Progress is a courtesy to the page: a missed update must not fail the pack.
            LOG.log(Level.FINE, "evidence: progress of pack " + id + " not recorded", e);
        }
    }

    /** One line for the history: what failed and the cause's message, never a trace. */
    static String sentence(Throwable e) {
        String message = e.getMessage();
        String what = e instanceof IOException ? "The pack could not be written" : "The pack could not be built";
        String detail = message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replaceAll("\\s+", " ");
        String sentence = what + ": " + detail;
        return sentence.length() > 500 ? sentence.substring(0, 499) + "…" : sentence + (sentence.endsWith(".") ? "" : ".");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "evidence: could not delete " + file, e);
        }
    }
}
