package dev.gatehouse.audit.siem.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

    @Test
    void aBatchIsOnePostWithOneRecordPerLineAndTheGivenHeaders() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start();
                HttpTransport transport = new HttpTransport(receiver.uri("/ingest"), "application/x-ndjson", "Bearer abc", null,
                        Duration.ofSeconds(5))) {
            transport.send(List.of("{\"seq\":1}", "{\"seq\":2,\"text\":\"é\"}"));

            assertThat(receiver.requests()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/ingest");
                assertThat(request.contentType()).isEqualTo("application/x-ndjson");
                assertThat(request.authorization()).isEqualTo("Bearer abc");
                assertThat(request.body()).isEqualTo("{\"seq\":1}\n{\"seq\":2,\"text\":\"é\"}\n");
            });
        }
    }

    @Test
    void withoutATokenThereIsNoAuthorizationHeader() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start();
                HttpTransport transport = new HttpTransport(receiver.uri("/"), "application/x-ndjson", null, null, Duration.ofSeconds(5))) {
            transport.send(List.of("{}"));

            assertThat(receiver.requests().getFirst().authorization()).isNull();
        }
    }

    @Test
    void anyAnswerOutside2xxIsAFailureNamingTheStatus() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start();
                HttpTransport transport = new HttpTransport(receiver.uri("/hec"), "application/json", "Splunk t", null, Duration.ofSeconds(5))) {
            receiver.answer(503, "{\"text\":\"Server is busy\",\"code\":9}");
            assertThatThrownBy(() -> transport.send(List.of("{}"))).isInstanceOf(IOException.class)
                    .hasMessage("HTTP 503 from " + receiver.uri("/hec") + ": {\"text\":\"Server is busy\",\"code\":9}");

            receiver.answer(302, "");
            assertThatThrownBy(() -> transport.send(List.of("{}"))).hasMessageStartingWith("HTTP 302 from ");

            receiver.answer(204, "");
            transport.send(List.of("{}"));
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void anUnreachableReceiverIsAFailure() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (HttpTransport transport = new HttpTransport(URI.create("http://127.0.0.1:" + closedPort + "/"), "application/x-ndjson", null,
                null, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> transport.send(List.of("{}"))).isInstanceOf(IOException.class);
        }
    }
}
