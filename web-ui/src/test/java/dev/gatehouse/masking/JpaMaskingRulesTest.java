package dev.gatehouse.masking;

import static dev.gatehouse.masking.MaskingSnapshotTest.EVE;
import static dev.gatehouse.masking.MaskingSnapshotTest.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JpaMaskingRulesTest {

    private Instant now = MaskingSnapshotTest.NOW;
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
    private final List<Runnable> queued = new ArrayList<>();
    private final List<Duration> scheduledDelays = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final ScopedRule ssn = MaskingSnapshotTest.rule("ssn", "*", Set.of(), new MaskMethod.Redact("***"));
    private final ExemptionGrant eveForThreeSeconds = MaskingSnapshotTest.grant("eve", "*", List.of(), now.minusSeconds(1), now.plusSeconds(3));
    private final JpaMaskingRules rules = new JpaMaskingRules(at -> {
        loads.incrementAndGet();
        return new MaskingSnapshot(List.of(ssn), List.of(eveForThreeSeconds), Map.of());
    }, queued::add, (task, delay) -> {
        scheduled.add(task);
        scheduledDelays.add(delay);
        return CompletableFuture.completedFuture(null);
    }, clock);

    @Test
    void theStoreIsReadOffTheCallersThreadOnceAndThenAnsweredFromTheCache() {
        CompletableFuture<MaskingPolicy> first = rules.policyFor(EVE, PAYMENTS).toCompletableFuture();
        assertThat(first).isNotDone();
        runQueued();
        assertThat(first.join()).as("eve's grant lifts the rule").isEqualTo(MaskingPolicy.NONE);

        CompletableFuture<MaskingPolicy> again = rules.policyFor(MaskingSnapshotTest.ALICE, PAYMENTS).toCompletableFuture();
        assertThat(again).as("answered from the cache on the caller's thread").isDone();
        assertThat(again.join().rules()).hasSize(1);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aGrantStopsApplyingAtItsEndEvenBeforeTheTimerDropsTheSnapshot() {
        rules.policyFor(EVE, PAYMENTS);
        runQueued();
        assertThat(scheduledDelays).containsExactly(Duration.ofSeconds(3));

        now = now.plusSeconds(3);
        CompletableFuture<MaskingPolicy> atTheEnd = rules.policyFor(EVE, PAYMENTS).toCompletableFuture();
        assertThat(atTheEnd).as("still the cached snapshot").isDone();
        assertThat(atTheEnd.join().rules()).as("judged by the clock: masked again the moment the grant ends").hasSize(1);

        scheduled.get(0).run();
        rules.policyFor(EVE, PAYMENTS);
        assertThat(queued).as("the boundary also drops the cached snapshot").hasSize(1);
    }

    @Test
    void theSamePolicyInstanceIsAnsweredWhileNothingChangesSoSessionsKeepTheirMasking() {
        rules.policyFor(MaskingSnapshotTest.ALICE, PAYMENTS);
        runQueued();
        MaskingPolicy first = rules.policyFor(MaskingSnapshotTest.ALICE, PAYMENTS).toCompletableFuture().join();
        now = now.plusSeconds(1);

        assertThat(rules.policyFor(MaskingSnapshotTest.ALICE, PAYMENTS).toCompletableFuture().join()).isSameAs(first);
        assertThat(rules.policyFor(EVE, PAYMENTS).toCompletableFuture().join()).as("another scope, another policy").isNotSameAs(first);

        rules.changed(new MaskingChanged("rule", "created"));
        rules.policyFor(MaskingSnapshotTest.ALICE, PAYMENTS);
        runQueued();
        assertThat(rules.policyFor(MaskingSnapshotTest.ALICE, PAYMENTS).toCompletableFuture().join())
                .as("a change compiles anew").isNotSameAs(first);
    }

    @Test
    void aChangeDropsTheSnapshot() {
        rules.policyFor(EVE, PAYMENTS);
        runQueued();
        rules.changed(new MaskingChanged("rule", "created"));
        assertThat(rules.policyFor(EVE, PAYMENTS).toCompletableFuture()).isNotDone();
        runQueued();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aFailedLoadFailsTheStageSoTheDataPathRefusesResults() {
        JpaMaskingRules broken = new JpaMaskingRules(at -> {
            throw new IllegalStateException("store down");
        }, Runnable::run, (task, delay) -> null, clock);
        assertThat(broken.policyFor(EVE, PAYMENTS).toCompletableFuture()).isCompletedExceptionally();
    }

    private void runQueued() {
        List<Runnable> tasks = new ArrayList<>(queued);
        queued.clear();
        tasks.forEach(Runnable::run);
    }
}
