package dev.gatehouse.proxy.bench;

import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.GuardrailRules;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.policy.GuardrailEngine;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.policy.SessionGuard;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What guardrails cost per statement, by path: a cold parse with PostgreSQL's parser, a decision
 * from the exact-text cache, one from the statement-shape cache (same statement, other literals),
 * and the rule evaluation alone. Single-threaded, after warm-up; run by bench/guardrails.sh.
 */
public final class GuardrailBench {

    private static final List<String> STATEMENTS = List.of(
            "SELECT abalance FROM pgbench_accounts WHERE aid = $1",
            "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
            "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)",
            "select o.id, o.total, c.name from orders o join customers c on c.id = o.customer_id where o.created_at > now() - interval '1 day' order by o.total desc limit 50",
            "WITH recent AS (SELECT * FROM events WHERE at > $1) SELECT kind, count(*) FROM recent GROUP BY kind",
            "DELETE FROM sessions WHERE expires_at < now()",
            "BEGIN", "COMMIT");

    private GuardrailBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<GuardrailRule> rules = new ArrayList<>();
        for (String pack : List.of(RulePacks.NO_DESTRUCTIVE_DDL, RulePacks.NO_UNBOUNDED_WRITES, RulePacks.NO_SERVER_FILE_ACCESS)) {
            rules.addAll(RulePacks.all().get(pack));
        }
        RuleSet ruleSet = new RuleSet(rules, false);
        Identity agent = new Identity("sub", "service-account-ci-agent", "ci-agent", IdentityKind.AGENT, Set.of("gatehouse-user"),
                Set.of(), "jti", Instant.now(), Instant.now().plusSeconds(300), "oidc-access-token");
        Connection connection = new Connection("bench", ConnectionType.POSTGRES, "127.0.0.1", 5432, "db", "postgres", TlsMode.DISABLE,
                Map.of(), Set.of(), false);
        GuardrailRules source = c -> CompletableFuture.completedFuture(ruleSet);
        try (PostgresSqlAnalyzer analyzer = new PostgresSqlAnalyzer(1, 100_000, Thread::new)) {
            SessionGuard guard = new SessionGuard(agent, connection, source, analyzer, ApprovalGate.UNAVAILABLE, Clock.systemUTC());
            analyzer.analyzeNow("SELECT 1");
            System.out.println("| round | cold parse µs | cached decision µs | same shape, new literal µs | rules alone µs |");
            System.out.println("|---:|---:|---:|---:|---:|");
            long unique = 0;
            for (int round = 1; round <= rounds; round++) {
                // Cold: a comment makes every text new and unshapeable, so each one is parsed.
                int cold = 2_000;
                long start = System.nanoTime();
                for (int i = 0; i < cold; i++) {
                    analyzer.analyzeNow(STATEMENTS.get(i % STATEMENTS.size()) + " /* " + unique++ + " */");
                }
                double coldMicros = (System.nanoTime() - start) / 1_000.0 / cold;

                int warm = 400_000;
                start = System.nanoTime();
                for (int i = 0; i < warm; i++) {
                    guard.check(STATEMENTS.get(i % STATEMENTS.size())).join();
                }
                double cachedMicros = (System.nanoTime() - start) / 1_000.0 / warm;

                for (int i = 0; i < 10; i++) {
                    analyzer.analyzeNow("SELECT abalance FROM pgbench_accounts WHERE aid = " + i + ";");
                }
                start = System.nanoTime();
                for (int i = 0; i < warm; i++) {
                    guard.check("SELECT abalance FROM pgbench_accounts WHERE aid = " + (i * 7919 % 1_000_000) + ";").join();
                }
                double shapeMicros = (System.nanoTime() - start) / 1_000.0 / warm;

                SqlAnalysis parsed = analyzer.analyzeNow(STATEMENTS.get(3));
                Instant now = Instant.now();
                start = System.nanoTime();
                int decisions = 2_000_000;
                int allowed = 0;
                for (int i = 0; i < decisions; i++) {
                    allowed += GuardrailEngine.decide(ruleSet, agent, parsed, Map.of(), now).permitsExecution() ? 1 : 0;
                }
                double rulesMicros = (System.nanoTime() - start) / 1_000.0 / decisions;
                if (allowed != decisions) {
                    throw new IllegalStateException("the bench statement should be allowed");
                }
                System.out.printf("| %d | %.0f | %.2f | %.2f | %.3f |%n", round, coldMicros, cachedMicros, shapeMicros, rulesMicros);
            }
        }
    }
}
