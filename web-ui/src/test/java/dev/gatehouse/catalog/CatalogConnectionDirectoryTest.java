package dev.gatehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class CatalogConnectionDirectoryTest {

    private final FakeRepository repository = new FakeRepository();
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor manualExecutor = queued::add;
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
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
    };
    private final CatalogConnectionDirectory directory = new CatalogConnectionDirectory(repository, manualExecutor, clock);

    @Test
    void looksUpOnTheExecutorNotOnTheCallersThread() {
        repository.put("orders", false);
        var answer = directory.find("orders").toCompletableFuture();
        assertThat(answer).isNotDone();
        assertThat(repository.lookups).isZero();
        runQueued();
        assertThat(answer.join()).map(Connection::name).contains("orders");
    }

    @Test
    void answersFromTheCacheUntilTheTtlPasses() {
        repository.put("orders", false);
        find("orders");
        find("orders");
        assertThat(repository.lookups).isEqualTo(1);
        now = now.plus(CatalogConnectionDirectory.TTL);
        find("orders");
        assertThat(repository.lookups).isEqualTo(2);
    }

    @Test
    void concurrentLoginsShareOneLookup() {
        repository.put("orders", false);
        var first = directory.find("orders").toCompletableFuture();
        var second = directory.find("orders").toCompletableFuture();
        runQueued();
        assertThat(repository.lookups).isEqualTo(1);
        assertThat(first.join()).isEqualTo(second.join());
    }

    @Test
    void unknownNamesAreCachedToo() {
        assertThat(find("nope")).isEmpty();
        assertThat(find("nope")).isEmpty();
        assertThat(repository.lookups).isEqualTo(1);
    }

    @Test
    void aCommittedCatalogChangeIsSeenAtOnce() {
        repository.put("orders", false);
        assertThat(find("orders")).map(Connection::requireClientTls).contains(false);
        repository.put("orders", true);
        directory.forgetAll(new ConnectionCatalogChanged("orders", "updated"));
        assertThat(find("orders")).map(Connection::requireClientTls).contains(true);
    }

    @Test
    void aLookupInFlightDuringAChangeIsNotKept() {
        repository.put("orders", false);
        var stale = directory.find("orders").toCompletableFuture();
        directory.forgetAll(new ConnectionCatalogChanged("orders", "updated"));
        runQueued();
        assertThat(stale.join()).isPresent();
        repository.put("orders", true);
        assertThat(find("orders")).map(Connection::requireClientTls).contains(true);
        assertThat(repository.lookups).isEqualTo(2);
    }

    @Test
    void failedLookupsAreNotCached() {
        repository.failing = true;
        var failed = directory.find("orders").toCompletableFuture();
        runQueued();
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class);
        repository.failing = false;
        repository.put("orders", false);
        assertThat(find("orders")).isPresent();
    }

    @Test
    void callersCannotCompleteTheSharedAnswer() {
        repository.put("orders", false);
        directory.find("orders").toCompletableFuture().complete(Optional.empty());
        assertThat(find("orders")).isPresent();
    }

    private Optional<Connection> find(String name) {
        var answer = directory.find(name).toCompletableFuture();
        runQueued();
        return answer.join();
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    private static final class FakeRepository implements TargetConnectionRepository {

        final Map<String, TargetConnection> byName = new HashMap<>();
        int lookups;
        boolean failing;

        void put(String name, boolean requireClientTls) {
            TargetConnection c = new TargetConnection(UUID.randomUUID(), Instant.EPOCH);
            c.applyDetails(new ConnectionDraft(name, "postgres", "db", 5432, "app", "svc", null, false, "prefer", requireClientTls,
                    Map.of(), Set.of("gatehouse-user")), Instant.EPOCH);
            byName.put(name, c);
        }

        @Override
        public Optional<TargetConnection> findByName(String name) {
            lookups++;
            if (failing) {
                throw new IllegalStateException("store down");
            }
            return Optional.ofNullable(byName.get(name));
        }

        @Override
        public Optional<TargetConnection> find(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TargetConnection> findAll() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(TargetConnection connection) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(TargetConnection connection) {
            throw new UnsupportedOperationException();
        }
    }
}
