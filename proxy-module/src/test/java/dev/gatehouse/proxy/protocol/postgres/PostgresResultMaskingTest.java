package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TargetCatalog;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.masking.MarkingCellMasker;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.protocol.postgres.results.ResultDescriptions;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The masking stage on its own: waiting for a catalog lookup, and failing closed in protocol step. */
class PostgresResultMaskingTest {

    private static final ColumnOrigin SSN = new ColumnOrigin(16400, (short) 2);
    private static final Identity WHO = new Identity("s", "ann", "cli", IdentityKind.HUMAN, Set.of(), Set.of(), "j", Instant.now(),
            Instant.now().plusSeconds(60), "test");
    private static final Connection TARGET = new Connection("crm", ConnectionType.POSTGRES, "db", 5432, "crm", "app", TlsMode.DISABLE,
            Map.of(), Set.of(), false);

    private final List<StatementExecuted> recorded = new ArrayList<>();
    private final PostgresStatements statements = new PostgresStatements(UUID.randomUUID(), recorded::add);
    private final List<FramedMessage> delivered = new ArrayList<>();
    private final AtomicInteger invalidated = new AtomicInteger();
    /** What the rules answer now: a test may change it while the session runs. */
    private final AtomicReference<CompletableFuture<MaskingPolicy>> answers = new AtomicReference<>();
    private CompletableFuture<Map<ColumnOrigin, CatalogColumn>> lookup = new CompletableFuture<>();
    private final TargetCatalog catalog = new TargetCatalog() {
        @Override
        public CompletionStage<Map<ColumnOrigin, CatalogColumn>> columns(Connection connection, Set<ColumnOrigin> origins) {
            return lookup;
        }

        @Override
        public void invalidate(Connection connection) {
            invalidated.incrementAndGet();
        }
    };
    private final MaskingRule ssnRule = new MaskingRule("r-ssn", "ssn",
            new MaskTarget.Column(new CatalogColumn("public", "customers", "ssn")), new MaskMethod.Redact("x"));
    private PostgresResultMasking masking;
    private final ResultDescriptions descriptions = new ResultDescriptions();

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void release() {
        delivered.forEach(FramedMessage::release);
        masking.close();
    }

    private void start(MaskingRule rule) {
        start(CompletableFuture.completedFuture(new MaskingPolicy(List.of(rule), Map.of())));
    }

    private void start(CompletableFuture<MaskingPolicy> policy) {
        answers.set(policy);
        MaskingSession rules = MaskingSession.start((who, connection) -> answers.get(), catalog, WHO, TARGET, Runnable::run,
                settled -> new MarkingCellMasker(null));
        masking = new PostgresResultMasking(rules, descriptions, false, statements, message -> {
            statements.serverSent(message);
            delivered.add(message);
        }, () -> { }, ByteBufAllocator.DEFAULT);
        Query query = new Query(Unpooled.EMPTY_BUFFER, "SELECT id, ssn FROM customers");
        statements.clientSent(query);
        descriptions.clientSent(query);
    }

