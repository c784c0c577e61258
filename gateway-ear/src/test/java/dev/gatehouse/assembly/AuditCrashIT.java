package dev.gatehouse.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the audit trail: {@code kill -9} of the gateway (the Payara JVM the launcher
 * started) while pgbench runs through it. After a restart on the same data dir, the offline
 * verifier (gatehouse-verify.jar, with the keys fetched before the crash and the anchor directory)
 * must find the whole chain intact, every event acknowledged before the kill (committed: seq up to
 * the head read just before it) must be there, and every recorded statement must have its event.
 */
class AuditCrashIT {

    private static final long EVENTS_BEFORE_KILL = 1_200;

    private static final Pattern INTACT = Pattern.compile("INTACT: (\\d+) events \\(seq 1\\.\\.(\\d+)\\)");

    @TempDir
    Path dataDir;

    @Test
    void killMinusNineUnderLoadLeavesAChainThatVerifiesAndLosesNoAcknowledgedEvent() throws Exception {
        int httpPort = FreePorts.freePort();
        int storePort = FreePorts.freePort();
        Map<String, String> env = LaunchedGatehouse.env(dataDir, httpPort, storePort);
        // Checkpoints every few hundred events, so some are signed and anchored mid-load.
        env.put("GATEHOUSE_AUDIT_CHECKPOINT_EVENTS", "500");
        env.put("GATEHOUSE_AUDIT_CHECKPOINT_SECONDS", "1");
        int keycloakPort = Integer.parseInt(env.get("KEYCLOAK_PORT"));
        int pgPort = Integer.parseInt(env.get("GATEHOUSE_PG_PORT"));
        String database = "gh_crash_" + Long.toHexString(System.nanoTime());
        runChecked(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", "create database " + database), Map.of());
        try {
            runChecked(List.of("pgbench", "-i", "-s", "1", "-q", "-h", "127.0.0.1", "-U", "postgres", database), Map.of());

            LaunchedGatehouse first = LaunchedGatehouse.launch(env);
            first.awaitReady();
            String admin = "Bearer " + LaunchedGatehouse.userToken(keycloakPort, "alice");
            HttpResponse<String> created = LaunchedGatehouse.send(httpPort, "POST", "/api/v1/connections", """
                    {"name":"crash-bench","type":"postgres","host":"127.0.0.1","port":5432,"database":"%s","username":"postgres",
                     "tlsMode":"disable","allowedRoles":["gatehouse-user"]}""".formatted(database), admin);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> keys = LaunchedGatehouse.send(httpPort, "GET", "/api/v1/audit/public-key", null, admin);
            assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
            Path keyFile = dataDir.resolve("examiner-keys.json");
            Files.writeString(keyFile, keys.body());

            ProcessBuilder load = new ProcessBuilder("pgbench", "-n", "-S", "-c", "4", "-j", "2", "-T", "60",
                    "-h", "127.0.0.1", "-p", String.valueOf(pgPort), "-U", "crash-bench", database)
                    .redirectErrorStream(true).redirectOutput(dataDir.resolve("pgbench.log").toFile());
            load.environment().put("PGPASSWORD", LaunchedGatehouse.agentToken(keycloakPort));
            load.environment().put("PGSSLMODE", "require");
            Process pgbench = load.start();
            pgbench.getOutputStream().close();
            // Kill once the load has been recorded and checkpointed mid-load (every 500 events), not after a
            // fixed time: on a busy 2-core machine 8 s of pgbench sometimes recorded too little.
            long acknowledged = awaitLoadRecorded(storePort, pgbench);
            long gatewayPid = Long.parseLong(Files.readString(dataDir.resolve("run/gateway.pid")).trim());
            ProcessHandle.of(gatewayPid).orElseThrow().destroyForcibly(); // SIGKILL
            assertThat(pgbench.waitFor(60, TimeUnit.SECONDS)).as("pgbench ends when the gateway dies").isTrue();
            assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("the launcher notices and stops").isTrue();
            assertThat(acknowledged).as("load was recorded before the kill:%n%s", Files.readString(dataDir.resolve("pgbench.log")))
                    .isGreaterThan(100);

            LaunchedGatehouse second = LaunchedGatehouse.launch(env);
            second.awaitReady();
            try {
                Ran verified = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar", System.getProperty("gatehouse.verify.jar"), "--keys", keyFile.toString(),
                        "--db", "jdbc:postgresql://127.0.0.1:" + storePort + "/gatehouse", "--user", "postgres",
                        "--anchor", dataDir.resolve("audit-anchor").toString()), Map.of(), 120);
                assertThat(verified.exitCode()).as(verified.output()).isZero();
                Matcher intact = INTACT.matcher(verified.output());
                assertThat(intact.find()).as(verified.output()).isTrue();
                assertThat(Long.parseLong(intact.group(2))).as("every acknowledged event survived").isGreaterThanOrEqualTo(acknowledged);
                assertThat(count(storePort, "select count(*) from audit_event where seq <= " + acknowledged)).isEqualTo(acknowledged);
                assertThat(count(storePort, "select count(*) from data_statement st where not exists (select 1 from audit_event e"
                        + " where e.action = 'statement.executed' and e.details ->> 'sessionId' = st.session_id::text"
                        + " and (e.details ->> 'sequence')::bigint = st.sequence)"))
                        .as("every recorded statement has its chained event").isZero();
                assertThat(count(storePort, "select count(*) from audit_checkpoint")).as("checkpoints were signed under load")
                        .isGreaterThan(1);
            } finally {
                second.process.destroy();
                second.process.waitFor(60, TimeUnit.SECONDS);
            }
        } finally {
            runChecked(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
                    "drop database if exists " + database + " with (force)"), Map.of());
        }
    }

    /**
     * Waits until the chain holds at least {@value #EVENTS_BEFORE_KILL} events and two signed checkpoints,
     * and returns the head read then: every event up to it was acknowledged before the kill.
     */
    private static long awaitLoadRecorded(int storePort, Process pgbench) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (System.nanoTime() < deadline && pgbench.isAlive()) {
            long head = headSeq(storePort);
            if (head >= EVENTS_BEFORE_KILL && count(storePort, "select count(*) from audit_checkpoint") >= 2) {
                return head;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the load was not recorded and checkpointed in time: head seq " + headSeq(storePort)
                + (pgbench.isAlive() ? "" : ", pgbench ended early"));
    }

    private static long headSeq(int storePort) throws SQLException {
        return count(storePort, "select coalesce(max(seq), 0) from audit_event");
    }

    private static long count(int storePort, String sql) throws SQLException {
        try (Connection store = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + storePort + "/gatehouse", "postgres", "");
                Statement st = store.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void runChecked(List<String> command, Map<String, String> env) throws Exception {
        Ran result = run(command, env, 120);
        assertThat(result.exitCode()).as("%s:%n%s", command, result.output()).isZero();
    }

    private record Ran(int exitCode, String output) {
    }

    private static Ran run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Ran(process.exitValue(), output);
    }
}
