package dev.gatehouse.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the machine's PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) as a healthy store. */
class PreflightTest {

    private static final String REAL_STORE = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String NO_STORE = "jdbc:postgresql://127.0.0.1:1/x";
    private static final String PASSWORD = "Pa55-word-that-must-stay-secret";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    @Test
    void passesAHealthySetup() {
        env.put("GATEHOUSE_MASTER_KEY", base64OfRandomBytes(32));
        env.put("GATEHOUSE_PROFILE", "production");

        int exitCode = run("--http-port", String.valueOf(FreePorts.freePort()),
                "--pg-port", String.valueOf(FreePorts.freePort()),
                "--db-url", REAL_STORE, "--db-user", "postgres", "--db-password-env", "GH_TEST_DB_PASSWORD");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_OK);
        assertThat(stdout()).isEqualTo("gatehouse: preflight ok\n");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void passesInDevModeWithoutAKey() {
        assertThat(run("--db-url", REAL_STORE, "--db-user", "postgres")).isEqualTo(Preflight.EXIT_OK);
    }

    @Test
    void namesTheVariableOfABusyPort() throws Exception {
        try (ServerSocket taken = FreePorts.busyLoopbackPort()) {
            int port = taken.getLocalPort();

            int exitCode = run("--http-port", String.valueOf(port), "--db-url", REAL_STORE, "--db-user", "postgres");

            assertThat(exitCode).isEqualTo(Preflight.EXIT_PORT_IN_USE);
            assertThat(stderr()).isEqualTo("gatehouse: cannot start: port " + port + " (GATEHOUSE_HTTP_PORT) is already"
                    + " in use; stop the other process or set GATEHOUSE_HTTP_PORT\n");
        }
    }

    @Test
    void namesTheVariableOfABusyPortGivenAsVariableAndNumber() throws Exception {
        try (ServerSocket taken = FreePorts.busyLoopbackPort()) {
            int port = taken.getLocalPort();

            int exitCode = run("--http-port", String.valueOf(FreePorts.freePort()),
                    "--port", "GATEHOUSE_PG_PORT=" + port, "--db-url", REAL_STORE, "--db-user", "postgres");

            assertThat(exitCode).isEqualTo(Preflight.EXIT_PORT_IN_USE);
            assertThat(stderr()).contains("port " + port + " (GATEHOUSE_PG_PORT)", "set GATEHOUSE_PG_PORT");
        }
    }

