package dev.gatehouse.proxy.bench;

import dev.gatehouse.proxy.GatewayServices;
import dev.gatehouse.proxy.access.AllowListAccessPolicy;
import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.postgres.PostgresProtocolEngine;
import dev.gatehouse.proxy.protocol.postgres.PostgresSettings;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.recording.RecordingPipeline;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy alone, for profiling its hot path without the application around it: any password is
 * accepted, one connection "bench" points at the given target, recorded events are counted and
 * dropped. Not a test and not the product: bench/ measures the product.
 *
 * <p>Usage: {@code StandaloneGateway <listen port> <target host> <target port> <database> <user> [event loops] [guarded]}
 * ({@code guarded}: the no-destructive-ddl, no-unbounded-writes and no-server-file-access packs on "bench").
 */
public final class StandaloneGateway {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Connection bench = new Connection("bench", ConnectionType.POSTGRES, args[1], Integer.parseInt(args[2]), args[3], args[4],
                TlsMode.DISABLE, Map.of(), Set.of("bench"), false);
        Identity identity = new Identity("bench", "bench", "bench", IdentityKind.AGENT, Set.of("bench"), Set.of(), "bench",
                Instant.now(), Instant.now().plusSeconds(86_400), "bench");
        AtomicLong events = new AtomicLong();
        RecordingPipeline recording = new RecordingPipeline(batch -> events.addAndGet(batch.size()), 50_000, 500);
        boolean guarded = args.length > 6 && args[6].equals("guarded");
        List<GuardrailRule> rules = new ArrayList<>();
        if (guarded) {
            for (String pack : List.of(RulePacks.NO_DESTRUCTIVE_DDL, RulePacks.NO_UNBOUNDED_WRITES, RulePacks.NO_SERVER_FILE_ACCESS)) {
                rules.addAll(RulePacks.all().get(pack));
            }
        }
        CompletableFuture<RuleSet> ruleSet = CompletableFuture.completedFuture(new RuleSet(rules, false));
        GatewayServices services = new GatewayServices(token -> CompletableFuture.completedFuture(identity),
                name -> CompletableFuture.completedFuture(Optional.of(bench).filter(c -> c.name().equals(name))),
                new AllowListAccessPolicy(), name -> Optional.of(new char[0]), recording, Executors.newFixedThreadPool(2),
                connection -> ruleSet, PostgresSqlAnalyzer.withDefaults(), ApprovalGate.UNAVAILABLE);
        int loops = args.length > 5 ? Integer.parseInt(args[5]) : Runtime.getRuntime().availableProcessors();
        PostgresProtocolEngine engine = new PostgresProtocolEngine(new PostgresSettings("127.0.0.1", port, null, true,
                1024 * 1024, Duration.ofSeconds(10), 2000), services, loops);
        engine.start();
        System.out.println("standalone gateway on " + port + " with " + loops + " event loops" + (guarded ? ", guarded" : ""));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.stop(Duration.ofSeconds(1));
            System.out.println("events recorded: " + recording.written());
        }));
        Thread.currentThread().join();
    }
}
