package dev.gatehouse.proxy.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps each checkpoint as an object in an S3-compatible bucket with Object Lock, so that for the
 * retention period nobody (in COMPLIANCE mode not even the bucket's owner) can delete or replace
 * it. One object per checkpoint, {@code <prefix>checkpoint-<seq, 20 digits>.json}, holding
 * {@link Checkpoint#toJson()}; the zero-padded seq keeps a listing in chain order.
 *
 * <p>A PUT carries {@code If-None-Match: *}, so an object that exists is never overwritten even
 * where the bucket's lock would allow a new version. A 412 answer means it exists: the anchor reads
 * it back and accepts only the identical bytes (a retry after a crash); anything else is a forked
 * or forged chain and fails loudly. Requests are path-style ({@code <endpoint>/<bucket>/<key>}) and
 * signed with {@link SigV4Signer}, which MinIO, Ceph RGW and AWS all accept.
 */
public final class S3ObjectLockAnchor implements CheckpointAnchor {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]{1,300})</Message>");

    private final S3AnchorSettings settings;
    private final SigV4Signer signer;
    private final HttpClient http;
    private final Clock clock;

    public S3ObjectLockAnchor(S3AnchorSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
    }

    S3ObjectLockAnchor(S3AnchorSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.signer = new SigV4Signer(settings.accessKeyId(), settings.secretAccessKey(), settings.region(), "s3");
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public String store(Checkpoint checkpoint) throws IOException {
        String key = settings.prefix() + objectName(checkpoint.seq());
        byte[] body = checkpoint.toJson().getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        // S3 refuses an Object Lock PUT without an integrity check of the body.
        headers.put("content-md5", Base64.getEncoder().encodeToString(md5(body)));
        headers.put("if-none-match", "*");
        headers.put("x-amz-object-lock-mode", settings.lockMode().name());
        headers.put("x-amz-object-lock-retain-until-date",
                DateTimeFormatter.ISO_INSTANT.format(now.plus(settings.retainDays(), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)));
        HttpResponse<byte[]> put = send("PUT", key, body, headers, now);
        return switch (put.statusCode()) {
            case 200, 201, 204 -> location(key);
            case 412 -> sameAsStored(key, body);
            default -> throw failure("storing", key, put);
        };
    }

    /** The object exists already: fine if it holds exactly this checkpoint, an error otherwise. */
    private String sameAsStored(String key, byte[] body) throws IOException {
        HttpResponse<byte[]> get = send("GET", key, new byte[0], new LinkedHashMap<>(), clock.instant());
        if (get.statusCode() != 200) {
            throw failure("reading back the existing", key, get);
        }
        if (!Arrays.equals(get.body(), body)) {
            throw new IOException("a different checkpoint is already stored at " + location(key)
                    + "; the object is locked and was not replaced (forked or tampered chain?)");
        }
        return location(key);
    }

    static String objectName(long seq) {
        return String.format("checkpoint-%020d.json", seq);
    }

    private HttpResponse<byte[]> send(String method, String key, byte[] body, Map<String, String> headers, Instant at)
            throws IOException {
        String path = SigV4Signer.encodePath(settings.endpoint().getPath() + "/" + settings.bucket() + "/" + key);
        URI uri = URI.create(settings.endpoint().getScheme() + "://" + settings.endpoint().getRawAuthority() + path);
        headers.put("x-amz-date", AMZ_DATE.format(at));
        headers.put("x-amz-content-sha256", Digests.sha256Hex(body));
        Map<String, String> signed = new LinkedHashMap<>(headers);
        signed.put("host", hostHeader(uri));
        // HTTP/1.1: the Host header is then exactly what hostHeader() signed (HTTP/2 would send :authority instead).
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", signer.authorization(method, path, signed));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to the S3 anchor at " + location(key), e);
        }
    }

    /** The Host header exactly as java.net.http writes it: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private String location(String key) {
        return settings.endpoint() + "/" + settings.bucket() + "/" + key;
    }

    /** S3's error code and message, never the request (which is where a credential could be). */
    private IOException failure(String doing, String key, HttpResponse<byte[]> response) {
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        String code = first(ERROR_CODE.matcher(xml));
        String message = first(ERROR_MESSAGE.matcher(xml));
        String reason = code == null ? "" : ": " + code + (message == null ? "" : " (" + message + ")");
        String hint = response.statusCode() == 403 ? "; check the access key, its permissions on the bucket and the region" : "";
        return new IOException("the S3 anchor refused " + doing + " checkpoint " + location(key) + " with HTTP " + response.statusCode()
                + reason + hint);
    }

    private static String first(Matcher matcher) {
        return matcher.find() ? matcher.group(1).replaceAll("[\\p{Cntrl}]", " ") : null;
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    @Override
    public String toString() {
        return "S3ObjectLockAnchor[" + settings + "]";
    }
}
