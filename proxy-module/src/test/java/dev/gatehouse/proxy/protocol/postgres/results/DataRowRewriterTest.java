package dev.gatehouse.proxy.protocol.postgres.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.CellRewriter;
import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.masking.ColumnPlanner;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MarkingCellMasker;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.masking.MaskingTally;
import dev.gatehouse.proxy.masking.ResultColumn;
import dev.gatehouse.proxy.masking.ResultPlan;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresBackendDecoder;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rows go through the real backend decoder, the rewriter, and the decoder again: what a client would parse. */
class DataRowRewriterTest {

    private static final int INT4 = 23;
    private static final int TEXT = 25;
    private static final int BYTEA = 17;
    private static final ColumnOrigin ID = new ColumnOrigin(16400, (short) 1);
    private static final ColumnOrigin SSN = new ColumnOrigin(16400, (short) 2);
    private static final ColumnOrigin NOTE = new ColumnOrigin(16400, (short) 3);
    private static final ColumnOrigin BALANCE = new ColumnOrigin(16400, (short) 4);

    private final MaskingRule ssnRule = new MaskingRule("r-ssn", "ssn", new MaskTarget.Column(new CatalogColumn("public", "customers", "ssn")),
            new MaskMethod.Partial(0, 4, '*'));
    private final MaskingRule balanceRule = new MaskingRule("r-bal", "balance",
            new MaskTarget.Column(new CatalogColumn("public", "customers", "balance")), new MaskMethod.Redact("0"));
    private final MaskingRule contentRule = new MaskingRule("r-content", "ssn anywhere",
            new MaskTarget.Content(new Detector.BuiltIn(Detector.Kind.US_SSN)), new MaskMethod.Redact("***"));
    private final MarkingCellMasker cells = new MarkingCellMasker(contentRule);
    private final ColumnPlanner planner = new ColumnPlanner(new MaskingPolicy(List.of(ssnRule, balanceRule, contentRule), Map.of()), cells);
    private final DataRowRewriter rewriter = new DataRowRewriter(new CellRewriter(cells));
    private final Map<ColumnOrigin, CatalogColumn> names = Map.of(SSN, new CatalogColumn("public", "customers", "ssn"),
            BALANCE, new CatalogColumn("public", "customers", "balance"));
    private final EmbeddedChannel decoder = new EmbeddedChannel(new PostgresBackendDecoder());
    private final MaskingTally tally = new MaskingTally();

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void nothingLeftBehind() {
        assertThat(decoder.finishAndReleaseAll()).isFalse();
    }

    @Test
    void textRowsGetTheMaskedValueAndRecomputedLengths() throws Exception {
        ResultPlan plan = plan(false);
        DataRow row = decode(row(text("7"), text("123-45-6789"), text("call re 123-45-6789 please"), text("1234.50")));

        ByteBuf rewritten = rewriter.rewrite(row, plan, tally, ByteBufAllocator.DEFAULT);
        row.release();
        DataRow masked = decode(rewritten);
        try {
            assertThat(texts(masked)).containsExactly("7", "MASKED", "call re ***-**-6789 please", "MASKED");
            assertThat(masked.raw().getInt(1)).isEqualTo(masked.raw().readableBytes() - 1);
        } finally {
            masked.release();
        }
        plan.drainInto(tally);
        assertThat(tally.drain()).containsExactlyInAnyOrder(new MaskingEvidence("r-ssn", "ssn", "public.customers.ssn", 1),
                new MaskingEvidence("r-bal", "balance", "public.customers.balance", 1),
                new MaskingEvidence("r-content", "ssn anywhere", "note", 1));
    }

    @Test
    void binaryRowsKeepTheirUntouchedColumnsByteForByte() throws Exception {
        List<ResultColumn> columns = List.of(new ResultColumn("id", ID, INT4, true), new ResultColumn("ssn", SSN, TEXT, true),
                new ResultColumn("photo", NOTE, BYTEA, true), new ResultColumn("balance", BALANCE, INT4, true));
        ResultPlan plan = planner.plan(columns, names);
        byte[] photo = {0, 1, 2, (byte) 0xff};
        DataRow row = decode(row(int4(42), text("123-45-6789"), photo, int4(100_000)));

        ByteBuf rewritten = rewriter.rewrite(row, plan, tally, ByteBufAllocator.DEFAULT);
        row.release();
        DataRow masked = decode(rewritten);
        try {
            assertThat(masked.columnBytes(0)).isEqualTo(int4(42));
            assertThat(new String(masked.columnBytes(1), StandardCharsets.UTF_8)).isEqualTo("MASKED");
            assertThat(masked.columnBytes(2)).isEqualTo(photo);
            assertThat(masked.columnBytes(3)).isEqualTo(int4(0));
        } finally {
            masked.release();
        }
    }

