package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.LoginRefused;
import dev.gatehouse.proxy.api.RecordedEvent.SessionEnded;
import dev.gatehouse.proxy.api.RecordedEvent.SessionStarted;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.testing.Psql;
import dev.gatehouse.proxy.testing.Psql.Result;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real psql and pgbench through the gateway to a target that checks SCRAM passwords. The gateway
 * dials with the stored secret; the clients only ever hold a token.
 */
class PostgresClientsThroughGatewayTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TargetPostgres target;
    static TestGateway gateway;
    static Connection connection;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, true, TlsMode.REQUIRE, "alice");
        target = path.target();
        gateway = path.gateway();
        connection = path.connection();
        token = path.token();
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    @Test
    void aQueryAMultiStatementStringAndAFailureAreRecordedAndTheSqlStateArrivesUnchanged() throws Exception {
        Result run = Psql.psql(gateway.port(), connection.name(), TargetPostgres.DATABASE, "require", token, null,
                "-c", "select 40 + 2 as answer",
                "-c", "create table psql_items(id int primary key, name text); insert into psql_items values (1, 'a'), (2, 'b')",
                "-c", "select * from no_such_table");
        assertThat(run.stdout()).contains("42");
        assertThat(run.stderr()).contains("ERROR:  42P01: relation \"no_such_table\" does not exist");

        StatementExecuted failure = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().equals("select * from no_such_table"));
        SessionStarted started = gateway.awaitRecorded(SessionStarted.class, s -> s.sessionId().equals(failure.sessionId()));
        assertThat(started.clientTls()).isTrue();
        assertThat(started.applicationName()).isEqualTo("psql");
        assertThat(started.connection()).isEqualTo(connection.name());
        assertThat(started.identity().username()).isEqualTo("alice");
        assertThat(started.database()).isEqualTo(TargetPostgres.DATABASE);
        assertThat(started.clientAddress()).startsWith("127.0.0.1:");
        StatementExecuted failed = gateway.awaitRecorded(StatementExecuted.class,
                s -> s.sessionId().equals(started.sessionId()) && "42P01".equals(s.sqlState()));
        assertThat(failed.sql()).isEqualTo("select * from no_such_table");
        assertThat(failed.errorMessage()).contains("no_such_table");
        List<StatementExecuted> all = gateway.recorded(StatementExecuted.class).stream()
                .filter(s -> s.sessionId().equals(started.sessionId())).toList();
        assertThat(all).extracting(StatementExecuted::sql).containsExactly("select 40 + 2 as answer",
                "create table psql_items(id int primary key, name text); insert into psql_items values (1, 'a'), (2, 'b')",
                "select * from no_such_table");
        assertThat(all.get(1).commandTags()).containsExactly("CREATE TABLE", "INSERT 0 2");
        assertThat(all).extracting(StatementExecuted::sequence).containsExactly(1L, 2L, 3L);
        SessionEnded ended = gateway.awaitRecorded(SessionEnded.class, e -> e.sessionId().equals(started.sessionId()));
        assertThat(ended.reason()).isEqualTo("client terminated");
        assertThat(ended.statements()).isEqualTo(3);
        assertThat(ended.bytesFromClient()).isPositive();
        assertThat(ended.bytesToClient()).isPositive();
    }

    @Test
    void copyInAndOutThroughTheGateway() throws Exception {
        Psql.psql(gateway.port(), connection.name(), TargetPostgres.DATABASE, "require", token, null,
                "-c", "create table copy_items(id int, name text)");
        Result in = Psql.psql(gateway.port(), connection.name(), TargetPostgres.DATABASE, "require", token,
                "1\tone\n2\ttwo\n3\tthree\n", "-c", "\\copy copy_items from stdin");
        assertThat(in.exitCode()).as(in.all()).isZero();
        assertThat(in.stdout()).contains("COPY 3");
        Result out = Psql.psql(gateway.port(), connection.name(), TargetPostgres.DATABASE, "require", token, null,
                "-c", "\\copy (select * from copy_items order by id) to stdout");
        assertThat(out.exitCode()).as(out.all()).isZero();
        assertThat(out.stdout()).contains("1\tone\n2\ttwo\n3\tthree\n");

        gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().contains("copy_items FROM STDIN") && s.commandTags().contains("COPY 3"));
        gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().startsWith("COPY") && s.sql().contains("order by id")
                && s.commandTags().contains("COPY 3"));
    }

    @Test
    void listenAndNotifyReachTheClient() throws Exception {
        Result run = Psql.psql(gateway.port(), connection.name(), TargetPostgres.DATABASE, "require", token, null,
                "-c", "listen gatehouse_events", "-c", "notify gatehouse_events, 'hello from the target'", "-c", "select 1");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).contains("Asynchronous notification \"gatehouse_events\" with payload \"hello from the target\"");
        gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().equals("listen gatehouse_events") && s.commandTags().contains("LISTEN"));
        gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().startsWith("notify gatehouse_events") && s.commandTags().contains("NOTIFY"));
    }

    @Test
    void pgbenchInitialisesAndRunsWithoutErrors() throws Exception {
        List<String> connect = List.of("-h", "127.0.0.1", "-p", String.valueOf(gateway.port()), "-U", connection.name());
        Result init = Psql.run(concat(List.of("pgbench", "-i", "-s", "1", "-q"), connect, List.of(TargetPostgres.DATABASE)), token, null, 120);
        assertThat(init.exitCode()).as(init.all()).isZero();
        assertThat(init.all()).contains("done").doesNotContain("ERROR");

        Result bench = Psql.run(concat(List.of("pgbench", "-M", "extended", "-c", "4", "-j", "2", "-T", "3"), connect,
                List.of(TargetPostgres.DATABASE)), token, null, 120);
        assertThat(bench.exitCode()).as(bench.all()).isZero();
        assertThat(bench.stdout()).contains("number of failed transactions: 0").contains("tps = ");
        gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().startsWith("UPDATE pgbench_accounts") && s.parameters().size() == 2);
    }

    @Test
    void aClientThatMustUseTlsIsRefusedInClearAndAcceptedWithTls() throws Exception {
        Connection strict = gateway.addConnection(new Connection("strict", connection.type(), connection.host(), connection.port(),
                connection.database(), connection.username(), TlsMode.REQUIRE, connection.labels(), connection.allowedRoles(), true),
                target.password(TargetPostgres.SCRAM_USER), true);
        Result clear = Psql.psql(gateway.port(), strict.name(), TargetPostgres.DATABASE, "disable", token, null, "-c", "select 1");
        assertThat(clear.exitCode()).isNotZero();
        assertThat(clear.stderr()).contains("connection \"strict\" requires TLS: connect with sslmode=require");
        gateway.awaitRecorded(LoginRefused.class, r -> "tls_required".equals(r.reason()) && "28000".equals(r.sqlState()));

        Result encrypted = Psql.psql(gateway.port(), strict.name(), TargetPostgres.DATABASE, "require", token, null,
                "-A", "-t", "-c", "select ssl from pg_stat_ssl where pid = pg_backend_pid()");
        assertThat(encrypted.exitCode()).as(encrypted.all()).isZero();
        assertThat(encrypted.stdout().strip()).as("the gateway's own hop to the target is TLS too").isEqualTo("t");
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toList();
    }
}
