package dev.gatehouse.proxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.AccessPolicy;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingAccessPolicyTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final AccessPolicy counting = (identity, connection) -> {
        calls.incrementAndGet();
        return new AllowListAccessPolicy().decide(identity, connection);
    };

    @Test
    void repeatsAreAnsweredFromTheCache() {
        CachingAccessPolicy cached = new CachingAccessPolicy(counting, Duration.ofMinutes(1), 100, Clock.systemUTC());
        Identity eve = AllowListAccessPolicyTest.human("eve", Set.of("gatehouse-user"), Set.of());
        Connection payments = AllowListAccessPolicyTest.connection(Set.of("gatehouse-user"));
        AccessDecision first = cached.decide(eve, payments);
        AccessDecision second = cached.decide(eve, payments);
        assertThat(second).isEqualTo(first);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aChangedAllowListOrChangedRolesIsDecidedAfreshAtOnce() {
        CachingAccessPolicy cached = new CachingAccessPolicy(counting, Duration.ofHours(1), 100, Clock.systemUTC());
        Identity eve = AllowListAccessPolicyTest.human("eve", Set.of("gatehouse-user"), Set.of());
        assertThat(cached.decide(eve, AllowListAccessPolicyTest.connection(Set.of("gatehouse-user"))).allowed()).isTrue();
        assertThat(cached.decide(eve, AllowListAccessPolicyTest.connection(Set.of("gatehouse-admin"))).allowed())
                .as("grant revoked: must not be served from the cache").isFalse();
        Identity demoted = AllowListAccessPolicyTest.human("eve", Set.of(), Set.of());
        assertThat(cached.decide(demoted, AllowListAccessPolicyTest.connection(Set.of("gatehouse-user"))).allowed()).isFalse();
    }

    @Test
    void entriesExpire() {
        MutableClock clock = new MutableClock();
        CachingAccessPolicy cached = new CachingAccessPolicy(counting, Duration.ofSeconds(10), 100, clock);
        Identity eve = AllowListAccessPolicyTest.human("eve", Set.of("gatehouse-user"), Set.of());
        Connection payments = AllowListAccessPolicyTest.connection(Set.of("gatehouse-user"));
        cached.decide(eve, payments);
        clock.advance(Duration.ofSeconds(11));
        cached.decide(eve, payments);
        assertThat(calls).hasValue(2);
    }

    @Test
    void theCacheStaysBounded() {
        CachingAccessPolicy cached = new CachingAccessPolicy(counting, Duration.ofHours(1), 10, Clock.systemUTC());
        Connection payments = AllowListAccessPolicyTest.connection(Set.of("gatehouse-user"));
        for (int i = 0; i < 100; i++) {
            cached.decide(AllowListAccessPolicyTest.human("user" + i, Set.of("gatehouse-user"), Set.of()), payments);
        }
        assertThat(cached.size()).isLessThanOrEqualTo(10);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
