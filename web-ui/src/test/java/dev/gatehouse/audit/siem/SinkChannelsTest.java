package dev.gatehouse.audit.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.audit.siem.format.CefSyslogFormat;
import dev.gatehouse.audit.siem.format.HecFormat;
import dev.gatehouse.audit.siem.format.NdjsonFormat;
import dev.gatehouse.audit.siem.transport.HttpReceiver;
import dev.gatehouse.audit.siem.transport.SyslogReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formats, transports and tokens put together as a sink's settings say, against real local receivers. */
class SinkChannelsTest {

    static final ExportOrigin ORIGIN = new ExportOrigin("gw-test", "0.0.1");
    static final String TOKEN = "hec-token-0f9e8d7c";

    @TempDir
    Path directory;

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        watchdog.shutdownNow();
    }

    @Test
    void hecPostsEnvelopesWithTheSplunkToken() throws Exception {
        List<ExportedEvent> events = List.of(SampleEvents.connectionCreated(), SampleEvents.statementExecuted());
        try (HttpReceiver splunk = HttpReceiver.start();
                SinkChannel channel = channels().open(sink(SinkFormat.HEC, SinkTransportKind.HTTP,
                        splunk.uri("/services/collector/event").toString(), "sealed:" + TOKEN))) {
            channel.send(events);

            HttpReceiver.Request request = splunk.requests().getFirst();
            assertThat(request.path()).isEqualTo("/services/collector/event");
            assertThat(request.authorization()).isEqualTo("Splunk " + TOKEN);
            assertThat(request.contentType()).isEqualTo("application/json");
            HecFormat hec = new HecFormat(ORIGIN);
            assertThat(request.body()).isEqualTo(hec.render(events.get(0)) + "\n" + hec.render(events.get(1)) + "\n");
        }
    }

    @Test
    void ndjsonOverHttpSendsABearerTokenOnlyWhenOneIsSet() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start()) {
            try (SinkChannel withToken = channels().open(sink(SinkFormat.NDJSON, SinkTransportKind.HTTP, receiver.uri("/a").toString(),
                    "sealed:" + TOKEN));
                    SinkChannel without = channels().open(sink(SinkFormat.NDJSON, SinkTransportKind.HTTP, receiver.uri("/b").toString(), null))) {
                withToken.send(List.of(SampleEvents.connectionCreated()));
                without.send(List.of(SampleEvents.connectionCreated()));
            }
            assertThat(receiver.requests()).extracting(HttpReceiver.Request::authorization).containsExactly("Bearer " + TOKEN, null);
            assertThat(receiver.requests().getFirst().body()).isEqualTo(new NdjsonFormat().render(SampleEvents.connectionCreated()) + "\n");
            assertThat(receiver.requests().getFirst().contentType()).isEqualTo("application/x-ndjson");
        }
    }

    @Test
    void cefOverTcpArrivesAsOctetCountedSyslogMessages() throws Exception {
        List<ExportedEvent> events = List.of(SampleEvents.statementBlocked(), SampleEvents.connectionCreated());
        try (SyslogReceiver collector = SyslogReceiver.tcp(0);
                SinkChannel channel = channels().open(sink(SinkFormat.CEF, SinkTransportKind.TCP, "127.0.0.1:" + collector.port(), null))) {
            channel.send(events);

            CefSyslogFormat cef = new CefSyslogFormat(ORIGIN);
            assertThat(collector.awaitMessages(2, Duration.ofSeconds(10))).containsExactly(cef.render(events.get(0)), cef.render(events.get(1)));
        }
    }

    @Test
    void aFileSinkWritesInsideTheExportDirectoryOnly() throws Exception {
        try (SinkChannel channel = channels().open(sink(SinkFormat.OCSF, SinkTransportKind.FILE, "ocsf/audit.jsonl", null))) {
            channel.send(List.of(SampleEvents.connectionCreated()));
        }
        assertThat(Files.readAllLines(directory.resolve("ocsf/audit.jsonl"))).singleElement().asString().contains("\"class_uid\":6003");

        assertThatThrownBy(() -> channels().open(sink(SinkFormat.OCSF, SinkTransportKind.FILE, "../outside.jsonl", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailureNeverQuotesTheTokenEvenWhenTheReceiverEchoesIt() throws Exception {
        try (HttpReceiver splunk = HttpReceiver.start();
                SinkChannel channel = channels().open(sink(SinkFormat.HEC, SinkTransportKind.HTTP, splunk.uri("/hec").toString(),
                        "sealed:" + TOKEN))) {
            splunk.answer(403, "{\"text\":\"Invalid token " + TOKEN + "\",\"code\":4}");

            IOException failure = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> channel.send(List.of(SampleEvents.connectionCreated())));

            assertThat(channel.describe(failure)).startsWith("IOException: HTTP 403 from ").contains("Invalid token [token]")
                    .doesNotContain(TOKEN);
        }
    }

    SinkChannels channels() {
        return new SinkChannels(ORIGIN, directory, sealed -> sealed.substring("sealed:".length()), Duration.ofSeconds(5), watchdog);
    }

    static ConfiguredSink sink(SinkFormat format, SinkTransportKind transport, String endpoint, String sealedToken) {
        return new ConfiguredSink(UUID.randomUUID(), "test-" + format.wireName(), format, transport, endpoint, sealedToken, null, true, 0, 0,
                Instant.now());
    }
}
