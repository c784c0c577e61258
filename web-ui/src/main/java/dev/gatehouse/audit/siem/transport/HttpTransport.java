package dev.gatehouse.audit.siem.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * POSTs a batch as one body, one record per line. Any 2xx answer means delivered; anything else is a
 * failure that names the status and the start of the answer. The Authorization header is the only
 * place the token goes; it is never part of an error message.
 */
public final class HttpTransport implements SiemTransport {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ANSWER_IN_ERROR = 200;

    private final URI endpoint;
    private final String mediaType;
    private final String authorization;
    private final Duration requestTimeout;
    private final HttpClient client;

    /**
     * @param authorization the whole header value ("Bearer ..." or "Splunk ..."), or null for none
     * @param tls           trust for https endpoints, or null for the JVM's trust store
     */
    public HttpTransport(URI endpoint, String mediaType, String authorization, SSLContext tls, Duration requestTimeout) {
        this.endpoint = endpoint;
        this.mediaType = mediaType;
        this.authorization = authorization;
        this.requestTimeout = requestTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    @Override
    public void send(List<String> records) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String record : records) {
            body.append(record).append('\n');
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending to " + endpoint);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new IOException("HTTP " + status + " from " + endpoint + answer(response.body()));
        }
    }

    private static String answer(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > MAX_ANSWER_IN_ERROR ? oneLine.substring(0, MAX_ANSWER_IN_ERROR) + "..." : oneLine);
    }

    @Override
    public void close() {
        client.close();
    }
}
