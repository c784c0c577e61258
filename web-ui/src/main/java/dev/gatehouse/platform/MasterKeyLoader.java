package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Finds the master key. Order: {@code GATEHOUSE_MASTER_KEY}, then {@code GATEHOUSE_MASTER_KEY_FILE},
 * then, in dev mode only, {@code <data dir>/master.key}, generated on first start. Production refuses
 * to invent a key: a key created silently on a new node would make every stored secret unreadable.
 */
public final class MasterKeyLoader {

    static final String DEV_KEY_FILE = "master.key";

    private MasterKeyLoader() {
    }

    public static MasterKey load(GatehouseSettings settings) {
        if (settings.masterKey().isPresent()) {
            return new MasterKey(decode(settings.masterKey().get(), "GATEHOUSE_MASTER_KEY"), "GATEHOUSE_MASTER_KEY");
        }
        if (settings.masterKeyFile().isPresent()) {
            return fromFile(settings.masterKeyFile().get());
        }
        if (!settings.devMode()) {
            throw new MasterKeyException("no master key: in production set GATEHOUSE_MASTER_KEY or GATEHOUSE_MASTER_KEY_FILE"
                    + " to 32 random bytes in base64 (for example: openssl rand -base64 32)");
        }
        Path devKey = settings.dataDir().resolve(DEV_KEY_FILE);
        if (!Files.exists(devKey)) {
            generate(devKey);
        }
        return fromFile(devKey);
    }

    private static MasterKey fromFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new MasterKeyException("cannot read the master key file " + file + ": " + e.getMessage(), e);
        }
        return new MasterKey(decode(content, file.toString()), file.toString());
    }

    private static byte[] decode(String base64, String origin) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("the master key from " + origin + " is not valid base64", e);
        }
    }

    private static void generate(Path file) {
        byte[] material = new byte[MasterKey.LENGTH_BYTES];
        new SecureRandom().nextBytes(material);
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(material) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; using theirs keeps one key per data dir.
        } catch (IOException e) {
            throw new MasterKeyException("cannot create the dev master key at " + file + ": " + e.getMessage(), e);
        }
    }
}
