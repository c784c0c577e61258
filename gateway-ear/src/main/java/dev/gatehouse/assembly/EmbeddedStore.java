package dev.gatehouse.assembly;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store of a fresh machine (ADR 0003): a real PostgreSQL, run from the binaries in the zonky
 * jar, whose cluster lives under the Gatehouse data directory and survives restarts.
 *
 * <pre>
 * java -cp 'gateway-ear-VERSION.jar:lib/*' dev.gatehouse.assembly.EmbeddedStore \
 *     --data-dir &lt;path&gt; --port &lt;1-65535&gt; [--database gatehouse] [--verbose]
 * </pre>
 *
 * <p>Under {@code --data-dir} it keeps {@code store/} (the cluster), {@code store-work/} (the
 * unpacked binaries), {@code store.log} (PostgreSQL's output), {@code store.lock} (one store per
 * data directory) and, while the store accepts connections, {@code store.ready} holding the JDBC URL.
 * PostgreSQL listens on 127.0.0.1 only and trusts every local connection as user {@code postgres}.
 *
 * <p>When ready it prints exactly one line to stdout,
 * {@code gatehouse-store: ready jdbc:postgresql://127.0.0.1:PORT/gatehouse user=postgres}, and then
 * runs until SIGTERM or SIGINT, when it removes {@code store.ready} and stops PostgreSQL.
 *
 * <p>Exit codes: 2 for a wrong command line, 3 when the store cannot start (one line on stderr
 * beginning {@code gatehouse-store: cannot start:}); after a signal, the JVM's usual 143 or 130.
 */
public final class EmbeddedStore implements AutoCloseable {

    static final int EXIT_USAGE = 2;
    static final int EXIT_CANNOT_START = 3;

    private static final String LOG_PREFIX = "gatehouse-store";
    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class.getName());

    private final StoreOptions options;
    private final DataDirLock lock;
    private final EmbeddedPostgres postgres;
    private final ReadyMarker readyMarker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedStore(StoreOptions options, DataDirLock lock, EmbeddedPostgres postgres, ReadyMarker readyMarker) {
        this.options = options;
        this.lock = lock;
        this.postgres = postgres;
        this.readyMarker = readyMarker;
    }

    public static void main(String[] args) {
        StoreOptions options;
        try {
            options = StoreOptions.parse(args);
        } catch (UsageException e) {
            System.err.println(LOG_PREFIX + ": " + e.getMessage() + "; " + StoreOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        ConsoleLogging.install(LOG_PREFIX, options.verbose(), "io.zonky");

        EmbeddedStore store;
        try {
            store = start(options);
        } catch (StoreStartException | RuntimeException e) {
            LOG.log(Level.FINE, "the store did not start", e);
            String reason = e instanceof StoreStartException ? e.getMessage() : "unexpected error (" + Messages.firstLine(e) + ")";
            System.err.println(LOG_PREFIX + ": cannot start: " + reason);
            System.exit(EXIT_CANNOT_START);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(store::close, LOG_PREFIX + "-stop"));
        System.out.println(LOG_PREFIX + ": ready " + store.jdbcUrl() + " user=" + StoreDatabase.SUPERUSER);
        System.out.flush();
        waitForSignal();
    }

    /**
     * Starts PostgreSQL, creates the database if the cluster is new and writes {@code store.ready}.
     * The caller owns the result and must close it.
     */
    static EmbeddedStore start(StoreOptions options) throws StoreStartException {
        requireWritable(options.dataDir());
        DataDirLock lock = DataDirLock.acquire(options.processLock());
        try {
            ReadyMarker readyMarker = new ReadyMarker(options.readyMarker());
            // A marker left by a store that was killed would tell the launcher we are ready already.
            deleteStale(readyMarker);
            // PostgreSQL would fail to bind, but zonky's readiness probe would then happily talk to
            // whatever server holds the port; refuse it up front with a reason a person can act on.
            if (!PortProbe.isFreeOnLoopback(options.port())) {
                throw new StoreStartException(portInUseReason(options));
            }
            EmbeddedPostgres postgres = PostgresLauncher.start(options);
            try {
                StoreDatabase.ensureExists(options.port(), options.database());
                readyMarker.write(options.jdbcUrl());
            } catch (SQLException e) {
                PostgresLauncher.stopQuietly(postgres);
                throw new StoreStartException("could not create database " + options.database()
                        + " (" + Messages.firstLine(e) + ")", e);
            } catch (IOException e) {
                PostgresLauncher.stopQuietly(postgres);
                throw new StoreStartException("could not write " + options.readyMarker()
                        + " (" + Messages.fileProblem(e) + ")", e);
            }
            return new EmbeddedStore(options, lock, postgres, readyMarker);
        } catch (StoreStartException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return options.jdbcUrl();
    }

    /** Removes the ready marker first, so nobody connects to a store that is going away, then stops PostgreSQL. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            readyMarker.delete();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete " + options.readyMarker(), e);
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "PostgreSQL did not stop cleanly; see " + options.serverLog(), e);
        }
        lock.close();
    }

    /**
     * A store killed with SIGKILL leaves its PostgreSQL running (pg_ctl detaches it), still holding
     * the port. We hold the data directory lock, so no live store owns that server: name its pid.
     */
    private static String portInUseReason(StoreOptions options) {
        String reason = "port " + options.port() + " on 127.0.0.1 is already in use";
        Optional<Long> orphan = LeftoverPostmaster.pid(options.clusterDir());
        if (orphan.isPresent()) {
            return reason + ", probably by the PostgreSQL of a store that was killed (pid " + orphan.get()
                    + "); stop it with kill -INT " + orphan.get() + " and start again";
        }
        return reason + "; stop the other process or choose another port (GATEHOUSE_STORE_PORT)";
    }

    private static void requireWritable(Path dataDir) throws StoreStartException {
        try {
            Files.createDirectories(dataDir);
            Files.delete(Files.createTempFile(dataDir, ".write-check", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new StoreStartException("the data directory " + dataDir + " is not writable ("
                    + Messages.fileProblem(e) + ")", e);
        }
    }

    private static void deleteStale(ReadyMarker readyMarker) throws StoreStartException {
        try {
            readyMarker.delete();
        } catch (IOException e) {
            throw new StoreStartException("cannot remove the old ready marker (" + Messages.fileProblem(e) + ")", e);
        }
    }

    private static void waitForSignal() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // Nobody interrupts main; if something does, returning ends the JVM and the hook still runs.
            Thread.currentThread().interrupt();
        }
    }
}
