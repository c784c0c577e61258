package dev.gatehouse.evidence.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.ScratchStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 30-second reuse, on a real store: reloads inside it cost no query; the first after it sees new rows. */
class ComplianceDashboardTest {

    static ScratchStore store;

    @BeforeAll
    static void create() throws SQLException {
        store = ScratchStore.create("gh_dashboard_cache_test");
    }

    @AfterAll
    static void drop() throws SQLException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aSnapshotIsReusedForThirtySecondsThenReadAgain() throws SQLException {
        MovableClock clock = new MovableClock(Instant.parse("2026-05-20T10:00:00Z"));
        AtomicInteger reads = new AtomicInteger();
        ComplianceDashboard dashboard = new ComplianceDashboard(() -> {
            reads.incrementAndGet();
            return store.application();
        }, clock);

        ComplianceSnapshot first = dashboard.snapshot();
        assertThat(first.failedVerifications().total()).isZero();
        seedFailedVerification(clock.instant().minusSeconds(60));

        clock.advance(Duration.ofSeconds(29));
        for (int reload = 0; reload < 50; reload++) {
            assertThat(dashboard.snapshot()).isSameAs(first);
        }
        assertThat(reads).as("a refresh storm inside 30 s reads the store once").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        ComplianceSnapshot second = dashboard.snapshot();
        assertThat(reads).hasValue(2);
        assertThat(second.takenAt()).isEqualTo(Instant.parse("2026-05-20T10:00:30Z"));
        assertThat(second.failedVerifications().total()).isEqualTo(1);
    }

    private static void seedFailedVerification(Instant at) throws SQLException {
        try (Connection owner = store.owner()) {
            owner.setAutoCommit(false);
            new DashboardSeed(owner).verified("dora", false, at).flushAudit();
            owner.commit();
        }
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
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
    }
}
