package dev.gatehouse.audit.siem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.siem.SinkDelivery.Round;
import dev.gatehouse.audit.siem.transport.HttpReceiver;
import dev.gatehouse.audit.siem.transport.SyslogReceiver;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery against real receivers that go down and come back: failures are recorded and backed off,
 * and every event arrives in chain order, once, unless a crash between a send and its cursor update
 * makes one batch go twice.
 */
class SinkDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern SEQ_IN_JSON = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern SEQ_IN_SYSLOG = Pattern.compile("seq=\"(\\d+)\"");

    @TempDir
    Path directory;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final InMemorySinkStore store = new InMemorySinkStore();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aReceiverAnswering503IsRetriedWithBackoffAndThenGetsEveryEventInOrder() throws Exception {
        appendEvents(1, 1_050);
        try (HttpReceiver siem = HttpReceiver.start()) {
            ConfiguredSink sink = store.add(sink(SinkFormat.NDJSON, SinkTransportKind.HTTP, siem.uri("/ingest").toString())).settings;
            SinkDelivery delivery = delivery(sink.id(), 100, Backoff.STANDARD);
            siem.answer(503, "{\"text\":\"busy\"}");

            List<Duration> waits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                assertThat(delivery.deliverOnce()).isEqualTo(Round.FAILED);
                waits.add(delivery.delayAfter(Round.FAILED));
            }
            assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
            InMemorySinkStore.Row row = store.row(sink.id());
            assertThat(row.failures).isEqualTo(4);
            assertThat(row.lastError).startsWith("IOException: HTTP 503 from ").contains("busy");
            assertThat(row.lastAttempt).isNotNull();
            assertThat(row.cursor).as("nothing moves while failing").isZero();

            siem.answer(200, "{}");
            List<Round> rounds = new ArrayList<>();
            Round round;
            do {
                round = delivery.deliverOnce();
                rounds.add(round);
            } while (round == Round.MORE);

            assertThat(rounds).hasSize(11).endsWith(Round.CAUGHT_UP);
            assertThat(seqs(siem.lines(), SEQ_IN_JSON)).isEqualTo(range(1, 1_050));
            assertThat(row.cursor).isEqualTo(1_050);
            assertThat(row.delivered).isEqualTo(1_050);
            assertThat(row.failures).isZero();
            assertThat(row.lastError).isNull();
            assertThat(delivery.deliverOnce()).isEqualTo(Round.IDLE);
            assertThat(siem.requests()).hasSize(11);
            delivery.close();
        }
    }

    @Test
    void aCollectorWhosePortIsClosedIsRetriedUntilItListensAndLosesNothing() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        appendEvents(1, 300);
        ConfiguredSink sink = store.add(sink(SinkFormat.CEF, SinkTransportKind.TCP, "127.0.0.1:" + port)).settings;
        try (SinkWorkers workers = workers(sink.id(), 50, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)))) {
            workers.start();
            awaitTrue(() -> store.row(sink.id()).failures >= 3);
            assertThat(store.row(sink.id()).lastError).contains("ConnectException");
            assertThat(store.row(sink.id()).cursor).isZero();

            try (SyslogReceiver collector = SyslogReceiver.tcp(port)) {
                List<String> received = collector.awaitMessages(300, WAIT);
                appendEvents(301, 320);
                received = collector.awaitMessages(320, WAIT);

                assertThat(seqs(received, SEQ_IN_SYSLOG)).isEqualTo(range(1, 320));
                assertThat(collector.framingErrors()).isEmpty();
                awaitTrue(() -> store.row(sink.id()).cursor == 320);
                assertThat(store.row(sink.id()).failures).isZero();
            }
        }
    }

    @Test
    void aCrashBetweenSendAndCursorUpdateSendsThatBatchAgainAndNothingElse() throws Exception {
        appendEvents(1, 25);
        try (HttpReceiver siem = HttpReceiver.start()) {
            ConfiguredSink sink = store.add(sink(SinkFormat.OCSF, SinkTransportKind.HTTP, siem.uri("/ocsf").toString())).settings;
            SinkDelivery delivery = delivery(sink.id(), 10, Backoff.STANDARD);

            assertThat(delivery.deliverOnce()).isEqualTo(Round.MORE);
            store.failNextCommit();
            assertThat(delivery.deliverOnce()).as("sent, but the cursor did not move").isEqualTo(Round.FAILED);
            while (delivery.deliverOnce() == Round.MORE) {
                // drain
            }

            List<Long> expected = new ArrayList<>(range(1, 10));
            expected.addAll(range(11, 20));
            expected.addAll(range(11, 25));
            assertThat(seqs(siem.lines(), Pattern.compile("\"sequence\":(\\d+)"))).isEqualTo(expected);
            assertThat(store.row(sink.id()).cursor).isEqualTo(25);
        }
    }

    @Test
    void twoNodesSharingTheStoreNeverDeliverTheSameSinkAtOnce() throws Exception {
        try (HttpReceiver siem = HttpReceiver.start()) {
            ConfiguredSink sink = store.add(sink(SinkFormat.NDJSON, SinkTransportKind.HTTP, siem.uri("/").toString())).settings;
            Backoff quick = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
            try (SinkWorkers nodeA = workers(sink.id(), 7, quick); SinkWorkers nodeB = workers(sink.id(), 7, quick)) {
                nodeA.start();
                nodeB.start();
                for (int burst = 0; burst < 10; burst++) {
                    appendEvents(burst * 40 + 1, burst * 40 + 40);
                    Thread.sleep(15);
                }
                List<String> lines = siem.awaitLines(400, WAIT);

                assertThat(seqs(lines, SEQ_IN_JSON)).isEqualTo(range(1, 400));
                assertThat(store.overlappingClaims).hasValue(0);
            }
        }
    }

    @Test
    void aDisabledSinkStopsAndResumesFromItsCursorWhenEnabledAgain() throws Exception {
        appendEvents(1, 5);
        try (HttpReceiver siem = HttpReceiver.start()) {
            ConfiguredSink sink = store.add(sink(SinkFormat.NDJSON, SinkTransportKind.HTTP, siem.uri("/").toString())).settings;
            try (SinkWorkers workers = workers(sink.id(), 100, Backoff.STANDARD)) {
                workers.start();
                siem.awaitLines(5, WAIT);
                InMemorySinkStore.Row row = store.row(sink.id());

                row.settings = changed(row.settings, false);
                awaitTrue(() -> workers.running() == 0);
                appendEvents(6, 9);
                Thread.sleep(200);
                assertThat(siem.lines()).hasSize(5);

                row.settings = changed(row.settings, true);
                List<String> lines = siem.awaitLines(9, WAIT);
                assertThat(seqs(lines, SEQ_IN_JSON)).isEqualTo(range(1, 9));
            }
        }
    }

    @Test
    void aDeletedSinkEndsItsWorker() throws Exception {
        try (HttpReceiver siem = HttpReceiver.start()) {
            ConfiguredSink sink = store.add(sink(SinkFormat.NDJSON, SinkTransportKind.HTTP, siem.uri("/").toString())).settings;
            SinkDelivery delivery = delivery(sink.id(), 10, Backoff.STANDARD);
            store.remove(sink.id());

            assertThat(delivery.deliverOnce()).isEqualTo(Round.STOPPED);
            assertThat(delivery.delayAfter(Round.STOPPED)).isNull();
        }
    }

    private SinkDelivery delivery(UUID sinkId, int batch, Backoff backoff) {
        return new SinkDelivery(sinkId, store, channels(), batch, Duration.ofMillis(20), backoff, Clock.systemUTC());
    }

    private SinkWorkers workers(UUID sinkId, int batch, Backoff backoff) {
        return new SinkWorkers(store, id -> new SinkDelivery(id, store, channels(), batch, Duration.ofMillis(20), backoff, Clock.systemUTC()),
                scheduler, Duration.ofMillis(20));
    }

    private SinkChannels channels() {
        return new SinkChannels(SinkChannelsTest.ORIGIN, directory, sealed -> sealed, Duration.ofSeconds(5), scheduler);
    }

    private void appendEvents(long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            store.append(SampleEvents.simple(seq, "connection.updated", "alice", "human", "connection", "c-1", "payments", "success",
                    Map.of("changedFields", List.of("port"), "port", new BigDecimal(seq))));
        }
    }

    private static ConfiguredSink sink(SinkFormat format, SinkTransportKind transport, String endpoint) {
        return new ConfiguredSink(UUID.randomUUID(), "test", format, transport, endpoint, null, null, true, 0, 0, Instant.now());
    }

    private static ConfiguredSink changed(ConfiguredSink s, boolean enabled) {
        return new ConfiguredSink(s.id(), s.name(), s.format(), s.transport(), s.endpoint(), s.sealedToken(), s.tlsCaCertificate(), enabled,
                s.cursorSeq(), s.consecutiveFailures(), s.updatedAt().plusMillis(1));
    }

    private static List<Long> seqs(List<String> records, Pattern seq) {
        List<Long> found = new ArrayList<>();
        for (String record : records) {
            Matcher m = seq.matcher(record);
            if (m.find()) {
                found.add(Long.parseLong(m.group(1)));
            }
        }
        return found;
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            values.add(v);
        }
        return values;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(10);
        }
    }
}
