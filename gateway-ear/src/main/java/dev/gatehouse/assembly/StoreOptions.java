package dev.gatehouse.assembly;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@link EmbeddedStore} is asked to run.
 *
 * @param dataDir  the Gatehouse data directory; the store keeps everything below it
 * @param port     the loopback TCP port PostgreSQL listens on
 * @param database the database the gateway uses, created on first start
 * @param verbose  whether to log details (FINE) to stderr
 */
record StoreOptions(Path dataDir, int port, String database, boolean verbose) {

    static final String USAGE = "usage: EmbeddedStore --data-dir <path> --port <1-65535> [--database gatehouse] [--verbose]";

    /** A plain identifier, so it can be quoted into CREATE DATABASE without escaping rules. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    static StoreOptions parse(String[] args) throws UsageException {
        CommandLine line = CommandLine.parse(args, Set.of("data-dir", "port", "database"), Set.of("verbose"));
        Path dataDir;
        try {
            dataDir = Path.of(line.required("data-dir")).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("--data-dir is not a usable path: " + e.getMessage());
        }
        int port = CommandLine.port(line.required("port"), "--port");
        String database = line.optional("database").orElse("gatehouse");
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new UsageException("--database must be a lower-case identifier such as gatehouse, not '" + database + "'");
        }
        return new StoreOptions(dataDir, port, database, line.flag("verbose"));
    }

    /** PostgreSQL's own files: the cluster, initialised on first start and kept afterwards. */
    Path clusterDir() {
        return dataDir.resolve("store");
    }

    /**
     * Where zonky unpacks the PostgreSQL binaries. It must not contain {@link #clusterDir()}: zonky
     * deletes any unlocked directory below its working directory that looks like an old cluster.
     */
    Path binariesDir() {
        return dataDir.resolve("store-work");
    }

    /** Output of initdb, pg_ctl and the server. */
    Path serverLog() {
        return dataDir.resolve("store.log");
    }

    Path readyMarker() {
        return dataDir.resolve("store.ready");
    }

    Path processLock() {
        return dataDir.resolve("store.lock");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }
}
