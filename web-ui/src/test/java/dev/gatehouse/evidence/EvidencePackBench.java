package dev.gatehouse.evidence;

import dev.gatehouse.audit.ScratchStore;
import dev.gatehouse.evidence.PackBuilder.BuiltPack;
import dev.gatehouse.evidence.pack.PeriodChainEvidence;
import dev.gatehouse.identity.InventoryIdentity;
import dev.gatehouse.proxy.audit.pack.PackVerification;
import dev.gatehouse.proxy.audit.pack.PackVerifier;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.recording.RecordedActivity;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * bench/evidence-pack.sh: one evidence pack over a period of N recorded statements (written by the
 * gateway's own recorder code, chained), built by exactly the assembly the gateway runs, against a
 * plain COPY of the same statements out of PostgreSQL in the same run as the baseline. Prints a
 * Markdown table: time per round, the ratio to the COPY, pack size, peak heap after GC, and the
 * offline verification of the pack.
 */
public final class EvidencePackBench {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int statements = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (ScratchStore store = ScratchStore.create("gh_evidence_bench")) {
            long seeding = System.nanoTime();
            try (Connection owner = store.owner(); Statement st = owner.createStatement()) {
                st.execute("insert into connection (id, name, type, host, port, tls_mode, created_at, updated_at)"
                        + " values (gen_random_uuid(), 'bench-pg', 'postgres', 'db', 5432, 'disable', now(), now())");
            }
            try (Connection app = store.application()) {
                RecordedActivity.write(app, "bench-pg", statements / 100, 100, START, Duration.ofSeconds(1));
            }
            // As autovacuum would have by then on a real store: without statistics, right after a bulk load, the
            // planner picks plans for the oldest-record lookups that read every kept statement per session.
            try (Connection owner = store.owner(); Statement st = owner.createStatement()) {
                st.execute("analyze");
            }
            System.out.printf(Locale.ROOT, "Seeded %,d statements in %d sessions (recorder code, chained events) in %.1f s; heap limit %d MiB%n%n",
                    statements, statements / 100, (System.nanoTime() - seeding) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
            PackScope scope = new PackScope(START, START.plusSeconds(statements * 2L), List.of("bench-pg"), List.of(), Set.of());
            TestSigningKey key = new TestSigningKey("bench-key");
            PublicKeys trusted = key.trusted(START);
            System.out.println("| round | COPY of the statements (s) | pack (s) | pack / COPY | pack size (MiB) | peak heap after GC (MiB) | verify (s) |");
            System.out.println("|---|---|---|---|---|---|---|");
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double copy = copySeconds(store, scope);
                Path file = Files.createTempFile("evidence-bench", ".zip");
                resetPeaks();
                long started = System.nanoTime();
                BuiltPack built = build(store, scope, key, trusted, file);
                double pack = (System.nanoTime() - started) / 1e9;
                long peak = peakHeapAfterGc();
                long verifyStart = System.nanoTime();
                PackVerification verification = new PackVerifier(trusted).verify(file);
                double verify = (System.nanoTime() - verifyStart) / 1e9;
                if (!verification.intact() || built.statements() != statements) {
                    throw new IllegalStateException("the pack is wrong: " + built + " " + verification.humanText());
                }
                ratios.add(pack / copy);
                System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.1f | %.1f | %d | %.2f |%n", round, copy, pack, pack / copy,
                        Files.size(file) / 1048576.0, peak >> 20, verify);
                Files.delete(file);
            }
            Collections.sort(ratios);
            System.out.printf(Locale.ROOT, "%nMedian pack / COPY: %.1f%n", ratios.get(ratios.size() / 2));
        }
    }

    private static BuiltPack build(ScratchStore store, PackScope scope, TestSigningKey key, PublicKeys trusted, Path file) throws Exception {
        try (Connection app = store.application(); Connection chain = store.application();
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            EvidencePackAssembly assembly = new EvidencePackAssembly(new EvidencePackAssembly.Parts(
                    (s, entries) -> new PeriodChainEvidence(chain, trusted, List.of(), Instant.now()).write(s, entries),
                    key.signer(), key.keyId(), "Gatehouse bench", Clock.systemUTC(), key.custody(), Crosswalk.bundled()));
            List<InventoryIdentity> inventory = List.of(new InventoryIdentity("eve", "human", Set.of("gatehouse-user"), true),
                    new InventoryIdentity("etl-bot", "agent", Set.of("gatehouse-user"), true));
            long t0 = System.nanoTime();
            String[] last = {""};
            return assembly.build("bench", scope, "dora", inventory, app, out, (stage, percent) -> {
                if (System.getenv("BENCH_STAGES") != null && !stage.equals(last[0])) {
                    System.err.printf(Locale.ROOT, "%6.2f s  %s%n", (System.nanoTime() - t0) / 1e9, stage);
                    last[0] = stage;
                }
            });
        }
    }

    /** The floor: PostgreSQL writing the same statements (with their sessions) as CSV, nothing else. */
    private static double copySeconds(ScratchStore store, PackScope scope) throws Exception {
        try (Connection app = store.application()) {
            long started = System.nanoTime();
            app.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select s.*, d.username, d.connection_name from data_statement s"
                    + " join data_session d on d.id = s.session_id where s.started_at >= '" + scope.from() + "' and s.started_at < '"
                    + scope.to() + "') to stdout with (format csv, header)", OutputStream.nullOutputStream());
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The largest live heap a collection left behind during the round: what the pack kept, not garbage. */
    private static long peakHeapAfterGc() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                peak += pool.getCollectionUsage().getUsed();
            }
        }
        return peak;
    }
}
