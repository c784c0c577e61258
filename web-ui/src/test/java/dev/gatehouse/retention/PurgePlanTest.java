package dev.gatehouse.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PurgePlanTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void aConnectionWithoutItsOwnPolicyGetsTheDefaultCutoffs() {
        PurgePlan plan = PurgePlan.of(List.of(policy("*", 400, 400, 400), policy("payments", 30, 60, 90)), NOW);

        assertThat(plan.cutoffsFor("reporting")).isEqualTo(new RetentionPeriods(400, 400, 400).cutoffs(NOW));
        assertThat(plan.cutoffsFor(null)).as("events about no connection").isEqualTo(plan.defaults());
        assertThat(plan.cutoffsFor("payments").payload()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(plan.cutoffsFor("payments").recording()).isEqualTo(NOW.minus(Duration.ofDays(60)));
        assertThat(plan.cutoffsFor("payments").audit()).isEqualTo(NOW.minus(Duration.ofDays(90)));
    }

    @Test
    void theLatestCutoffIsTheShortestPeriodOfAnyPolicy() {
        PurgePlan plan = PurgePlan.of(List.of(policy("*", 100, 200, 300), policy("a", 30, 500, 500), policy("b", 120, 150, 1000)), NOW);

        assertThat(plan.latestPayloadCutoff()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(plan.latestRecordingCutoff()).isEqualTo(NOW.minus(Duration.ofDays(150)));
        assertThat(plan.latestAuditCutoff()).as("the default's, shorter than every own policy").isEqualTo(NOW.minus(Duration.ofDays(300)));
    }

    @Test
    void ownCutoffsComeInTheOrderOfTheirNamesForTheSqlArrays() {
        PurgePlan plan = PurgePlan.of(List.of(policy("*", 400, 400, 400), policy("zeta", 10, 10, 10), policy("alpha", 20, 20, 20)), NOW);

        assertThat(plan.ownConnections()).containsExactly("alpha", "zeta");
        assertThat(plan.ownCutoffs(RetentionCutoffs::payload))
                .containsExactly(NOW.minus(Duration.ofDays(20)).toString(), NOW.minus(Duration.ofDays(10)).toString());
    }

    @Test
    void heldConnectionsAreListedForTheRunsRecord() {
        RetentionPolicy held = policy("evidence", 400, 400, 400);
        held.placeHold("matter 17", "dora", NOW);

        assertThat(PurgePlan.of(List.of(policy("*", 400, 400, 400), held), NOW).heldAtStart()).containsExactly("evidence");
    }

    @Test
    void withoutTheDefaultRowThereIsNoPlan() {
        assertThatThrownBy(() -> PurgePlan.of(List.of(policy("a", 1, 1, 1)), NOW)).hasMessageContaining("'*'");
    }

    private static RetentionPolicy policy(String name, int payload, int recording, int audit) {
        return new RetentionPolicy(name, new RetentionPeriods(payload, recording, audit), "test", NOW);
    }
}
