package dev.gatehouse.assembly;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the master key the way the gateway will load it (ADR 0005, web-ui's MasterKeyLoader):
 * {@code GATEHOUSE_MASTER_KEY} first, then {@code GATEHOUSE_MASTER_KEY_FILE}; blank counts as unset;
 * production refuses to run without either. Finding the problem here, before Payara starts, saves
 * the person a deployment failure buried in the server log. No message contains key material.
 */
final class MasterKeyCheck {

    static final String KEY_VARIABLE = "GATEHOUSE_MASTER_KEY";
    static final String KEY_FILE_VARIABLE = "GATEHOUSE_MASTER_KEY_FILE";
    static final String PROFILE_VARIABLE = "GATEHOUSE_PROFILE";
    static final int KEY_BYTES = 32;

    private MasterKeyCheck() {
    }

    /** @return what is wrong with the master key setup; empty when the gateway will find a usable key */
    static Optional<String> problem(Map<String, String> env) {
        Optional<String> inline = nonBlank(env.get(KEY_VARIABLE));
        if (inline.isPresent()) {
            return decodingProblem(inline.get(), KEY_VARIABLE + " must be");
        }
        Optional<String> file = nonBlank(env.get(KEY_FILE_VARIABLE));
        if (file.isPresent()) {
            return fileProblem(file.get());
        }
        if (isProduction(env)) {
            return Optional.of(PROFILE_VARIABLE + "=production needs a master key; set " + KEY_VARIABLE + " or "
                    + KEY_FILE_VARIABLE + " to 32 random bytes in base64 (for example: openssl rand -base64 32)");
        }
        // Dev mode: the gateway generates <data dir>/master.key on first start.
        return Optional.empty();
    }

    private static Optional<String> fileProblem(String fileName) {
        String subject = KEY_FILE_VARIABLE + " (" + fileName + ")";
        String content;
        try {
            // US-ASCII, like the gateway: a file it cannot read must not pass here.
            content = Files.readString(Path.of(fileName), StandardCharsets.US_ASCII);
        } catch (CharacterCodingException e) {
            return Optional.of(subject + " must hold base64 of exactly " + KEY_BYTES
                    + " bytes (AES-256); it holds bytes that are not ASCII text");
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.of(subject + " cannot be read (" + Messages.fileProblem(e) + ")");
        }
        return decodingProblem(content, subject + " must hold");
    }

    /** The decoder's own message is not used: it quotes the offending character of the key. */
    private static Optional<String> decodingProblem(String base64, String subjectAndVerb) {
        String requirement = subjectAndVerb + " base64 of exactly " + KEY_BYTES + " bytes (AES-256); ";
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of(requirement + "it is not valid base64");
        }
        int length = key.length;
        Arrays.fill(key, (byte) 0);
        if (length != KEY_BYTES) {
            return Optional.of(requirement + "it decodes to " + length + " bytes");
        }
        return Optional.empty();
    }

    private static boolean isProduction(Map<String, String> env) {
        return nonBlank(env.get(PROFILE_VARIABLE)).map(profile -> profile.equalsIgnoreCase("production")).orElse(false);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
