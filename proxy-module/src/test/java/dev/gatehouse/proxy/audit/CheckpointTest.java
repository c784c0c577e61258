package dev.gatehouse.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final KeyPair KEYS = keyPair();
    private static final Instant AT = Instant.parse("2026-11-26T03:20:00.654321Z");
    private final Checkpoint signed = Checkpoint.sign(12340, Digests.sha256Hex("head"), AT, "k-2026-11", "cHJldmlvdXM=", KEYS.getPrivate());

    @Test
    void aSignedCheckpointVerifiesWithItsKey() {
        assertThat(signed.verifiedBy(KEYS.getPublic())).isTrue();
        assertThat(signed.signature()).isNotBlank();
    }

    @Test
    void everySignedFieldIsCovered() {
        assertThat(new Checkpoint(12341, signed.hash(), AT, signed.keyId(), signed.previousSignature(), signed.signature())
                .verifiedBy(KEYS.getPublic())).isFalse();
        assertThat(new Checkpoint(signed.seq(), Digests.sha256Hex("other"), AT, signed.keyId(), signed.previousSignature(), signed.signature())
                .verifiedBy(KEYS.getPublic())).isFalse();
        assertThat(new Checkpoint(signed.seq(), signed.hash(), AT.plusNanos(1000), signed.keyId(), signed.previousSignature(), signed.signature())
                .verifiedBy(KEYS.getPublic())).isFalse();
        assertThat(new Checkpoint(signed.seq(), signed.hash(), AT, "k-other", signed.previousSignature(), signed.signature())
                .verifiedBy(KEYS.getPublic())).isFalse();
        assertThat(new Checkpoint(signed.seq(), signed.hash(), AT, signed.keyId(), "", signed.signature())
                .verifiedBy(KEYS.getPublic())).isFalse();
    }

    @Test
    void anotherKeyOrAMalformedSignatureDoesNotVerify() {
        assertThat(signed.verifiedBy(keyPair().getPublic())).isFalse();
        assertThat(signed.verifiedBy(null)).isFalse();
        assertThat(new Checkpoint(signed.seq(), signed.hash(), AT, signed.keyId(), signed.previousSignature(), "not base64!")
                .verifiedBy(KEYS.getPublic())).isFalse();
        assertThat(new Checkpoint(signed.seq(), signed.hash(), AT, signed.keyId(), signed.previousSignature(), null)
                .verifiedBy(KEYS.getPublic())).isFalse();
    }

    @Test
    void theFirstCheckpointHasAnEmptyPreviousSignature() {
        Checkpoint first = Checkpoint.sign(1, Digests.sha256Hex("one"), AT, "k-1", null, KEYS.getPrivate());

        assertThat(first.previousSignature()).isEmpty();
        assertThat(first.verifiedBy(KEYS.getPublic())).isTrue();
    }

    @Test
    void survivesItsJsonFormAndStillVerifies() {
        String json = signed.toJson();

        assertThat(json).startsWith("{\"hash\":\"").contains("\"key_id\":\"k-2026-11\"", "\"time\":\"2026-11-26T03:20:00.654321Z\"", "\"v\":1");
        Checkpoint read = Checkpoint.fromJson(json);
        assertThat(read).isEqualTo(signed);
        assertThat(read.verifiedBy(KEYS.getPublic())).isTrue();
    }

    @Test
    void refusesJsonThatIsNoCheckpoint() {
        assertThatThrownBy(() -> Checkpoint.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checkpoint.fromJson("{\"seq\":1}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs seq, hash, time");
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
