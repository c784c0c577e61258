package dev.gatehouse.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chained audit appends per second against the real store, durable (every batch committed with
 * synchronous_commit on, PostgreSQL's default), as bench/audit-append.sh runs it:
 * <ul>
 *   <li>the recorder's shape: one writer, batches of 500 statement events;</li>
 *   <li>contention: four writers on four connections, batches of 100, all serialized by the chain lock;</li>
 *   <li>the admin path: one event per transaction;</li>
 *   <li>the same recorder-shaped batches inserted unchained into a copy of the table, in the same run,
 *       so the chain's own cost shows as a ratio.</li>
 * </ul>
 */
public final class AuditAppendBench {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (ScratchStore store = ScratchStore.create("gh_audit_bench")) {
            try (Connection c = store.owner(); Statement st = c.createStatement()) {
                st.execute("create table audit_event_unchained (like audit_event including defaults including identity including indexes)");
                st.execute("grant insert, select on audit_event_unchained to gatehouse_app");
            }
            warmUp(store);
            System.out.println("| scenario | events | seconds | events/s |");
            System.out.println("|---|---:|---:|---:|");
            double unchained = report("unchained insert, 1 writer, batches of 500 (baseline)", events,
                    () -> unchained(store, events, 500));
            double recorder = report("chained, 1 writer, batches of 500 (the recorder)", events, () -> chained(store, 1, events, 500));
            report("chained, 4 writers, batches of 100", events, () -> chained(store, 4, events, 100));
            report("chained, 1 event per transaction (admin changes)", 5_000, () -> chained(store, 1, 5_000, 1));
            System.out.println();
            System.out.printf(Locale.ROOT, "Chained / unchained throughput, recorder shape: %.2f%n", recorder / unchained);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double report(String scenario, int events, Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = events / seconds;
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %,.0f |%n", scenario, events, seconds, rate);
        return rate;
    }

    private static void warmUp(ScratchStore store) throws Exception {
        chained(store, 1, 20_000, 500);
        unchained(store, 20_000, 500);
    }

    private static void chained(ScratchStore store, int writers, int events, int batchSize) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        int perWriter = events / writers;
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                try (Connection c = store.application()) {
                    c.setAutoCommit(false);
                    for (int sent = 0; sent < perWriter; sent += batchSize) {
                        AuditEventBatch batch = new AuditEventBatch(c);
                        for (int i = 0; i < Math.min(batchSize, perWriter - sent); i++) {
                            batch.add(Instant.now(), ACTOR, "statement.executed", "connection", null, "bench", "success", details(sent + i));
                        }
                        batch.execute();
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** What AuditEventBatch did before the chain: one unnest insert, no lock, no head, no hashes. */
    private static void unchained(ScratchStore store, int events, int batchSize) throws SQLException {
        String insert = "insert into audit_event_unchained (occurred_at, actor, actor_kind, client_address, action, target_type,"
                + " target_id, target_name, outcome, details) select r.a::timestamptz, r.b, r.c, r.d, r.e, r.f, r.g, r.h, r.i, r.j::jsonb"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[]) as r(a, b, c, d, e, f, g, h, i, j)";
        try (Connection c = store.application()) {
            c.setAutoCommit(false);
            for (int sent = 0; sent < events; sent += batchSize) {
                int n = Math.min(batchSize, events - sent);
                String[][] columns = new String[10][n];
                for (int i = 0; i < n; i++) {
                    String[] row = {Instant.now().toString(), ACTOR.name(), ACTOR.kind(), ACTOR.clientAddress(), "statement.executed",
                        "connection", null, "bench", "success", AuditJson.of(details(sent + i))};
                    for (int col = 0; col < 10; col++) {
                        columns[col][i] = row[col];
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    for (int col = 0; col < 10; col++) {
                        ps.setArray(col + 1, c.createArrayOf("text", columns[col]));
                    }
                    ps.executeUpdate();
                }
                c.commit();
            }
        }
    }

    private static final Actor ACTOR = new Actor("bench-agent", "agent", "127.0.0.1:50000");
    private static final String SESSION = UUID.randomUUID().toString();

    /** The details of a recorded statement, as RecordingBatchWriter writes them. */
    private static Map<String, Object> details(int sequence) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionId", SESSION);
        details.put("sequence", sequence);
        details.put("protocolMode", "extended");
        details.put("sql_sha256", "5d41402abc4b2a76b9719d911017c592b6bdf5e1f8e0f3b2d2e1a9e7c3b4a5f6");
        details.put("parameters_sha256", "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3b2d2e1a9e7c3b4a5f6e7d8c9");
        details.put("parameterCount", 1);
        details.put("commandTags", List.of("SELECT 1"));
        details.put("rows", 1);
        details.put("durationMicros", 120);
        details.put("sqlState", null);
        details.put("error", null);
        details.put("decision", "ALLOW");
        details.put("decisionRule", null);
        return details;
    }
}
