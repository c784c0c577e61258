package dev.gatehouse.proxy.protocol.mysql.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * The plugins' answers against fixtures computed outside this code: the mysql_native_password and
 * caching_sha2_password vectors come from Python's hashlib applied to the formulas of the MySQL
 * protocol documentation (caching_sha2_password is MySQL's: MariaDB 10.11 on this machine has no
 * such server plugin, so a byte-level fixture stands in for a server); Ed25519 from RFC 8032's test
 * vector 1 and the JDK's own Ed25519 verifier.
 */
class AuthScramblesTest {

    private static final byte[] PASSWORD = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SCRAMBLE = new byte[20];

    static {
        for (int i = 0; i < 20; i++) {
            SCRAMBLE[i] = (byte) (i + 1);
        }
    }

    @Test
    void nativePasswordMatchesTheFixture() {
        assertThat(HexFormat.of().formatHex(AuthScrambles.nativePassword(PASSWORD, SCRAMBLE)))
                .isEqualTo("beb278d014e64ec3a8d8c4551e040e341b8cb61f");
        byte[] withNul = java.util.Arrays.copyOf(SCRAMBLE, 21); // as an auth switch request carries it
        assertThat(AuthScrambles.nativePassword(PASSWORD, withNul)).isEqualTo(AuthScrambles.nativePassword(PASSWORD, SCRAMBLE));
        assertThat(AuthScrambles.nativePassword(new byte[0], SCRAMBLE)).isEmpty();
    }

    @Test
    void cachingSha2FastPathMatchesTheFixture() {
        assertThat(HexFormat.of().formatHex(AuthScrambles.cachingSha2(PASSWORD, SCRAMBLE)))
                .isEqualTo("7b0eaad434a2838ac2855f7920e2397eca360521086082989a7a43feb01cfd22");
    }

    @Test
    void cachingSha2FullAuthenticationWithTheServersRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        byte[] encrypted = AuthScrambles.rsaEncrypted(PASSWORD, SCRAMBLE, pem);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate());
        byte[] plain = cipher.doFinal(encrypted);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= SCRAMBLE[i % 20]; // what the server undoes
        }
        assertThat(plain).isEqualTo(AuthScrambles.nulTerminated(PASSWORD));
    }

    @Test
    void ed25519IsRfc8032ForA32BytePassword() {
        byte[] secret = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertThat(HexFormat.of().formatHex(Ed25519Password.publicKey(secret)))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(HexFormat.of().formatHex(Ed25519Password.sign(secret, new byte[0]))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void ed25519SignaturesOfAnyPasswordVerifyWithTheJdk() throws Exception {
        byte[] nonce = new byte[32];
        new java.security.SecureRandom().nextBytes(nonce);
        byte[] signature = Ed25519Password.sign(PASSWORD, nonce);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(jdkPublicKey(Ed25519Password.publicKey(PASSWORD)));
        verifier.update(nonce);
        assertThat(verifier.verify(signature)).isTrue();
        nonce[0] ^= 1;
        verifier.update(nonce);
        assertThat(verifier.verify(signature)).isFalse();
    }

    private static PublicKey jdkPublicKey(byte[] encoded) throws Exception {
        byte[] y = encoded.clone();
        boolean xOdd = (y[31] & 0x80) != 0;
        y[31] &= 0x7F;
        byte[] big = new byte[33];
        for (int i = 0; i < 32; i++) {
            big[32 - i] = y[i];
        }
        return KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(big))));
    }
}
