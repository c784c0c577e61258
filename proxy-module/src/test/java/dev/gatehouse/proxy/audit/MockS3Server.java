package dev.gatehouse.proxy.audit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for an S3-compatible store with Object Lock, on the JDK's HTTP server: no real S3 or
 * MinIO can run where these tests run. It checks what a real store checks before it keeps an
 * object: a SigV4 signature it recomputes on its own (this class shares no code with
 * {@link SigV4Signer}, so a shared mistake cannot hide), the body's SHA-256 and Content-MD5, the
 * Object Lock headers and {@code If-None-Match}. Objects live in memory, keyed by raw path.
 */
final class MockS3Server implements AutoCloseable {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request,SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> LOCK_PUT_HEADERS = List.of("content-md5", "if-none-match", "x-amz-object-lock-mode",
            "x-amz-object-lock-retain-until-date");

    /** One request as the store saw it, for assertions. */
    record Seen(String method, String rawPath, Map<String, String> headers, int status) {
    }

    private final String accessKeyId;
    private final String secret;
    private final String region;
    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private volatile int forcedStatus;
    private volatile String forcedCode;

    MockS3Server(String accessKeyId, String secret, String region) throws IOException {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on every request is answered with this status and S3 error code, as a store that refuses. */
    void refuseWith(int status, String code) {
        this.forcedStatus = status;
        this.forcedCode = code;
    }

    byte[] object(String rawPath) {
        return objects.get(rawPath);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String rawPath = exchange.getRequestURI().getRawPath();
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Reply reply;
        try {
            reply = answer(exchange, rawPath, headers, body);
        } catch (Refusal refusal) {
            reply = new Reply(refusal.status, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + refusal.code + "</Code><Message>"
                    + refusal.getMessage() + "</Message></Error>").getBytes(StandardCharsets.UTF_8));
        }
        // Recorded before answering: the client may look at seen() as soon as it has its answer.
        seen.add(new Seen(exchange.getRequestMethod(), rawPath, headers, reply.status()));
        send(exchange, reply);
    }

    private record Reply(int status, byte[] body) {
    }

    private Reply answer(HttpExchange exchange, String rawPath, Map<String, String> headers, byte[] body) throws IOException {
        if (forcedStatus != 0) {
            throw new Refusal(forcedStatus, forcedCode, "refused by the test");
        }
        verifySignature(exchange.getRequestMethod(), rawPath, headers, body);
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                verifyLockedPut(headers, body);
                if (objects.containsKey(rawPath)) {
                    throw new Refusal(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                }
                objects.put(rawPath, body);
                return new Reply(200, new byte[0]);
            }
            case "GET" -> {
                byte[] object = objects.get(rawPath);
                if (object == null) {
                    throw new Refusal(404, "NoSuchKey", "The specified key does not exist.");
                }
                return new Reply(200, object);
            }
            default -> throw new Refusal(405, "MethodNotAllowed", "not supported by the mock");
        }
    }

    private void verifySignature(String method, String rawPath, Map<String, String> headers, byte[] body) {
        Matcher auth = AUTHORIZATION.matcher(headers.getOrDefault("authorization", ""));
        if (!auth.matches()) {
            throw new Refusal(403, "AccessDenied", "no SigV4 Authorization header");
        }
        if (!auth.group(1).equals(accessKeyId)) {
            throw new Refusal(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }
        String amzDate = headers.getOrDefault("x-amz-date", "");
        if (!amzDate.startsWith(auth.group(2)) || !auth.group(3).equals(region)) {
            throw new Refusal(403, "AuthorizationHeaderMalformed", "credential scope does not match the date or region");
        }
        String payloadHash = hex(digest("SHA-256", body));
        if (!payloadHash.equals(headers.get("x-amz-content-sha256"))) {
            throw new Refusal(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        List<String> signedNames = List.of(auth.group(4).split(";"));
        for (String required : List.of("host", "x-amz-date", "x-amz-content-sha256")) {
            if (!signedNames.contains(required)) {
                throw new Refusal(403, "AccessDenied", required + " is not signed");
            }
        }
        if (method.equals("PUT") && !signedNames.containsAll(LOCK_PUT_HEADERS)) {
            throw new Refusal(403, "AccessDenied", "the Object Lock and precondition headers must be signed");
        }
        StringBuilder canonical = new StringBuilder().append(method).append('\n').append(rawPath).append("\n\n");
        for (String name : signedNames) {
            canonical.append(name).append(':').append(headers.getOrDefault(name, "").trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(auth.group(4)).append('\n').append(payloadHash);
        String scope = auth.group(2) + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(digest("SHA-256", canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.group(2));
        for (String part : List.of(region, "s3", "aws4_request")) {
            key = hmac(key, part);
        }
        if (!hex(hmac(key, toSign)).equals(auth.group(5))) {
            throw new Refusal(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }
    }

    private static void verifyLockedPut(Map<String, String> headers, byte[] body) {
        if (!Base64.getEncoder().encodeToString(digest("MD5", body)).equals(headers.get("content-md5"))) {
            throw new Refusal(400, "InvalidDigest", "Content-MD5 is required for Object Lock and must match the body");
        }
        String mode = headers.get("x-amz-object-lock-mode");
        if (!"COMPLIANCE".equals(mode) && !"GOVERNANCE".equals(mode)) {
            throw new Refusal(400, "InvalidArgument", "x-amz-object-lock-mode must be COMPLIANCE or GOVERNANCE");
        }
        try {
            // Compared with the request's own time: the tests sign with a fixed clock.
            Instant sent = AMZ_DATE.parse(headers.get("x-amz-date"), Instant::from);
            if (!Instant.parse(headers.getOrDefault("x-amz-object-lock-retain-until-date", "")).isAfter(sent)) {
                throw new Refusal(400, "InvalidArgument", "the retain-until date must be in the future");
            }
        } catch (DateTimeParseException e) {
            throw new Refusal(400, "InvalidArgument", "x-amz-object-lock-retain-until-date is not an ISO-8601 instant");
        }
        if (!"*".equals(headers.get("if-none-match"))) {
            throw new Refusal(400, "InvalidArgument", "the anchor must never overwrite: If-None-Match: * expected");
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** An S3 error answer: status, code and message, as S3 writes them in its XML error body. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
