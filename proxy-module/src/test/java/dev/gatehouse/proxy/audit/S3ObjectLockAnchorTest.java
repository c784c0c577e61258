package dev.gatehouse.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.audit.S3AnchorSettings.LockMode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 anchor against {@link MockS3Server}, an in-test stand-in on the JDK's HTTP server: no
 * real S3, MinIO or Ceph can run on the machines these tests run on, and there is no network to
 * AWS. The mock recomputes every SigV4 signature independently with the test's secret and checks
 * Content-MD5, the Object Lock headers and If-None-Match as a real store would; what it cannot
 * show is that a real store enforces the lock afterwards (see docs/audit-chain.md for a manual
 * check against MinIO). The signer itself is also checked against Amazon's documented examples in
 * {@link SigV4SignerTest}.
 */
class S3ObjectLockAnchorTest {

    private static final String KEY_ID = "GATEHOUSETESTKEY";
    private static final String SECRET = "test-secret-Zq8v+/never-in-messages";
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private MockS3Server s3;
    private KeyPair signingKey;

    @BeforeEach
    void start() throws Exception {
        s3 = new MockS3Server(KEY_ID, SECRET, "eu-central-1");
        signingKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void storesTheCheckpointUnderItsSeqWithObjectLockAndWithoutOverwriting() throws IOException {
        Checkpoint checkpoint = checkpoint(42, "a".repeat(64));

        String location = anchor(SECRET, "gatehouse/audit/", LockMode.COMPLIANCE, 400).store(checkpoint);

        String path = "/audit-bucket/gatehouse/audit/checkpoint-00000000000000000042.json";
        assertThat(location).isEqualTo(s3.endpoint() + path);
        assertThat(new String(s3.object(path), StandardCharsets.UTF_8)).isEqualTo(checkpoint.toJson());
        MockS3Server.Seen put = s3.seen().getFirst();
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.headers()).containsEntry("x-amz-object-lock-mode", "COMPLIANCE")
                .containsEntry("x-amz-object-lock-retain-until-date", "2027-04-05T10:15:30Z")
                .containsEntry("if-none-match", "*")
                .containsEntry("content-type", "application/json");
        assertThat(Checkpoint.fromJson(new String(s3.object(path), StandardCharsets.UTF_8)).verifiedBy(signingKey.getPublic())).isTrue();
    }

    @Test
    void lockModeAndRetentionComeFromTheSettings() throws IOException {
        anchor(SECRET, "", LockMode.GOVERNANCE, 7).store(checkpoint(1, "b".repeat(64)));

        assertThat(s3.seen().getFirst().headers()).containsEntry("x-amz-object-lock-mode", "GOVERNANCE")
                .containsEntry("x-amz-object-lock-retain-until-date", NOW.plus(7, ChronoUnit.DAYS).toString());
        assertThat(s3.object("/audit-bucket/checkpoint-00000000000000000001.json")).isNotNull();
    }

    @Test
    void storingTheIdenticalCheckpointAgainIsARetryThatSucceeds() throws IOException {
        S3ObjectLockAnchor anchor = anchor(SECRET, "a/", LockMode.COMPLIANCE, 400);
        Checkpoint checkpoint = checkpoint(7, "c".repeat(64));
        String first = anchor.store(checkpoint);

        String again = anchor.store(checkpoint);

        assertThat(again).isEqualTo(first);
        assertThat(s3.seen()).extracting(MockS3Server.Seen::method, MockS3Server.Seen::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", 200), org.assertj.core.groups.Tuple.tuple("PUT", 412),
                        org.assertj.core.groups.Tuple.tuple("GET", 200));
    }

    @Test
    void aDifferentCheckpointForAStoredSeqIsRefusedAndTheStoredOneStays() throws IOException {
        S3ObjectLockAnchor anchor = anchor(SECRET, "a/", LockMode.COMPLIANCE, 400);
        Checkpoint original = checkpoint(9, "d".repeat(64));
        anchor.store(original);

        assertThatThrownBy(() -> anchor.store(checkpoint(9, "e".repeat(64))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a different checkpoint is already stored")
                .hasMessageContaining("checkpoint-00000000000000000009.json");
        assertThat(new String(s3.object("/audit-bucket/a/checkpoint-00000000000000000009.json"), StandardCharsets.UTF_8))
                .isEqualTo(original.toJson());
    }

    @Test
    void aRefusalIsReportedWithStatusAndS3ErrorCode() {
        s3.refuseWith(403, "AccessDenied");

        assertThatThrownBy(() -> anchor(SECRET, "", LockMode.COMPLIANCE, 400).store(checkpoint(3, "f".repeat(64))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("AccessDenied")
                .hasMessageContaining("checkpoint-00000000000000000003.json")
                .hasMessageContaining("check the access key")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aWrongSecretFailsTheStoresSignatureCheckAndNoSecretAppearsInTheError() {
        String wrongSecret = "wrong-secret-4711/+xyz";
        S3ObjectLockAnchor anchor = anchor(wrongSecret, "", LockMode.COMPLIANCE, 400);

        assertThatThrownBy(() -> anchor.store(checkpoint(4, "0".repeat(64))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("SignatureDoesNotMatch")
                .hasMessageNotContaining(wrongSecret)
                .hasMessageNotContaining(SECRET);
        assertThat(anchor.toString()).doesNotContain(wrongSecret).contains(KEY_ID);
    }

    @Test
    void keysThatNeedEncodingAreSignedExactlyAsSent() throws IOException {
        anchor(SECRET, "audit trail/ü+1/", LockMode.COMPLIANCE, 400).store(checkpoint(5, "1".repeat(64)));

        assertThat(s3.seen().getFirst().status()).isEqualTo(200);
        assertThat(s3.object("/audit-bucket/audit%20trail/%C3%BC%2B1/checkpoint-00000000000000000005.json")).isNotNull();
    }

    @Test
    void anUnreachableStoreIsAnIOException() throws IOException {
        S3ObjectLockAnchor anchor = anchor(SECRET, "", LockMode.COMPLIANCE, 400);
        s3.close();

        assertThatThrownBy(() -> anchor.store(checkpoint(6, "2".repeat(64)))).isInstanceOf(IOException.class);
    }

    @Test
    void objectNamesSortInChainOrder() {
        assertThat(S3ObjectLockAnchor.objectName(9)).isLessThan(S3ObjectLockAnchor.objectName(10));
        assertThat(S3ObjectLockAnchor.objectName(Long.MAX_VALUE)).isEqualTo("checkpoint-09223372036854775807.json");
    }

    private S3ObjectLockAnchor anchor(String secret, String prefix, LockMode mode, int retainDays) {
        S3AnchorSettings settings = new S3AnchorSettings(s3.endpoint(), "audit-bucket", prefix, "eu-central-1", KEY_ID, secret, mode,
                retainDays);
        return new S3ObjectLockAnchor(settings, HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Checkpoint checkpoint(long seq, String hash) {
        return Checkpoint.sign(seq, hash, NOW, "key-1", "", signingKey.getPrivate());
    }
}
