package dev.gatehouse.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway PostgreSQL target that demands SCRAM-SHA-256 passwords over TCP. The machine's own
 * cluster trusts every local login, so a wrong password would pass there and prove nothing.
 */
public final class PasswordCheckingPostgres implements AutoCloseable {

    public static final String ROLE = "gh_target";

    private final EmbeddedPostgres postgres;
    private final String password = "Target-" + UUID.randomUUID();

    private PasswordCheckingPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PasswordCheckingPostgres start(Path workDir) throws IOException, SQLException {
        Path data = workDir.resolve("target-pg-" + UUID.randomUUID());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setDataDirectoryCustomizer(PasswordCheckingPostgres::requirePasswords)
                .start();
        PasswordCheckingPostgres target = new PasswordCheckingPostgres(pg);
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("create role " + ROLE + " login password '" + target.password + "'");
            st.execute("create database target_db owner " + ROLE);
        }
        return target;
    }

    private static void requirePasswords(File dataDir) {
        // The test harness itself logs in as postgres without a password; everyone else needs SCRAM.
        String hba = """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all all 127.0.0.1/32 scram-sha-256
                """;
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String password() {
        return password;
    }

    public String database() {
        return "target_db";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
