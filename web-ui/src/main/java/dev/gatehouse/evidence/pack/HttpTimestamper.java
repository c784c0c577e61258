package dev.gatehouse.evidence.pack;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An RFC 3161 timestamp authority over HTTP ({@code application/timestamp-query}). The response is
 * checked against the request (status granted, same digest and nonce) before its token goes into
 * the pack; anything else is refused with the authority's own words.
 */
public final class HttpTimestamper implements Timestamper {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final SecureRandom random = new SecureRandom();

    public HttpTimestamper(URI url) {
        if (url == null || !(("http".equals(url.getScheme())) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("GATEHOUSE_EVIDENCE_TSA_URL must be an http(s) URL, got " + url);
        }
        this.url = url;
    }

    @Override
    public String name() {
        return url.toString();
    }

    @Override
    public byte[] timestamp(byte[] sha256) throws IOException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, sha256, new BigInteger(64, random));
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the timestamp authority", e);
        } catch (IOException e) {
            throw new IOException("no answer (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("it answered HTTP " + response.statusCode());
        }
        try {
            TimeStampResponse reply = new TimeStampResponse(response.body());
            reply.validate(request);
            if (reply.getTimeStampToken() == null) {
                throw new IOException("it granted no token: " + reply.getStatusString());
            }
            return reply.getTimeStampToken().getEncoded();
        } catch (TSPException | IOException e) {
            throw new IOException("its answer is not a valid RFC 3161 response to this request: " + e.getMessage(), e);
        }
    }
}
