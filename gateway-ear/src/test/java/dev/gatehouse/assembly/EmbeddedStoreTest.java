package dev.gatehouse.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest {

    /** Held so JUL keeps the level: zonky's INFO lines about every start would bury the build output. */
    private static final Logger ZONKY = Logger.getLogger("io.zonky");

    @BeforeAll
    static void quietZonky() {
        ZONKY.setLevel(Level.WARNING);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void keepsItsDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
        StoreOptions options = new StoreOptions(dataDir, FreePorts.freePort(), "gatehouse", false);

        try (EmbeddedStore store = EmbeddedStore.start(options)) {
            assertThat(store.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + options.port() + "/gatehouse");
            assertThat(dataDir.resolve("store.ready")).hasContent(store.jdbcUrl());
            assertThat(queryInt(store.jdbcUrl(), "SELECT 1")).isEqualTo(1);
            execute(store.jdbcUrl(), "CREATE TABLE survivor (id int PRIMARY KEY)", "INSERT INTO survivor VALUES (42)");
        }
        assertThat(dataDir.resolve("store.ready")).doesNotExist();

        try (EmbeddedStore store = EmbeddedStore.start(options)) {
            assertThat(queryInt(store.jdbcUrl(), "SELECT id FROM survivor")).isEqualTo(42);
            assertThat(queryString(store.jdbcUrl(), "SHOW fsync")).isEqualTo("on");
            assertThat(queryString(store.jdbcUrl(), "SHOW listen_addresses")).isEqualTo("127.0.0.1");

            StoreOptions sameDataDir = new StoreOptions(dataDir, FreePorts.freePort(), "gatehouse", false);
            assertThatThrownBy(() -> EmbeddedStore.start(sameDataDir))
                    .isInstanceOf(StoreStartException.class)
                    .hasMessage("another gatehouse-store is already running on " + dataDir);
        }
    }

    @Test
    void refusesAPortThatIsTaken(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = FreePorts.busyLoopbackPort()) {
            StoreOptions options = new StoreOptions(dataDir, taken.getLocalPort(), "gatehouse", false);

            assertThatThrownBy(() -> EmbeddedStore.start(options))
                    .isInstanceOf(StoreStartException.class)
                    .hasMessageStartingWith("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
        assertThat(dataDir.resolve("store")).doesNotExist();
    }

    @Test
    void refusesADataDirThatCannotBeCreated(@TempDir Path dir) throws Exception {
        Path aFile = Files.writeString(dir.resolve("not-a-directory"), "x");
        StoreOptions options = new StoreOptions(aFile.resolve("data"), FreePorts.freePort(), "gatehouse", false);

        assertThatThrownBy(() -> EmbeddedStore.start(options))
                .isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith("the data directory " + aFile.resolve("data") + " is not writable (");
    }

    @Test
    void explainsAWrongCommandLine() {
        assertThatThrownBy(() -> StoreOptions.parse(new String[] {"--data-dir", "/tmp/x"}))
                .isInstanceOf(UsageException.class).hasMessage("--port is required");
        assertThatThrownBy(() -> StoreOptions.parse(new String[] {"--data-dir", "/tmp/x", "--port", "1", "--database", "a;b"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--database must be a lower-case identifier");
    }

    /** The contract the launcher relies on: one ready line, the marker, and a clean stop on SIGTERM. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void announcesReadinessAndStopsCleanlyOnSigterm(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.freePort();
        Path stderr = dataDir.resolve("test-stderr.txt");
        Process store = ToolProcess.builder(EmbeddedStore.class, Map.of(),
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port), "--database", "gatehouse")
                .redirectError(stderr.toFile())
                .start();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(store.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(stdout.readLine())
                    .isEqualTo("gatehouse-store: ready jdbc:postgresql://127.0.0.1:" + port + "/gatehouse user=postgres");
            assertThat(dataDir.resolve("store.ready")).exists();
            assertThat(queryInt("jdbc:postgresql://127.0.0.1:" + port + "/gatehouse", "SELECT 1")).isEqualTo(1);

            // SIGTERM through the handle: Process.destroy() would also close our end of stdout.
            store.toHandle().destroy();
            assertThat(store.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stdout.readLine()).as("nothing after the ready line").isNull();
        } finally {
            store.destroyForcibly();
        }
        assertThat(dataDir.resolve("store.ready")).doesNotExist();
        assertThat(PortProbe.isFreeOnLoopback(port)).as("PostgreSQL stopped and released the port").isTrue();
        assertThat(stderr).isEmptyFile();
    }

    @Test
    void printsOneLineOnStderrWhenItCannotStart(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = FreePorts.busyLoopbackPort()) {
            ToolProcess.Result result = ToolProcess.run(EmbeddedStore.class, Map.of(),
                    "--data-dir", dataDir.toString(), "--port", String.valueOf(taken.getLocalPort()));

            assertThat(result.exitCode()).isEqualTo(EmbeddedStore.EXIT_CANNOT_START);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderrLines()).singleElement().asString()
                    .startsWith("gatehouse-store: cannot start: port " + taken.getLocalPort());
        }
    }

    private static int queryInt(String url, String sql) throws SQLException {
        return Integer.parseInt(queryString(url, sql));
    }

    private static String queryString(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as("a row from " + sql).isTrue();
            return result.getString(1);
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
