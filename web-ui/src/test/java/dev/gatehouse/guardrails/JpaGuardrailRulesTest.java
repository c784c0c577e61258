package dev.gatehouse.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.policy.RuleSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JpaGuardrailRulesTest {

    private final List<Runnable> queued = new ArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();
    private RuntimeException failure;
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Function<String, RuleSet> loader = name -> {
        loads.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return EffectiveRules.of(List.of(), List.of(EffectiveRulesTest.rule("g", "DENY", null, 1, true)), false);
    };
    private final JpaGuardrailRules rules = new JpaGuardrailRules(loader, queued::add, clock);

    @Test
    void aMissLoadsOnTheExecutorAndAHitIsAlreadyComplete() {
        CompletableFuture<RuleSet> first = rules.rulesFor(connection("orders")).toCompletableFuture();
        assertThat(first).isNotDone();
        assertThat(loads).hasValue(0);
        runQueued();
        assertThat(first.join().rules()).hasSize(1);

        CompletableFuture<RuleSet> second = rules.rulesFor(connection("orders")).toCompletableFuture();
        assertThat(second).as("answered on the caller's thread from the cache").isDone();
        assertThat(queued).isEmpty();
        assertThat(loads).hasValue(1);
    }

    @Test
    void concurrentMissesShareOneLoad() {
        var a = rules.rulesFor(connection("orders")).toCompletableFuture();
        var b = rules.rulesFor(connection("orders")).toCompletableFuture();
        runQueued();
        assertThat(a.join()).isEqualTo(b.join());
        assertThat(loads).hasValue(1);
    }

    @Test
    void entriesExpireAfterTheTtl() {
        rules.rulesFor(connection("orders"));
        runQueued();
        now = now.plus(JpaGuardrailRules.TTL).plusMillis(1);
        assertThat(rules.rulesFor(connection("orders")).toCompletableFuture()).isNotDone();
        runQueued();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aChangeIsSeenAtOnce() {
        rules.rulesFor(connection("orders"));
        runQueued();
        rules.forgetAll(new GuardrailsChanged(null, "created"));
        assertThat(rules.rulesFor(connection("orders")).toCompletableFuture()).isNotDone();
        runQueued();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aLoadInFlightDuringAChangeIsNotServedAfterIt() {
        var before = rules.rulesFor(connection("orders")).toCompletableFuture();
        rules.forgetAll(new GuardrailsChanged("orders", "updated"));
        var after = rules.rulesFor(connection("orders")).toCompletableFuture();
        runQueued();
        assertThat(before).isDone();
        assertThat(after).isDone();
        assertThat(loads).as("the lookup after the change read again").hasValue(2);
    }

    @Test
    void aFailedLoadFailsTheStageAndIsNotCached() {
        failure = new IllegalStateException("store down");
        var failed = rules.rulesFor(connection("orders")).toCompletableFuture();
        runQueued();
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("store down");

        failure = null;
        var retried = rules.rulesFor(connection("orders")).toCompletableFuture();
        runQueued();
        assertThat(retried.join().guarded()).isTrue();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aRejectedLoadFailsTheStage() {
        JpaGuardrailRules rejecting = new JpaGuardrailRules(loader, task -> {
            throw new java.util.concurrent.RejectedExecutionException("shutting down");
        }, clock);
        assertThat(rejecting.rulesFor(connection("orders")).toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void callersCannotSpoilTheSharedAnswer() {
        rules.rulesFor(connection("orders")).toCompletableFuture().cancel(true);
        var other = rules.rulesFor(connection("orders")).toCompletableFuture();
        runQueued();
        assertThat(other.join().guarded()).isTrue();
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    private static Connection connection(String name) {
        return new Connection(name, ConnectionType.POSTGRES, "h", 5432, "d", "u", TlsMode.DISABLE, Map.of(), Set.of(), false);
    }
}
