package dev.gatehouse.audit.siem.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP collector on a loopback port (the JDK's HttpServer): it records every request and
 * answers with a status the test sets, so a test can play a healthy, a failing or a slow SIEM.
 */
public final class HttpReceiver implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String contentType, String authorization, String body) {

        public List<String> lines() {
            return body.lines().toList();
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"text\":\"Success\",\"code\":0}";

    private HttpReceiver(HttpServer server) {
        this.server = server;
    }

    public static HttpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpReceiver receiver = new HttpReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int answerStatus = status;
        if (answerStatus >= 200 && answerStatus < 300) {
            // Only what was accepted counts as received, like a real collector that refuses a batch.
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"), body));
        } else {
            rejected.add(body);
        }
        byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answerStatus, reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            exchange.getResponseBody().write(reply);
        }
        exchange.close();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Bodies answered with a non-2xx status. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** All accepted body lines, in arrival order. */
    public List<String> lines() {
        return requests.stream().flatMap(r -> r.lines().stream()).toList();
    }

    /** Waits until at least {@code count} lines were accepted. */
    public List<String> awaitLines(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (lines().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return lines();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
