package dev.gatehouse.proxy.bench;

import dev.gatehouse.proxy.GatewayServices;
import dev.gatehouse.proxy.access.AllowListAccessPolicy;
import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.GuardrailRules;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.MaskingRules;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.protocol.postgres.PostgresProtocolEngine;
import dev.gatehouse.proxy.protocol.postgres.PostgresSettings;
import dev.gatehouse.proxy.recording.RecordingPipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The proxy alone for bench/masking-1m.sh: connection {@code bench_plain} without masking and
 * {@code bench_masked} with three column rules on {@code bench_rows} (ssn, email, pan), both on the
 * same target; {@code bench_content} adds every content detector on top. Samples the live heap
 * (what the last collection left in each heap pool) and writes its baseline and peak to a file;
 * touching {@code <file>.reset} starts a new measurement after a full GC.
 *
 * <p>Usage: {@code MaskingBenchGateway <listen port> <target host> <target port> <database> <user> <heap file>}
 */
public final class MaskingBenchGateway {

    private static volatile long baseline;
    private static volatile long peak;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String host = args[1];
        int targetPort = Integer.parseInt(args[2]);
        Path heapFile = Path.of(args[5]);
        Map<String, Connection> connections = Map.of(
                "bench_plain", connection("bench_plain", host, targetPort, args[3], args[4]),
                "bench_masked", connection("bench_masked", host, targetPort, args[3], args[4]),
                "bench_content", connection("bench_content", host, targetPort, args[3], args[4]));
        Identity identity = new Identity("bench", "bench", "bench", IdentityKind.AGENT, Set.of("bench"), Set.of(), "bench",
                Instant.now(), Instant.now().plusSeconds(86_400), "bench");
        MaskingPolicy masked = new MaskingPolicy(columnRules(), Map.of());
        List<MaskingRule> withContent = new ArrayList<>(columnRules());
        for (Detector.Kind kind : Detector.Kind.values()) {
            withContent.add(new MaskingRule("c-" + kind.ruleName(), kind.ruleName(), new MaskTarget.Content(new Detector.BuiltIn(kind)),
                    new MaskMethod.Redact("[" + kind.ruleName() + "]")));
        }
        MaskingPolicy content = new MaskingPolicy(withContent, Map.of());
        MaskingRules masking = (who, connection) -> CompletableFuture.completedFuture(switch (connection.name()) {
            case "bench_masked" -> masked;
            case "bench_content" -> content;
            default -> MaskingPolicy.NONE;
        });
        RecordingPipeline recording = new RecordingPipeline(batch -> { }, 50_000, 500);
        GatewayServices services = new GatewayServices(token -> CompletableFuture.completedFuture(identity),
                name -> CompletableFuture.completedFuture(Optional.ofNullable(connections.get(name))), new AllowListAccessPolicy(),
                name -> Optional.of(new char[0]), recording, Executors.newFixedThreadPool(2), GuardrailRules.NONE,
                // Lineage on, as in production (docs/adr/0018); -Dbench.lineage=off gives the planning before it, for same-run ratios.
                "off".equals(System.getProperty("bench.lineage")) ? null : dev.gatehouse.proxy.sql.PostgresSqlAnalyzer.withDefaults(),
                ApprovalGate.UNAVAILABLE, masking, null);
        PostgresProtocolEngine engine = new PostgresProtocolEngine(new PostgresSettings("127.0.0.1", port, null, true,
                1024 * 1024, Duration.ofSeconds(10), 200), services, 1);
        engine.start();
        resetHeap();
        Thread.ofPlatform().daemon().start(() -> sampleHeap(heapFile));
        System.out.println("masking bench gateway on " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> engine.stop(Duration.ofSeconds(1))));
        Thread.currentThread().join();
    }

    private static Connection connection(String name, String host, int port, String database, String user) {
        return new Connection(name, ConnectionType.POSTGRES, host, port, database, user, TlsMode.DISABLE, Map.of(), Set.of("bench"), false);
    }

    private static List<MaskingRule> columnRules() {
        return List.of(column("ssn", new MaskMethod.Partial(0, 4, '*')), column("email", new MaskMethod.Redact("<email>")),
                column("pan", new MaskMethod.Partial(0, 4, '*')));
    }

    private static MaskingRule column(String column, MaskMethod method) {
        return new MaskingRule("bench-" + column, column, new MaskTarget.Column(new CatalogColumn("public", "bench_rows", column)), method);
    }

    /** The heap the last collection of each pool left: live data, not garbage waiting for a GC. */
    private static long liveHeap() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        return live;
    }

    private static void resetHeap() {
        System.gc();
        baseline = liveHeap();
        peak = baseline;
    }

    private static void sampleHeap(Path file) {
        Path trigger = Path.of(file + ".reset");
        while (true) {
            try {
                if (Files.deleteIfExists(trigger)) {
                    resetHeap();
                }
                peak = Math.max(peak, liveHeap());
                Files.writeString(file, baseline + " " + peak + "\n");
                Thread.sleep(20);
            } catch (Exception e) {
                return;
            }
        }
    }
}
