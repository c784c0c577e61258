package dev.gatehouse.proxy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.verify.PublicKeys.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PublicKeysTest {

    private static final KeyPair CURRENT = TestChain.keyPair();
    private static final KeyPair RETIRED = TestChain.keyPair();
    private static final Instant RETIRED_AT = Instant.parse("2026-11-01T00:00:00Z");

    private final String document = """
            {"keys":[
              {"key_id":"k-2026-10","algorithm":"Ed25519","public_key":"%s","created_at":"2026-10-01T00:00:00Z","retired_at":"2026-11-01T00:00:00Z"},
              {"key_id":"k-2026-11","algorithm":"Ed25519","public_key":"%s","created_at":"2026-11-01T00:00:00Z","retired_at":null}
            ]}""".formatted(base64(RETIRED), base64(CURRENT));

    @Test
    void readsTheDocumentTheApiServes() {
        PublicKeys keys = PublicKeys.parse(document);

        assertThat(keys.keys()).extracting(PublicKeys.TrustedKey::keyId).containsExactly("k-2026-10", "k-2026-11");
        assertThat(keys.keys().get(0).retiredAt()).isEqualTo(RETIRED_AT);
        assertThat(keys.keys().get(1).key()).isEqualTo(CURRENT.getPublic());
        assertThat(PublicKeys.parse(keys.toJson()).keys()).isEqualTo(keys.keys());
    }

    @Test
    void checksEachCheckpointAgainstTheKeyItNames() {
        PublicKeys keys = PublicKeys.parse(document);

        assertThat(keys.check(sign(CURRENT, "k-2026-11", RETIRED_AT.plusSeconds(60)))).isEqualTo(SignatureCheck.VALID);
        assertThat(keys.check(sign(RETIRED, "k-2026-10", RETIRED_AT.minusSeconds(60)))).isEqualTo(SignatureCheck.VALID);
        assertThat(keys.check(sign(RETIRED, "k-2026-10", RETIRED_AT.plusSeconds(60)))).isEqualTo(SignatureCheck.SIGNED_AFTER_RETIREMENT);
        assertThat(keys.check(sign(RETIRED, "k-2026-11", RETIRED_AT))).isEqualTo(SignatureCheck.BAD_SIGNATURE);
        assertThat(keys.check(sign(CURRENT, "k-unknown", RETIRED_AT))).isEqualTo(SignatureCheck.UNKNOWN_KEY);
    }

    @Test
    void pemKeysHaveNoIdAndAnyOfThemMayVerify() {
        String pem = pem(RETIRED) + "\n" + pem(CURRENT);

        PublicKeys keys = PublicKeys.parse(pem);

        assertThat(keys.keys()).hasSize(2).allMatch(key -> key.keyId() == null);
        assertThat(keys.check(sign(CURRENT, "whatever-id", RETIRED_AT))).isEqualTo(SignatureCheck.VALID);
        assertThat(keys.check(sign(TestChain.keyPair(), "whatever-id", RETIRED_AT))).isEqualTo(SignatureCheck.BAD_SIGNATURE);
    }

    @Test
    void refusesWhatIsNotAnEd25519KeyFile() throws NoSuchAlgorithmException {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

        assertRefused("{\"keys\":[]}", "holds no public key");
        assertRefused("[1,2]", "a key file is PEM or a JSON object with a \"keys\" array");
        assertRefused("{\"keys\":[{\"algorithm\":\"Ed25519\",\"public_key\":\"" + base64(CURRENT) + "\"}]}", "every key needs a key_id");
        assertRefused("{\"keys\":[{\"key_id\":\"k\",\"algorithm\":\"RSA\",\"public_key\":\"" + base64(rsa) + "\"}]}", "key k is not Ed25519");
        assertRefused("{\"keys\":[{\"key_id\":\"k\",\"algorithm\":\"Ed25519\",\"public_key\":\"" + base64(rsa) + "\"}]}",
                "key k cannot be read: not an Ed25519 public key");
        assertRefused("{\"keys\":[{\"key_id\":\"k\",\"algorithm\":\"Ed25519\",\"public_key\":\"" + base64(CURRENT) + "\",\"created_at\":\"yesterday\"}]}",
                "key k cannot be read");
        assertRefused("-----BEGIN PUBLIC KEY-----\nAAAA", "has no -----END PUBLIC KEY----- line");
        assertRefused(pem(rsa), "not an Ed25519 public key");
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> PublicKeys.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private static Checkpoint sign(KeyPair keys, String keyId, Instant at) {
        return Checkpoint.sign(10, Digests.sha256Hex("row 10"), at, keyId, "", keys.getPrivate());
    }

    private static String base64(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

}
