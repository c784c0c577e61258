package dev.gatehouse.proxy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throwaway database on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust), with a
 * unique name, dropped again on close. For tests that need the real server's behaviour (jsonb
 * output, triggers, the store's migrations) but not a server of their own.
 */
public final class ScratchDatabase implements AutoCloseable {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String USER = "postgres";
    /** The store's migrations, applied in version order by {@link #migrate(int, int)}. */
    public static final Path MIGRATIONS = Path.of("..", "web-ui", "src", "main", "resources", "db", "migration");

    private final String name;

    private ScratchDatabase(String name) {
        this.name = name;
    }

    public static ScratchDatabase create(String purpose) throws SQLException {
        String name = "gh_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection server = connect("postgres"); Statement statement = server.createStatement()) {
            statement.execute("create database " + name);
        }
        return new ScratchDatabase(name);
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(SERVER + database, USER, null);
    }

    public String name() {
        return name;
    }

    public String url() {
        return SERVER + name;
    }

    public Connection connect() throws SQLException {
        return connect(name);
    }

    /** Runs the migrations V{first}..V{last} as plain SQL scripts, as Flyway would, minus its history table. */
    public void migrate(int first, int last) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (Path script : migrations()) {
                int version = version(script);
                if (version >= first && version <= last) {
                    statement.execute(Files.readString(script, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> migrations() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
    }

    private static int version(Path script) {
        return Integer.parseInt(script.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"));
    }

    @Override
    public void close() throws SQLException {
        try (Connection server = connect("postgres"); Statement statement = server.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }
}
