package dev.gatehouse.audit.siem.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A collector certificate made by the JDK's own keytool in a temporary directory: a key pair for the
 * server side and the certificate as PEM for the sink's tlsCaCertificate. Self-signed, so it is its own
 * trust anchor.
 */
public record SelfSignedCertificate(Path keyStore, String pem) {

    private static final String PASSWORD = "test-only-store-password";

    /** @param subjectAlternativeName e.g. "dns:localhost" */
    public static SelfSignedCertificate create(Path directory, String subjectAlternativeName) throws IOException, InterruptedException {
        Path keyStore = directory.resolve("collector.p12");
        Path pem = directory.resolve("collector.pem");
        keytool("-genkeypair", "-alias", "collector", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test collector",
                "-ext", "SAN=" + subjectAlternativeName, "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "collector", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-file", pem.toString());
        return new SelfSignedCertificate(keyStore, Files.readString(pem));
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    /** The collector's side: an SSL context presenting this certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
