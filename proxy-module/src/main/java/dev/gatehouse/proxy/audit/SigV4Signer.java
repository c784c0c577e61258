package dev.gatehouse.proxy.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for header-authenticated requests without a query string, which is all
 * the S3 anchor sends. Written against the published algorithm rather than an SDK so the proxy
 * module keeps its small dependency set; the documented examples are its test vectors.
 *
 * <p>Every header the caller passes is signed, so none of them (the Object Lock headers in
 * particular) can be removed or changed on the way without the store refusing the request.
 */
final class SigV4Signer {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final String accessKeyId;
    private final byte[] secret;
    private final String region;
    private final String service;

    SigV4Signer(String accessKeyId, String secretAccessKey, String region, String service) {
        this.accessKeyId = accessKeyId;
        this.secret = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.service = service;
    }

    /**
     * The Authorization header's value.
     *
     * @param encodedPath the path exactly as sent, each segment already URI-encoded
     * @param headers     every header to sign, including host, x-amz-date and x-amz-content-sha256
     */
    String authorization(String method, String encodedPath, Map<String, String> headers) {
        TreeMap<String, String> canonical = canonicalHeaders(headers);
        String amzDate = canonical.get("x-amz-date");
        String payloadHash = canonical.get("x-amz-content-sha256");
        if (amzDate == null || payloadHash == null || !canonical.containsKey("host")) {
            throw new IllegalArgumentException("host, x-amz-date and x-amz-content-sha256 must be signed");
        }
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String signedHeaders = String.join(";", canonical.keySet());
        String request = canonicalRequest(method, encodedPath, canonical, payloadHash);
        String signature = HexFormat.of().formatHex(hmac(signingKey(amzDate.substring(0, 8)), stringToSign(amzDate, scope, request)));
        return ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature;
    }

    static String canonicalRequest(String method, String encodedPath, TreeMap<String, String> canonicalHeaders, String payloadHash) {
        StringBuilder out = new StringBuilder(256).append(method).append('\n').append(encodedPath).append('\n')
                .append('\n'); // no query string
        canonicalHeaders.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.append('\n').append(String.join(";", canonicalHeaders.keySet())).append('\n').append(payloadHash).toString();
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + Digests.sha256Hex(canonicalRequest);
    }

    /** Lowercase names, sorted; values trimmed with inner runs of spaces collapsed, as the algorithm defines. */
    static TreeMap<String, String> canonicalHeaders(Map<String, String> headers) {
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), value.trim().replaceAll(" +", " ")));
        return canonical;
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    byte[] signingKey(String yyyymmdd) {
        byte[] dateKey = hmac(secret, yyyymmdd);
        byte[] regionKey = hmac(dateKey, region);
        byte[] serviceKey = hmac(regionKey, service);
        return hmac(serviceKey, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /**
     * URI-encodes a path for S3: every byte but the unreserved characters and '/' becomes %XX, so the
     * path sent and the path signed are the same string and the store need not guess.
     */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        // The secret must never reach a log line through an accidental toString.
        return "SigV4Signer[accessKeyId=" + accessKeyId + ", region=" + region + ", service=" + service + "]";
    }
}