    @Test
    void refusesTwoVariablesWithTheSamePort() {
        int port = FreePorts.freePort();

        int exitCode = run("--http-port", String.valueOf(port), "--pg-port", String.valueOf(port),
                "--db-url", REAL_STORE, "--db-user", "postgres");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_PORT_IN_USE);
        assertThat(stderr()).contains("GATEHOUSE_HTTP_PORT and GATEHOUSE_PG_PORT are both " + port);
    }

    @Test
    void reportsAnUnreachableStoreWithoutThePassword() {
        env.put("GH_TEST_DB_PASSWORD", PASSWORD);

        int exitCode = run("--db-url", NO_STORE, "--db-user", "gatehouse", "--db-password-env", "GH_TEST_DB_PASSWORD");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_STORE_UNREACHABLE);
        assertThat(stderr())
                .startsWith("gatehouse: cannot start: the store database at " + NO_STORE + " is unreachable (")
                .endsWith("); check GATEHOUSE_DB_URL/_USER/_PASSWORD\n")
                .containsIgnoringCase("refused")
                .doesNotContain(PASSWORD);
        assertThat(stderr().lines()).hasSize(1);
    }

    @Test
    void printsTheStoreUrlWithoutCredentialParameters() {
        int exitCode = run("--db-url", NO_STORE + "?user=gatehouse&password=" + PASSWORD + "&sslmode=disable");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_STORE_UNREACHABLE);
        assertThat(stderr()).contains("the store database at " + NO_STORE + "?sslmode=disable is unreachable")
                .doesNotContain(PASSWORD).doesNotContain("user=");
    }

    @Test
    void refusesAMasterKeyOfTwelveBytes() {
        String shortKey = base64OfRandomBytes(12);
        env.put("GATEHOUSE_MASTER_KEY", shortKey);

        int exitCode = run("--db-url", REAL_STORE, "--db-user", "postgres");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_MASTER_KEY);
        assertThat(stderr()).isEqualTo("gatehouse: cannot start: GATEHOUSE_MASTER_KEY must be base64 of exactly 32"
                + " bytes (AES-256); it decodes to 12 bytes\n");
        assertThat(stderr()).doesNotContain(shortKey);
    }

    @Test
    void refusesAMasterKeyThatIsNotBase64WithoutQuotingIt() {
        String notBase64 = "not-base64-key-material!";
        env.put("GATEHOUSE_MASTER_KEY", notBase64);

        int exitCode = run("--db-url", REAL_STORE, "--db-user", "postgres");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_MASTER_KEY);
        assertThat(stderr()).contains("GATEHOUSE_MASTER_KEY must be base64 of exactly 32 bytes (AES-256);"
                + " it is not valid base64").doesNotContain(notBase64).doesNotContain("!");
    }

    @Test
    void acceptsAKeyFileHoldingThirtyTwoBytes(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("master.key"), base64OfRandomBytes(32) + "\n");
        env.put("GATEHOUSE_MASTER_KEY_FILE", keyFile.toString());
        env.put("GATEHOUSE_PROFILE", "production");

        assertThat(run("--db-url", REAL_STORE, "--db-user", "postgres")).isEqualTo(Preflight.EXIT_OK);
    }

    @Test
    void refusesAKeyFileOfTheWrongLength(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("master.key"), base64OfRandomBytes(16));
        env.put("GATEHOUSE_MASTER_KEY_FILE", keyFile.toString());

        int exitCode = run("--db-url", REAL_STORE, "--db-user", "postgres");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_MASTER_KEY);
        assertThat(stderr()).contains("GATEHOUSE_MASTER_KEY_FILE (" + keyFile + ") must hold base64 of exactly 32"
                + " bytes (AES-256); it decodes to 16 bytes");
    }

    @Test
    void refusesAMissingKeyFile(@TempDir Path dir) {
        Path keyFile = dir.resolve("absent.key");
        env.put("GATEHOUSE_MASTER_KEY_FILE", keyFile.toString());

        int exitCode = run("--db-url", REAL_STORE, "--db-user", "postgres");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_MASTER_KEY);
        assertThat(stderr()).contains("GATEHOUSE_MASTER_KEY_FILE (" + keyFile + ") cannot be read (no such file");
    }

    @Test
    void refusesProductionWithoutAKey() {
        env.put("GATEHOUSE_PROFILE", "production");

        int exitCode = run("--db-url", REAL_STORE, "--db-user", "postgres");

        assertThat(exitCode).isEqualTo(Preflight.EXIT_MASTER_KEY);
        assertThat(stderr()).contains("GATEHOUSE_PROFILE=production needs a master key");
    }

    @Test
    void checksPortsBeforeTheStoreAndTheStoreBeforeTheKey() throws Exception {
        env.put("GATEHOUSE_MASTER_KEY", base64OfRandomBytes(12));
        try (ServerSocket taken = FreePorts.busyLoopbackPort()) {
            assertThat(run("--http-port", String.valueOf(taken.getLocalPort()), "--db-url", NO_STORE))
                    .isEqualTo(Preflight.EXIT_PORT_IN_USE);
        }
        assertThat(run("--db-url", NO_STORE)).isEqualTo(Preflight.EXIT_STORE_UNREACHABLE);
    }

    @Test
    void explainsAWrongCommandLine() {
        assertThat(run("--http-port", "80800", "--db-url", REAL_STORE)).isEqualTo(Preflight.EXIT_USAGE);
        assertThat(stderr()).contains("--http-port must be a port number from 1 to 65535", "usage: Preflight");

        err.reset();
        assertThat(run("--http-port", "8080")).isEqualTo(Preflight.EXIT_USAGE);
        assertThat(stderr()).contains("--db-url is required");
    }

    @Test
    void printsOneLineAndNothingElseWhenRunAsAProgram() throws Exception {
        ToolProcess.Result result = ToolProcess.run(Preflight.class, Map.of("GH_TEST_DB_PASSWORD", PASSWORD),
                "--db-url", NO_STORE, "--db-user", "gatehouse", "--db-password-env", "GH_TEST_DB_PASSWORD");

        assertThat(result.exitCode()).isEqualTo(Preflight.EXIT_STORE_UNREACHABLE);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderrLines()).singleElement().asString()
                .startsWith("gatehouse: cannot start: the store database at").doesNotContain(PASSWORD);
    }

    private int run(String... args) {
        return Preflight.run(args, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private static String base64OfRandomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
