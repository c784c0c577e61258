package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.TargetCatalog;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.masking.MarkingCellMasker;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.protocol.postgres.message.Bind;
import dev.gatehouse.proxy.protocol.postgres.message.BindComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.Describe;
import dev.gatehouse.proxy.protocol.postgres.message.Execute;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.NoticeResponse;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.ParseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import dev.gatehouse.proxy.protocol.postgres.message.Sync;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The masking stage goes in and out of a session's path as its policy changes, at request boundaries only. */
class MaskingGateTest {

    private static final ColumnOrigin SSN = new ColumnOrigin(16400, (short) 2);
    private static final Identity WHO = new Identity("s", "ann", "cli", IdentityKind.HUMAN, Set.of(), Set.of(), "j", Instant.now(),
            Instant.now().plusSeconds(60), "test");
    private static final Connection TARGET = new Connection("crm", ConnectionType.POSTGRES, "db", 5432, "crm", "app", TlsMode.DISABLE,
            Map.of(), Set.of(), false);
    private static final MaskingPolicy SSN_MASKED = new MaskingPolicy(List.of(new MaskingRule("r-ssn", "ssn",
            new MaskTarget.Column(new CatalogColumn("public", "customers", "ssn")), new MaskMethod.Redact("x"))), Map.of());

    private final AtomicReference<MaskingPolicy> policy = new AtomicReference<>(MaskingPolicy.NONE);
    private final PostgresStatements statements = new PostgresStatements(UUID.randomUUID(), event -> { });
    private final List<FramedMessage> delivered = new ArrayList<>();
    private final TargetCatalog catalog = new TargetCatalog() {
        @Override
        public CompletionStage<Map<ColumnOrigin, CatalogColumn>> columns(Connection connection, Set<ColumnOrigin> origins) {
            return CompletableFuture.completedFuture(Map.of(SSN, new CatalogColumn("public", "customers", "ssn")));
        }

        @Override
        public void invalidate(Connection connection) {
        }
    };
    private MaskingGate gate;

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void release() {
        delivered.forEach(FramedMessage::release);
        gate.close();
    }

    private void open() {
        MaskingSession rules = MaskingSession.start((who, connection) -> CompletableFuture.completedFuture(policy.get()), catalog, WHO,
                TARGET, Runnable::run, settled -> new MarkingCellMasker(null));
        gate = new MaskingGate(rules, (descriptions, answerStarts) -> new PostgresResultMasking(rules, descriptions, answerStarts,
                statements, delivered::add, () -> { }, ByteBufAllocator.DEFAULT));
    }

    /** What the session does with a message from the target: the gate's, or straight to the client. */
    private boolean fromTarget(FramedMessage message) {
        boolean taken = gate.fromTarget(message);
        if (!taken) {
            delivered.add(message);
        }
        return taken;
    }

    private void clientSent(FramedMessage message) {
        statements.clientSent(message);
        gate.clientSent(message);
    }

    private boolean answerSimpleQuery() {
        clientSent(new Query(Unpooled.EMPTY_BUFFER, "SELECT id, ssn FROM customers"));
        boolean taken = fromTarget(description());
        fromTarget(row("1", MarkingCellMasker.SECRET));
        fromTarget(new CommandComplete(frame('C', "SELECT 1\0"), "SELECT 1"));
        fromTarget(ready());
        return taken;
    }

    @Test
    void aRuleAddedLaterMasksRowsOfAStatementDescribedBefore() {
        open();
        clientSent(new Parse(Unpooled.EMPTY_BUFFER, "S_1", "SELECT id, ssn FROM customers", List.of()));
        clientSent(new Describe(Unpooled.EMPTY_BUFFER, 'S', "S_1"));
        clientSent(new Sync(Unpooled.EMPTY_BUFFER));
        assertThat(fromTarget(new ParseComplete(frame('1', "")))).as("no rules: nothing passes the stage").isFalse();
        fromTarget(description());
        fromTarget(ready());

        policy.set(SSN_MASKED);
        clientSent(new Bind(Unpooled.EMPTY_BUFFER, "", "S_1", List.of(), List.of(), List.of()));
        clientSent(new Execute(Unpooled.EMPTY_BUFFER, "", 0));
        clientSent(new Sync(Unpooled.EMPTY_BUFFER));
        assertThat(fromTarget(new BindComplete(frame('2', "")))).isTrue();
        fromTarget(row("1", MarkingCellMasker.SECRET));
        fromTarget(new CommandComplete(frame('C', "SELECT 1\0"), "SELECT 1"));
        fromTarget(ready());

        assertThat(cells()).containsExactly("MASKED");
    }

    @Test
    void thePolicyIsAskedAgainForTheFirstAnswerOfTheSession() {
        open();
        policy.set(SSN_MASKED); // changed while a pooled connection waited for its first statement

        answerSimpleQuery();

        assertThat(cells()).containsExactly("MASKED");
    }

    @Test
    void aNoticeWhileIdleDoesNotTakeThePlaceOfTheNextAnswer() {
        open();
        answerSimpleQuery();
        fromTarget(new NoticeResponse(frame('N', ""), Map.of('S', "NOTICE", 'M', "checkpoint")));
        policy.set(SSN_MASKED);

        answerSimpleQuery();

        assertThat(cells()).containsExactly(MarkingCellMasker.SECRET, "MASKED");
    }

    @Test
    void theStageLeavesOnceThePolicyMasksNothingAgain() {
        policy.set(SSN_MASKED);
        open();
        assertThat(answerSimpleQuery()).isTrue();
        policy.set(MaskingPolicy.NONE); // an unmask grant

        answerSimpleQuery();
        assertThat(answerSimpleQuery()).as("the stage is out of the path").isFalse();

        assertThat(cells()).containsExactly("MASKED", MarkingCellMasker.SECRET, MarkingCellMasker.SECRET);
    }

    private List<String> cells() {
        return delivered.stream().filter(DataRow.class::isInstance)
                .map(row -> new String(((DataRow) row).columnBytes(1), StandardCharsets.UTF_8)).toList();
    }

    private static ReadyForQuery ready() {
        return new ReadyForQuery(frame('Z', "I"), 'I');
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

    private static ByteBuf frame(char type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeByte(type).writeInt(4 + bytes.length).writeBytes(bytes);
    }
}
