package dev.gatehouse.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer against the worked examples of Amazon's S3 Signature Version 4 documentation
 * ("Signature Calculations for the Authorization Header", examples GET Object and PUT Object): the
 * expected canonical-request hashes and signatures below are the documented values, so the code is
 * checked against a published answer and not only against itself.
 */
class SigV4SignerTest {

    private static final String EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SigV4Signer signer = new SigV4Signer(EXAMPLE_KEY_ID, EXAMPLE_SECRET, "us-east-1", "s3");

    @Test
    void documentedGetObjectExample() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("Range", "bytes=0-9");
        headers.put("x-amz-content-sha256", EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");

        String canonical = SigV4Signer.canonicalRequest("GET", "/test.txt", SigV4Signer.canonicalHeaders(headers), EMPTY_SHA256);
        assertThat(Digests.sha256Hex(canonical)).isEqualTo("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
        assertThat(signer.authorization("GET", "/test.txt", headers)).isEqualTo("AWS4-HMAC-SHA256"
                + " Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void documentedPutObjectExampleWithAnEncodedKey() {
        String body = "Welcome to Amazon S3.";
        String bodyHash = Digests.sha256Hex(body);
        assertThat(bodyHash).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
        headers.put("x-amz-date", "20130524T000000Z");
        headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
        headers.put("x-amz-content-sha256", bodyHash);
        String path = SigV4Signer.encodePath("/test$file.text");
        assertThat(path).isEqualTo("/test%24file.text");

        String canonical = SigV4Signer.canonicalRequest("PUT", path, SigV4Signer.canonicalHeaders(headers), bodyHash);
        assertThat(SigV4Signer.stringToSign("20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonical))
                .endsWith("\n9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
        assertThat(signer.authorization("PUT", path, headers)).endsWith(
                ",SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class"
                        + ",Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void headerValuesAreTrimmedAndInnerSpacesCollapsed() {
        assertThat(SigV4Signer.canonicalHeaders(Map.of("X-Amz-Meta-Note", "  a   b  c ")))
                .containsExactly(Map.entry("x-amz-meta-note", "a b c"));
    }

    @Test
    void pathsAreEncodedTheS3WaySlashesKept() {
        assertThat(SigV4Signer.encodePath("/bucket/audit trail/ü+1/checkpoint-1.json"))
                .isEqualTo("/bucket/audit%20trail/%C3%BC%2B1/checkpoint-1.json");
        assertThat(SigV4Signer.encodePath("/b/A-z_0.9~")).isEqualTo("/b/A-z_0.9~");
    }

    @Test
    void refusesToSignWithoutTheMandatoryHeaders() {
        assertThatThrownBy(() -> signer.authorization("GET", "/", Map.of("host", "h", "x-amz-date", "20130524T000000Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHostHeaderCarriesOnlyAPortThatIsNotTheDefault() {
        assertThat(S3ObjectLockAnchor.hostHeader(URI.create("https://s3.example.com/b/k"))).isEqualTo("s3.example.com");
        assertThat(S3ObjectLockAnchor.hostHeader(URI.create("https://s3.example.com:443/b/k"))).isEqualTo("s3.example.com");
        assertThat(S3ObjectLockAnchor.hostHeader(URI.create("http://minio:9000/b/k"))).isEqualTo("minio:9000");
    }

    @Test
    void itsTextFormNeverShowsTheSecret() {
        assertThat(signer.toString()).doesNotContain(EXAMPLE_SECRET);
    }
}
