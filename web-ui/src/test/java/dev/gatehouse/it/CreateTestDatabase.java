package dev.gatehouse.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates a fresh integration-test database on the machine's real PostgreSQL before Payara starts,
 * and empties the gateway's data dir of the audit anchor: the chain and its anchored checkpoints
 * must start together, as on a new installation. Run by exec-maven-plugin in pre-integration-test;
 * args: JDBC URL of the test database, user, the ITs' data dir.
 */
public final class CreateTestDatabase {

    private CreateTestDatabase() {
    }

    public static void main(String[] args) throws SQLException, IOException {
        String url = args[0];
        String user = args[1];
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*", "");
        if (!database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("unexpected test database name " + database);
        }
        String adminUrl = url.substring(0, slash + 1) + "postgres";
        try (Connection admin = DriverManager.getConnection(adminUrl, user, "");
                PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                try (Statement create = admin.createStatement()) {
                    if (rs.next()) {
                        create.execute("drop database " + database + " with (force)");
                    }
                    create.execute("create database " + database);
                }
            }
        }
        if (args.length > 2) {
            deleteTree(Path.of(args[2], "audit-anchor"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true);
                Files.delete(path);
            }
        }
    }
}
