package dev.gatehouse.proxy.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate the gateway presents to clients that ask for TLS.
 *
 * <p>Production configures a PEM certificate chain and PKCS#8 key. In dev mode the gateway makes
 * its own self-signed certificate on first start (with the JDK's keytool, so nothing else needs to
 * be installed) and keeps it in the data directory, so clients that pinned it keep working across
 * restarts; its PEM form is written next to it for {@code sslrootcert}.
 */
public final class ServerCertificates {

    static final String KEYSTORE = "gateway.p12";
    static final String PASSWORD_FILE = "gateway.p12.password";
    public static final String CERTIFICATE_PEM = "gateway-cert.pem";
    private static final String ALIAS = "gatehouse";

    private ServerCertificates() {
    }

    public static SslContext fromPem(Path certificateChain, Path privateKey) throws IOException {
        try (InputStream chain = Files.newInputStream(certificateChain); InputStream key = Files.newInputStream(privateKey)) {
            return SslContextBuilder.forServer(chain, key).protocols("TLSv1.3", "TLSv1.2").build();
        }
    }

    /** Loads the dev certificate from {@code directory}, creating it first when it does not exist. */
    public static SslContext devSelfSigned(Path directory) throws IOException {
        Path keystore = directory.resolve(KEYSTORE);
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
            generate(directory, keystore, passwordFile);
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            return SslContextBuilder.forServer(keys).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the gateway's dev certificate from " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path directory, Path keystore, Path passwordFile) throws IOException {
        Files.createDirectories(directory);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.deleteIfExists(keystore);
        writePrivate(passwordFile, password);
        keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", "825", "-dname", "CN=localhost, O=Gatehouse dev", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass:env", "GATEHOUSE_KEYSTORE_PASSWORD"), password);
        keytool(List.of("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(), "-storepass:env",
                "GATEHOUSE_KEYSTORE_PASSWORD", "-file", directory.resolve(CERTIFICATE_PEM).toString()), password);
        restrict(keystore);
    }

    /** The store password goes through the environment, not the command line other users can read in ps. */
    private static void keytool(List<String> arguments, String storePassword) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(keytool.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GATEHOUSE_KEYSTORE_PASSWORD", storePassword);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not create the dev certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the dev certificate", e);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        restrict(file);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the data directory's own permissions have to do.
        }
    }
}
