package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.protocol.postgres.message.Bind;
import dev.gatehouse.proxy.protocol.postgres.message.BindComplete;
import dev.gatehouse.proxy.protocol.postgres.message.Close;
import dev.gatehouse.proxy.protocol.postgres.message.CloseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.Describe;
import dev.gatehouse.proxy.protocol.postgres.message.EmptyQueryResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.Execute;
import dev.gatehouse.proxy.protocol.postgres.message.NoData;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.ParseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.PortalSuspended;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import dev.gatehouse.proxy.protocol.postgres.message.Sync;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tracker sees decoded messages only (its raw frames are irrelevant to it), so messages are
 * built directly; a DataRow needs a real frame because it reads its column count from it.
 */
class PostgresStatementsTest {

    private static final ByteBuf NO_FRAME = Unpooled.EMPTY_BUFFER;

    private final List<StatementExecuted> recorded = new ArrayList<>();
    private final PostgresStatements tracker = new PostgresStatements(UUID.randomUUID(), recorded::add);

    @Test
    void aSimpleQueryIsOneStatementWithItsRowsAndTag() {
        tracker.clientSent(new Query(NO_FRAME, "select * from t"));
        tracker.serverSent(new RowDescription(NO_FRAME, List.of()));
        tracker.serverSent(row());
        tracker.serverSent(row());
        tracker.serverSent(new CommandComplete(NO_FRAME, "SELECT 2"));
        assertThat(recorded).isEmpty();
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));

        assertThat(recorded).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("select * from t");
            assertThat(s.protocolMode()).isEqualTo("simple");
            assertThat(s.commandTags()).containsExactly("SELECT 2");
            assertThat(s.rows()).isEqualTo(2);
            assertThat(s.sequence()).isEqualTo(1);
            assertThat(s.failed()).isFalse();
            assertThat(s.durationMicros()).isNotNegative();
        });
    }

    @Test
    void aMultiStatementStringKeepsEveryTagAndStopsAtTheFirstError() {
        tracker.clientSent(new Query(NO_FRAME, "create table a(x int); insert into a values (1),(2); select 1/0; select 3"));
        tracker.serverSent(new CommandComplete(NO_FRAME, "CREATE TABLE"));
        tracker.serverSent(new CommandComplete(NO_FRAME, "INSERT 0 2"));
        tracker.serverSent(error("22012", "division by zero"));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));

        assertThat(recorded).singleElement().satisfies(s -> {
            assertThat(s.commandTags()).containsExactly("CREATE TABLE", "INSERT 0 2");
            assertThat(s.rows()).isEqualTo(2);
            assertThat(s.sqlState()).isEqualTo("22012");
            assertThat(s.errorMessage()).isEqualTo("division by zero");
        });
    }

    @Test
    void anEmptyQueryIsRecordedWithoutTags() {
        tracker.clientSent(new Query(NO_FRAME, ";"));
        tracker.serverSent(new EmptyQueryResponse(NO_FRAME));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));
        assertThat(recorded).singleElement().satisfies(s -> assertThat(s.commandTags()).isEmpty());
    }

    @Test
    void anExtendedExecutionRecordsItsTextAndBinaryParameters() {
        tracker.clientSent(new Parse(NO_FRAME, "s1", "select $1::text, $2::int8, $3, $4::bytea", List.of(25, 20, 0, 17)));
        tracker.clientSent(new Bind(NO_FRAME, "", "s1", List.of((short) 0, (short) 1, (short) 0, (short) 1),
                Arrays.asList("alice".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 0, 0, 1, 2}, null,
                        new byte[] {9, 9, 9}), List.of()));
        tracker.clientSent(new Describe(NO_FRAME, 'P', ""));
        tracker.clientSent(new Execute(NO_FRAME, "", 0));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(new ParseComplete(NO_FRAME));
        tracker.serverSent(new BindComplete(NO_FRAME));
        tracker.serverSent(new RowDescription(NO_FRAME, List.of()));
        tracker.serverSent(row());
        tracker.serverSent(new CommandComplete(NO_FRAME, "SELECT 1"));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));

        assertThat(recorded).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("select $1::text, $2::int8, $3, $4::bytea");
            assertThat(s.protocolMode()).isEqualTo("extended");
            assertThat(s.rows()).isEqualTo(1);
            assertThat(s.parameters()).containsExactly(
                    new BoundParameter(1, 25, false, "alice", 5),
                    new BoundParameter(2, 20, true, "258", 8),
                    new BoundParameter(3, 0, false, null, -1),
                    new BoundParameter(4, 17, true, null, 3));
        });
    }

    @Test
    void aPipelinedBatchRecordsEachExecutionInOrder() {
        tracker.clientSent(new Parse(NO_FRAME, "ins", "insert into t values ($1)", List.of(23)));
        for (int i = 1; i <= 3; i++) {
            tracker.clientSent(new Bind(NO_FRAME, "", "ins", List.of(), List.of(String.valueOf(i).getBytes(StandardCharsets.UTF_8)), List.of()));
            tracker.clientSent(new Execute(NO_FRAME, "", 0));
        }
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(new ParseComplete(NO_FRAME));
        for (int i = 1; i <= 3; i++) {
            tracker.serverSent(new BindComplete(NO_FRAME));
            tracker.serverSent(new CommandComplete(NO_FRAME, "INSERT 0 1"));
        }
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));

        assertThat(recorded).extracting(StatementExecuted::sequence).containsExactly(1L, 2L, 3L);
        assertThat(recorded).extracting(s -> s.parameters().get(0).value()).containsExactly("1", "2", "3");
        assertThat(recorded).allSatisfy(s -> assertThat(s.rows()).isEqualTo(1));
    }

    @Test
    void afterAnErrorTheSkippedExecutionsUpToSyncAreNotRecorded() {
        tracker.clientSent(new Parse(NO_FRAME, "", "insert into t values ($1)", List.of()));
        tracker.clientSent(new Bind(NO_FRAME, "", "", List.of(), List.of("1".getBytes(StandardCharsets.UTF_8)), List.of()));
        tracker.clientSent(new Execute(NO_FRAME, "", 0));
        tracker.clientSent(new Bind(NO_FRAME, "", "", List.of(), List.of("1".getBytes(StandardCharsets.UTF_8)), List.of()));
        tracker.clientSent(new Execute(NO_FRAME, "", 0));
        tracker.clientSent(new Bind(NO_FRAME, "", "", List.of(), List.of("2".getBytes(StandardCharsets.UTF_8)), List.of()));
        tracker.clientSent(new Execute(NO_FRAME, "", 0));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.clientSent(new Query(NO_FRAME, "select 1"));

        tracker.serverSent(new ParseComplete(NO_FRAME));
        tracker.serverSent(new BindComplete(NO_FRAME));
        tracker.serverSent(new CommandComplete(NO_FRAME, "INSERT 0 1"));
        tracker.serverSent(new BindComplete(NO_FRAME));
        tracker.serverSent(error("23505", "duplicate key value violates unique constraint"));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'E'));
        tracker.serverSent(new CommandComplete(NO_FRAME, "SELECT 1"));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));

        assertThat(recorded).hasSize(3);
        assertThat(recorded.get(0).failed()).isFalse();
        assertThat(recorded.get(1).sqlState()).isEqualTo("23505");
        assertThat(recorded.get(1).parameters().get(0).value()).isEqualTo("1");
        assertThat(recorded.get(2).sql()).isEqualTo("select 1");
    }

    @Test
    void aParseErrorIsRecordedWithTheStatementText() {
        tracker.clientSent(new Parse(NO_FRAME, "", "selec 1", List.of()));
        tracker.clientSent(new Bind(NO_FRAME, "", "", List.of(), List.of(), List.of()));
        tracker.clientSent(new Execute(NO_FRAME, "", 0));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(error("42601", "syntax error at or near \"selec\""));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));

        assertThat(recorded).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("selec 1");
            assertThat(s.sqlState()).isEqualTo("42601");
        });
    }

    @Test
    void aPortalReadInChunksIsOneStatementWhoseRowsAddUp() {
        tracker.clientSent(new Parse(NO_FRAME, "", "select * from big", List.of()));
        tracker.clientSent(new Bind(NO_FRAME, "C_1", "", List.of(), List.of(), List.of()));
        tracker.clientSent(new Execute(NO_FRAME, "C_1", 2));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(new ParseComplete(NO_FRAME));
        tracker.serverSent(new BindComplete(NO_FRAME));
        tracker.serverSent(row());
        tracker.serverSent(row());
        tracker.serverSent(new PortalSuspended(NO_FRAME));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'T'));
        assertThat(recorded).isEmpty();

        tracker.clientSent(new Execute(NO_FRAME, "C_1", 2));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(row());
        tracker.serverSent(new CommandComplete(NO_FRAME, "SELECT 1"));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'T'));

        assertThat(recorded).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("select * from big");
            assertThat(s.rows()).isEqualTo(3);
        });
    }

    @Test
    void aPortalClosedBeforeItsEndIsStillRecorded() {
        tracker.clientSent(new Parse(NO_FRAME, "", "select * from big", List.of()));
        tracker.clientSent(new Bind(NO_FRAME, "C_2", "", List.of(), List.of(), List.of()));
        tracker.clientSent(new Execute(NO_FRAME, "C_2", 1));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(new ParseComplete(NO_FRAME));
        tracker.serverSent(new BindComplete(NO_FRAME));
        tracker.serverSent(row());
        tracker.serverSent(new PortalSuspended(NO_FRAME));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'T'));
        tracker.clientSent(new Close(NO_FRAME, 'P', "C_2"));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(new CloseComplete(NO_FRAME));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'T'));

        assertThat(recorded).singleElement().satisfies(s -> {
            assertThat(s.rows()).isEqualTo(1);
            assertThat(s.commandTags()).containsExactly("PORTAL CLOSED");
        });
    }

    @Test
    void describeAnswersDoNotConfuseTheOrder() {
        tracker.clientSent(new Parse(NO_FRAME, "q", "update t set x = 1", List.of()));
        tracker.clientSent(new Describe(NO_FRAME, 'S', "q"));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(new ParseComplete(NO_FRAME));
        tracker.serverSent(new NoData(NO_FRAME));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));
        tracker.clientSent(new Bind(NO_FRAME, "", "q", List.of(), List.of(), List.of()));
        tracker.clientSent(new Execute(NO_FRAME, "", 0));
        tracker.clientSent(new Sync(NO_FRAME));
        tracker.serverSent(new BindComplete(NO_FRAME));
        tracker.serverSent(new CommandComplete(NO_FRAME, "UPDATE 7"));
        tracker.serverSent(new ReadyForQuery(NO_FRAME, 'I'));

        assertThat(recorded).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("update t set x = 1");
            assertThat(s.rows()).isEqualTo(7);
        });
    }

    @Test
    void whatIsInFlightWhenTheSessionEndsIsRecordedAsInterrupted() {
        tracker.clientSent(new Query(NO_FRAME, "select pg_sleep(30)"));
        tracker.sessionEnded("client disconnected");
        assertThat(recorded).singleElement().satisfies(s -> {
            assertThat(s.sqlState()).isEqualTo("08006");
            assertThat(s.errorMessage()).contains("client disconnected");
        });
    }

    @Test
    void rowCountsAreReadFromCommandTags() {
        assertThat(PostgresStatements.rowsIn("INSERT 0 12")).isEqualTo(12);
        assertThat(PostgresStatements.rowsIn("SELECT 3")).isEqualTo(3);
        assertThat(PostgresStatements.rowsIn("COPY 5")).isEqualTo(5);
        assertThat(PostgresStatements.rowsIn("CREATE TABLE")).isEqualTo(-1);
        assertThat(PostgresStatements.rowsIn("BEGIN")).isEqualTo(-1);
    }

    private static DataRow row() {
        ByteBuf frame = Unpooled.buffer().writeByte('D').writeInt(4 + 2 + 4 + 1).writeShort(1).writeInt(1).writeByte('1');
        return new DataRow(frame);
    }

    private static ErrorResponse error(String sqlState, String message) {
        return new ErrorResponse(NO_FRAME, Map.of('S', "ERROR", 'C', sqlState, 'M', message));
    }
}
