package dev.gatehouse.assembly;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything that knows zonky: starts a PostgreSQL server on a kept cluster, with settings for a
 * store that holds real data rather than zonky's defaults for throw-away test databases.
 */
final class PostgresLauncher {

    private static final Logger LOG = Logger.getLogger(PostgresLauncher.class.getName());

    /** zonky reads its scratch directory from this property when a builder is created. */
    private static final String ZONKY_WORKING_DIR_PROPERTY = "ot.epg.working-dir";

    /** First start unpacks the binaries and runs initdb before this wait even begins; a slow disk needs slack. */
    private static final Duration SERVER_STARTUP_WAIT = Duration.ofSeconds(60);

    private PostgresLauncher() {
    }

    /** Starts the server, running initdb first if the cluster directory is new. The caller must close it. */
    static EmbeddedPostgres start(StoreOptions options) throws StoreStartException {
        EmbeddedPostgres postgres;
        try {
            postgres = builderWorkingIn(options.binariesDir())
                    .setDataDirectory(options.clusterDir())
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(options.binariesDir().toFile())
                    .setPort(options.port())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // TCP only: no socket file in /tmp that outlives a killed store or clashes with another.
                    .setServerConfig("unix_socket_directories", "")
                    // zonky tunes for throw-away test clusters (-F, synchronous_commit off); this one
                    // holds the audit trail and must survive a power cut.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(Redirect.appendTo(options.serverLog().toFile()))
                    .setErrorRedirector(Redirect.appendTo(options.serverLog().toFile()))
                    .setPGStartupWait(SERVER_STARTUP_WAIT)
                    // zonky's own hook covers a signal that arrives before main() installs ours;
                    // closing twice is harmless.
                    .setRegisterShutdownHook(true)
                    .start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new StoreStartException("PostgreSQL did not start (" + Messages.firstLine(e) + "); see "
                    + options.serverLog(), e);
        }
        requireOwnServer(postgres, options);
        closeBinariesDir(options.binariesDir());
        return postgres;
    }

    /**
     * zonky makes its scratch directory world-writable, as befits a shared /tmp. Here it holds the
     * binaries that run on the next start, so another local user must not be able to swap them.
     */
    private static void closeBinariesDir(Path binariesDir) {
        try {
            Files.setPosixFilePermissions(binariesDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "could not restrict the permissions of " + binariesDir, e);
        }
    }

    /**
     * zonky declares the server up once something answers on the port. pg_ctl, which it runs, exits
     * non-zero if our postmaster did not come up, which is the only sign that the answer came from
     * a server that grabbed the port after our check.
     */
    private static void requireOwnServer(EmbeddedPostgres postgres, StoreOptions options) throws StoreStartException {
        Process pgCtl = postgres.getProcess();
        try {
            if (pgCtl.waitFor(SERVER_STARTUP_WAIT.toSeconds(), TimeUnit.SECONDS) && pgCtl.exitValue() == 0) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(postgres);
        throw new StoreStartException("PostgreSQL did not start (pg_ctl failed); see " + options.serverLog());
    }

    /**
     * The property is read only while the builder is created: it keeps zonky's scratch directory
     * (which it also sweeps for old clusters) inside the data directory instead of /tmp. It is put
     * back at once so nothing else in the JVM sees it.
     */
    private static synchronized EmbeddedPostgres.Builder builderWorkingIn(Path workingDirectory) {
        String previous = System.getProperty(ZONKY_WORKING_DIR_PROPERTY);
        System.setProperty(ZONKY_WORKING_DIR_PROPERTY, workingDirectory.toString());
        try {
            return EmbeddedPostgres.builder();
        } finally {
            if (previous == null) {
                System.clearProperty(ZONKY_WORKING_DIR_PROPERTY);
            } else {
                System.setProperty(ZONKY_WORKING_DIR_PROPERTY, previous);
            }
        }
    }

    static void stopQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "stopping PostgreSQL after a failed start", e);
        }
    }
}
