package dev.gatehouse.proxy.protocol.postgres.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.masking.ResultColumn;
import dev.gatehouse.proxy.protocol.postgres.message.Bind;
import dev.gatehouse.proxy.protocol.postgres.message.Describe;
import dev.gatehouse.proxy.protocol.postgres.message.Execute;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.Sync;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which description the rows of an Execute have, as pgjdbc drives the extended protocol. */
class ResultDescriptionsTest {

    private static final List<ResultColumn> COLUMNS = List.of(new ResultColumn("id", new ColumnOrigin(1, (short) 1), 23, false),
            new ResultColumn("ssn", new ColumnOrigin(1, (short) 2), 25, false));

    private final ResultDescriptions descriptions = new ResultDescriptions();

    @Test
    void aNamedStatementBoundAgainWithoutDescribeUsesItsDescriptionInTheBindsFormats() {
        // First run: Parse S_1, Describe S_1, Sync.
        descriptions.clientSent(new Parse(Unpooled.EMPTY_BUFFER, "S_1", "SELECT id, ssn FROM t", List.of()));
        descriptions.clientSent(new Describe(Unpooled.EMPTY_BUFFER, 'S', "S_1"));
        descriptions.clientSent(new Sync(Unpooled.EMPTY_BUFFER));
        assertThat(descriptions.rowsFollowDescription()).isFalse();
        descriptions.described(COLUMNS);
        descriptions.readyForQuery();
        // Later: Bind with binary results, Execute, Sync, and rows with no RowDescription.
        descriptions.clientSent(new Bind(Unpooled.EMPTY_BUFFER, "", "S_1", List.of(), List.of(), List.of((short) 1, (short) 0)));
        descriptions.clientSent(new Execute(Unpooled.EMPTY_BUFFER, "", 0));
        descriptions.clientSent(new Sync(Unpooled.EMPTY_BUFFER));

        assertThat(descriptions.executing()).extracting(ResultColumn::binary).containsExactly(true, false);
        descriptions.resultEnded();
        assertThat(descriptions.executing()).as("after CommandComplete nothing executes").isNull();
    }

    @Test
    void aPortalDescribedOnTheFirstRunAlsoDescribesItsStatementForLaterRuns() {
        descriptions.clientSent(new Parse(Unpooled.EMPTY_BUFFER, "S_2", "SELECT id, ssn FROM t", List.of()));
        descriptions.clientSent(new Bind(Unpooled.EMPTY_BUFFER, "", "S_2", List.of(), List.of(), List.of()));
        descriptions.clientSent(new Describe(Unpooled.EMPTY_BUFFER, 'P', ""));
        descriptions.clientSent(new Execute(Unpooled.EMPTY_BUFFER, "", 0));
        descriptions.clientSent(new Sync(Unpooled.EMPTY_BUFFER));
        descriptions.described(COLUMNS);
        assertThat(descriptions.executing()).isEqualTo(COLUMNS);
        descriptions.resultEnded();
        descriptions.readyForQuery();

        descriptions.clientSent(new Bind(Unpooled.EMPTY_BUFFER, "", "S_2", List.of(), List.of(), List.of((short) 1)));
        descriptions.clientSent(new Execute(Unpooled.EMPTY_BUFFER, "", 0));
        assertThat(descriptions.executing()).extracting(ResultColumn::binary).containsExactly(true, true);
    }

    @Test
    void anErrorSkipsToSyncAndASimpleQueryDescribesItsOwnRows() {
        descriptions.clientSent(new Bind(Unpooled.EMPTY_BUFFER, "", "unknown", List.of(), List.of(), List.of()));
        descriptions.clientSent(new Execute(Unpooled.EMPTY_BUFFER, "", 0));
        descriptions.clientSent(new Sync(Unpooled.EMPTY_BUFFER));
        assertThat(descriptions.executing()).as("never described: the caller fails closed").isNull();
        descriptions.error();
        descriptions.readyForQuery();

        descriptions.clientSent(new Query(Unpooled.EMPTY_BUFFER, "SELECT 1"));
        assertThat(descriptions.rowsFollowDescription()).isTrue();
        assertThat(descriptions.executing()).isNull();
    }

    @Test
    void pipelinedExecutesOfTheUnnamedPortalEachKeepTheDescriptionTheyWereBoundWith() {
        List<ResultColumn> reversed = List.of(COLUMNS.get(1), COLUMNS.get(0));
        describeStatement("S_a", COLUMNS);
        describeStatement("S_b", reversed);
        // One batch: both Binds reach the target before it answers the first Execute.
        descriptions.clientSent(new Bind(Unpooled.EMPTY_BUFFER, "", "S_a", List.of(), List.of(), List.of()));
        descriptions.clientSent(new Execute(Unpooled.EMPTY_BUFFER, "", 0));
        descriptions.clientSent(new Bind(Unpooled.EMPTY_BUFFER, "", "S_b", List.of(), List.of(), List.of()));
        descriptions.clientSent(new Execute(Unpooled.EMPTY_BUFFER, "", 0));
        descriptions.clientSent(new Sync(Unpooled.EMPTY_BUFFER));

        assertThat(descriptions.executing()).as("the first result: ssn is the second column").isEqualTo(COLUMNS);
        descriptions.resultEnded();
        assertThat(descriptions.executing()).as("the second result: ssn is the first column").isEqualTo(reversed);
    }

    private void describeStatement(String name, List<ResultColumn> columns) {
        descriptions.clientSent(new Parse(Unpooled.EMPTY_BUFFER, name, "SELECT ...", List.of()));
        descriptions.clientSent(new Describe(Unpooled.EMPTY_BUFFER, 'S', name));
        descriptions.clientSent(new Sync(Unpooled.EMPTY_BUFFER));
        descriptions.described(columns);
        descriptions.readyForQuery();
    }
}