    @Test
    void rowsWaitForTheirPlanAndThenGoOnMaskedInOrder() {
        start(ssnRule);
        masking.fromTarget(description());
        masking.fromTarget(row("1", MarkingCellMasker.SECRET));

        assertThat(masking.holding()).as("the session stops reading from the target").isTrue();
        assertThat(delivered).as("nothing goes on before the plan exists").isEmpty();

        lookup.complete(Map.of(SSN, new CatalogColumn("public", "customers", "ssn")));
        masking.fromTarget(new CommandComplete(frame('C', "SELECT 1\0"), "SELECT 1"));
        masking.fromTarget(new ReadyForQuery(frame('Z', "I"), 'I'));

        assertThat(masking.holding()).isFalse();
        assertThat(delivered).extracting(message -> message.getClass().getSimpleName())
                .containsExactly("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
        DataRow row = (DataRow) delivered.get(1);
        assertThat(new String(row.columnBytes(1), StandardCharsets.UTF_8)).isEqualTo("MASKED");
        assertThat(recorded).singleElement().satisfies(statement -> assertThat(statement.masking())
                .containsExactly(new MaskingEvidence("r-ssn", "ssn", "public.customers.ssn", 1)));
    }

    @Test
    void aFailedLookupFailsTheResultClosedAndTheSessionStaysInStep() {
        start(ssnRule);
        masking.fromTarget(description());
        masking.fromTarget(row("1", MarkingCellMasker.SECRET));
        lookup.completeExceptionally(new IllegalStateException("catalog down"));
        masking.fromTarget(row("2", MarkingCellMasker.SECRET));
        masking.fromTarget(new CommandComplete(frame('C', "SELECT 2\0"), "SELECT 2"));
        masking.fromTarget(new ReadyForQuery(frame('Z', "I"), 'I'));

        assertThat(delivered).extracting(message -> message.getClass().getSimpleName())
                .containsExactly("ErrorResponse", "ReadyForQuery");
        assertThat(((ErrorResponse) delivered.get(0)).sqlState()).isEqualTo("42501");
        assertThat(recorded).singleElement().satisfies(statement -> {
            assertThat(statement.sqlState()).isEqualTo("42501");
            assertThat(statement.errorMessage()).contains("catalog");
        });
    }

    @Test
    void anUnmaskableValueStopsTheRestOfTheResult() {
        start(new MaskingRule("r-tok", "token", ssnRule.target(), new MaskMethod.Tokenize("absent")));
        lookup.complete(Map.of(SSN, new CatalogColumn("public", "customers", "ssn")));
        masking.fromTarget(description());
        masking.fromTarget(row("1", MarkingCellMasker.SECRET));
        masking.fromTarget(row("2", MarkingCellMasker.SECRET));
        masking.fromTarget(new CommandComplete(frame('C', "SELECT 2\0"), "SELECT 2"));
        masking.fromTarget(new ReadyForQuery(frame('Z', "I"), 'I'));

        assertThat(delivered).extracting(message -> message.getClass().getSimpleName())
                .containsExactly("RowDescription", "ErrorResponse", "ReadyForQuery");
        assertThat(((ErrorResponse) delivered.get(1)).message()).contains("tokenization key is missing")
                .doesNotContain(MarkingCellMasker.SECRET);
    }

    @Test
    void untilThePolicyIsKnownNothingGoesOn() {
        CompletableFuture<MaskingPolicy> policy = new CompletableFuture<>();
        start(policy);
        lookup.complete(Map.of(SSN, new CatalogColumn("public", "customers", "ssn")));
        masking.fromTarget(description());
        masking.fromTarget(row("1", MarkingCellMasker.SECRET));
        assertThat(masking.holding()).isTrue();
        assertThat(delivered).isEmpty();

        policy.complete(new MaskingPolicy(List.of(ssnRule), Map.of()));

        assertThat(masking.holding()).isFalse();
        assertThat(delivered).hasSize(2);
        assertThat(new String(((DataRow) delivered.get(1)).columnBytes(1), StandardCharsets.UTF_8)).isEqualTo("MASKED");
    }

    @Test
    void aPolicyThatArrivesEmptyLetsTheSessionDropTheStage() {
        CompletableFuture<MaskingPolicy> policy = new CompletableFuture<>();
        start(policy);
        masking.fromTarget(description());
        policy.complete(MaskingPolicy.NONE);

        assertThat(delivered).hasSize(1);
        assertThat(masking.maskingNothing()).as("not in the middle of a result").isFalse();
        masking.fromTarget(new CommandComplete(frame('C', "SELECT 0\0"), "SELECT 0"));
        masking.fromTarget(new ReadyForQuery(frame('Z', "I"), 'I'));
        assertThat(masking.maskingNothing()).isTrue();
    }

    @Test
    void aResultKeepsItsPlanAndTheNextAnswerFollowsTheNewPolicy() {
        start(ssnRule);
        lookup.complete(Map.of(SSN, new CatalogColumn("public", "customers", "ssn")));
        masking.fromTarget(description());
        masking.fromTarget(row("1", MarkingCellMasker.SECRET));
        answers.set(CompletableFuture.completedFuture(MaskingPolicy.NONE)); // an unmask grant, mid-result
        masking.fromTarget(row("2", MarkingCellMasker.SECRET));
        masking.fromTarget(new CommandComplete(frame('C', "SELECT 2\0"), "SELECT 2"));
        masking.fromTarget(new ReadyForQuery(frame('Z', "I"), 'I'));

        sendQuery();
        masking.fromTarget(description());
        masking.fromTarget(row("3", MarkingCellMasker.SECRET));

        assertThat(cells(1)).containsExactly("MASKED", "MASKED", MarkingCellMasker.SECRET);
    }

    @Test
    void aPolicyStillPendingWhereTheNextAnswerStartsHoldsItUntilItSettles() {
        start(CompletableFuture.completedFuture(MaskingPolicy.NONE));
        lookup.complete(Map.of(SSN, new CatalogColumn("public", "customers", "ssn")));
        masking.fromTarget(new ReadyForQuery(frame('Z', "I"), 'I'));
        CompletableFuture<MaskingPolicy> pending = new CompletableFuture<>();
        answers.set(pending);

        sendQuery();
        masking.fromTarget(description());
        masking.fromTarget(row("1", MarkingCellMasker.SECRET));
        assertThat(masking.holding()).isTrue();
        assertThat(cells(1)).isEmpty();

        pending.complete(new MaskingPolicy(List.of(ssnRule), Map.of()));
        assertThat(masking.holding()).isFalse();
        assertThat(cells(1)).containsExactly("MASKED");
    }

    @Test
    void rulesThatFailWhereTheNextAnswerStartsFailItClosed() {
        start(ssnRule);
        lookup.complete(Map.of(SSN, new CatalogColumn("public", "customers", "ssn")));
        masking.fromTarget(new ReadyForQuery(frame('Z', "I"), 'I'));
        answers.set(CompletableFuture.failedFuture(new IllegalStateException("rules store down")));

        sendQuery();
        masking.fromTarget(description());
        masking.fromTarget(row("1", MarkingCellMasker.SECRET));
        masking.fromTarget(new ReadyForQuery(frame('Z', "I"), 'I'));

        assertThat(delivered).extracting(message -> message.getClass().getSimpleName())
                .containsExactly("ReadyForQuery", "ErrorResponse", "ReadyForQuery");
    }

    private void sendQuery() {
        Query query = new Query(Unpooled.EMPTY_BUFFER, "SELECT id, ssn FROM customers");
        statements.clientSent(query);
        descriptions.clientSent(query);
    }

    /** The text of one column of every row delivered so far. */
    private List<String> cells(int column) {
        return delivered.stream().filter(DataRow.class::isInstance)
                .map(row -> new String(((DataRow) row).columnBytes(column), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void ddlDropsTheCachedNames() {
        start(ssnRule);
        masking.fromTarget(new CommandComplete(frame('C', "ALTER TABLE\0"), "ALTER TABLE"));
        assertThat(invalidated).hasValue(1);
    }

    @Test
    void ddlBehindAFailedResultStillDropsTheCachedNames() {
        start(new MaskingRule("r-tok", "token", ssnRule.target(), new MaskMethod.Tokenize("absent")));
        lookup.complete(Map.of(SSN, new CatalogColumn("public", "customers", "ssn")));
        masking.fromTarget(description());
        masking.fromTarget(row("1", MarkingCellMasker.SECRET));
        // SELECT ...; ALTER TABLE ... in one query string: the ALTER ran although its tag is withheld.
        masking.fromTarget(new CommandComplete(frame('C', "SELECT 1\0"), "SELECT 1"));
        masking.fromTarget(new CommandComplete(frame('C', "ALTER TABLE\0"), "ALTER TABLE"));

        assertThat(invalidated).hasValue(1);
    }

    private static RowDescription description() {
        return new RowDescription(frame('T', "-"), List.of(new RowDescription.Field("id", 16400, (short) 1, 23, (short) 4, -1, (short) 0),
                new RowDescription.Field("ssn", 16400, (short) 2, 25, (short) -1, -1, (short) 0)));
    }

    private static DataRow row(String... values) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte('D').writeInt(0).writeShort(values.length);
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            frame.writeInt(bytes.length).writeBytes(bytes);
        }
        frame.setInt(1, frame.writerIndex() - 1);
        return new DataRow(frame);
    }

    /** A frame whose body the stage never reads (it works on the decoded fields). */
    private static ByteBuf frame(char type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeByte(type).writeInt(4 + bytes.length).writeBytes(bytes);
    }
}
