package dev.gatehouse.proxy.protocol.mysql.message;

import java.util.Arrays;

/** Helpers for the byte arrays that hold tokens, scrambles and passwords. */
final class Secrets {

    private Secrets() {
    }

    static String redacted(byte[] secret) {
        return secret == null ? "null" : "<" + secret.length + " bytes redacted>";
    }

    static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
