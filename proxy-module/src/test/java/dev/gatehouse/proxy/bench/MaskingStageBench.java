package dev.gatehouse.proxy.bench;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.CellRewriter;
import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.masking.ColumnPlanner;
import dev.gatehouse.proxy.masking.EngineCellMasker;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.masking.MaskingTally;
import dev.gatehouse.proxy.masking.ResultColumn;
import dev.gatehouse.proxy.masking.ResultPlan;
import dev.gatehouse.proxy.protocol.postgres.results.DataRowRewriter;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The masking stage alone on one thread: a bench_rows-shaped DataRow (5 text columns, ssn, email
 * and pan masked by column rules) rewritten again and again, as the event loop would. Prints the
 * masked cells per second of the last of {@code rounds} rounds of {@code rows} rows.
 *
 * <p>Usage: {@code MaskingStageBench [rows] [rounds]}
 */
public final class MaskingStageBench {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] names = {"id", "name", "ssn", "email", "pan"};
        List<MaskingRule> rules = List.of(rule("ssn", new MaskMethod.Partial(0, 4, '*')), rule("email", new MaskMethod.Redact("<email>")),
                rule("pan", new MaskMethod.Partial(0, 4, '*')));
        MaskingPolicy policy = new MaskingPolicy(rules, Map.of());
        EngineCellMasker cells = new EngineCellMasker(policy);
        List<ResultColumn> columns = new java.util.ArrayList<>();
        Map<ColumnOrigin, CatalogColumn> catalog = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            ColumnOrigin origin = new ColumnOrigin(16500, (short) (i + 1));
            columns.add(new ResultColumn(names[i], origin, i == 0 ? 23 : 25, false));
            catalog.put(origin, new CatalogColumn("public", "bench_rows", names[i]));
        }
        ResultPlan plan = new ColumnPlanner(policy, cells).plan(columns, catalog);
        DataRowRewriter rewriter = new DataRowRewriter(new CellRewriter(cells));
        MaskingTally tally = new MaskingTally();
        ByteBuf frame = row("123456", "customer 123456", "536-22-8147", "user123456@example.com", "4000000000123456");
        double cellsPerSecond = 0;
        for (int round = 1; round <= rounds; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                DataRow row = new DataRow(frame.retainedDuplicate());
                ByteBuf masked = rewriter.rewrite(row, plan, tally, PooledByteBufAllocator.DEFAULT);
                row.release();
                masked.release();
            }
            long nanos = System.nanoTime() - started;
            cellsPerSecond = 3.0 * rows / (nanos / 1e9);
            System.out.printf("round %d: %d ns per row, %.0f masked cells/s%n", round, nanos / rows, cellsPerSecond);
        }
        frame.release();
        System.out.printf("masking stage: %.0f masked cells/s on one thread%n", cellsPerSecond);
    }

    private static MaskingRule rule(String column, MaskMethod method) {
        return new MaskingRule("bench-" + column, column, new MaskTarget.Column(new CatalogColumn("public", "bench_rows", column)), method);
    }

    private static ByteBuf row(String... values) {
        ByteBuf frame = Unpooled.directBuffer();
        frame.writeByte('D').writeInt(0).writeShort(values.length);
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            frame.writeInt(bytes.length).writeBytes(bytes);
        }
        frame.setInt(1, frame.writerIndex() - 1);
        return frame;
    }
}