    @Test
    void aRowWithNothingToMaskIsNotCopied() throws Exception {
        DataRow row = decode(row(text("7"), null, text("nothing to see"), null));

        assertThat(rewriter.rewrite(row, plan(false), tally, ByteBufAllocator.DEFAULT)).isNull();
        row.release();
        assertThat(tally.isEmpty()).isTrue();
    }

    @Test
    void aNullifyingRuleWritesSqlNull() throws Exception {
        MaskingRule nullify = new MaskingRule("r-null", "null ssn", ssnRule.target(), new MaskMethod.Nullify());
        ColumnPlanner nulling = new ColumnPlanner(new MaskingPolicy(List.of(nullify), Map.of()), new MarkingCellMasker(null));
        ResultPlan plan = nulling.plan(List.of(new ResultColumn("id", ID, INT4, false), new ResultColumn("ssn", SSN, TEXT, false)), names);
        DataRow row = decode(row(text("7"), text("123-45-6789")));

        DataRow masked = decode(rewriter.rewrite(row, plan, tally, ByteBufAllocator.DEFAULT));
        row.release();
        try {
            assertThat(masked.isNull(1)).isTrue();
            assertThat(masked.columnBytes(0)).isEqualTo(text("7"));
        } finally {
            masked.release();
        }
    }

    @Test
    void aValueThatCannotBeMaskedFailsAndARowOfAnotherShapeToo() {
        MaskingRule tokenize = new MaskingRule("r-tok", "token ssn", ssnRule.target(), new MaskMethod.Tokenize("missing"));
        ColumnPlanner tokenizing = new ColumnPlanner(new MaskingPolicy(List.of(tokenize), Map.of()), new MarkingCellMasker(null));
        ResultPlan plan = tokenizing.plan(List.of(new ResultColumn("id", ID, INT4, false), new ResultColumn("ssn", SSN, TEXT, false)), names);
        DataRow row = decode(row(text("7"), text("123-45-6789")));
        DataRow wide = decode(row(text("7"), text("x"), text("y")));
        try {
            assertThatThrownBy(() -> rewriter.rewrite(row, plan, tally, ByteBufAllocator.DEFAULT))
                    .isInstanceOf(UnmaskableValueException.class).hasMessageNotContaining("6789");
            assertThatThrownBy(() -> rewriter.rewrite(wide, plan, tally, ByteBufAllocator.DEFAULT))
                    .isInstanceOf(UnmaskableValueException.class);
        } finally {
            row.release();
            wide.release();
        }
    }

    private ResultPlan plan(boolean binary) {
        List<ResultColumn> columns = List.of(new ResultColumn("id", ID, INT4, binary), new ResultColumn("ssn", SSN, TEXT, binary),
                new ResultColumn("note", new ColumnOrigin(0, (short) 0), TEXT, binary), new ResultColumn("balance", BALANCE, 1700, binary));
        return planner.plan(columns, names);
    }

    private DataRow decode(ByteBuf frame) {
        decoder.writeInbound(frame);
        Object decoded = decoder.readInbound();
        assertThat(decoded).isInstanceOf(DataRow.class);
        return (DataRow) decoded;
    }

    private static List<String> texts(DataRow row) {
        return java.util.stream.IntStream.range(0, row.columnCount())
                .mapToObj(i -> row.isNull(i) ? null : new String(row.columnBytes(i), StandardCharsets.UTF_8)).toList();
    }

    private static ByteBuf row(byte[]... values) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte('D').writeInt(0).writeShort(values.length);
        for (byte[] value : values) {
            if (value == null) {
                frame.writeInt(-1);
            } else {
                frame.writeInt(value.length).writeBytes(value);
            }
        }
        frame.setInt(1, frame.writerIndex() - 1);
        return frame;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] int4(int value) {
        return java.nio.ByteBuffer.allocate(4).putInt(value).array();
    }
}
