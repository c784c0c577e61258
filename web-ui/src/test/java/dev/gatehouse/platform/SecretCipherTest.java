package dev.gatehouse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private final SecretCipher cipher = new SecretCipher(new MasterKey(randomKey(), "test"));

    @Test
    void opensToCharsForTheDataPath() {
        String sealed = cipher.seal("pässwörd-🔑", "gatehouse/connection-secret");
        assertThat(cipher.openChars(sealed, "gatehouse/connection-secret")).containsExactly("pässwörd-🔑".toCharArray());
        assertThat(cipher.open(sealed, "gatehouse/connection-secret")).isEqualTo("pässwörd-🔑");
    }

    @Test
    void aSecretSealedForAnotherPurposeDoesNotOpen() {
        String sealed = cipher.seal("secret", "gatehouse/other");
        assertThatThrownBy(() -> cipher.openChars(sealed, "gatehouse/connection-secret")).isInstanceOf(MasterKeyException.class);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[MasterKey.LENGTH_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
