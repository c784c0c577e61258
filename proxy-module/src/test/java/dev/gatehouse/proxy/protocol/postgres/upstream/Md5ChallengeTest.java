package dev.gatehouse.proxy.protocol.postgres.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Md5ChallengeTest {

    @Test
    void answerMatchesAnIndependentlyComputedValue() {
        // md5(md5hex("pässwörd" + "md5_user") + salt 01 02 03 04), computed with another MD5 implementation.
        char[] answer = Md5Challenge.answer("pässwörd".toCharArray(), "md5_user", new byte[] {1, 2, 3, 4});
        assertThat(new String(answer)).isEqualTo("md508df5771147750c3ea2db97ef4470b77");
    }

    @Test
    void callerPasswordIsLeftAlone() {
        char[] password = "secret".toCharArray();
        Md5Challenge.answer(password, "u", new byte[4]);
        assertThat(password).containsExactly("secret".toCharArray());
    }
}
