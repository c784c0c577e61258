package dev.gatehouse.workflow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash a single-use approval is bound to: SHA-256 over the exact bytes of the statement the
 * client sent (its text in UTF-8, the only client encoding the gateway lets through, docs/adr/0016)
 * and its bound values (docs/adr/0017). Nothing is normalized: a statement that differs in one
 * byte, a newline included, is another statement. Each piece is length-prefixed, so moving text between the statement and a
 * parameter changes the hash; a null parameter hashes differently from an empty one.
 */
public final class StatementFingerprint {

    private StatementFingerprint() {
    }

    public static String of(String statement, List<String> parameters) {
        MessageDigest sha256 = sha256();
        update(sha256, statement);
        for (String parameter : parameters) {
            update(sha256, parameter);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void update(MessageDigest digest, String piece) {
        if (piece == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
