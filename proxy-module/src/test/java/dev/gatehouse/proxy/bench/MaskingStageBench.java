package dev.gatehouse.proxy.bench;

import dev.gatehouse.proxy.masking.ContentScanner;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import dev.gatehouse.proxy.masking.ValueMasker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Masked cells per second on one thread, for the masking stage alone (no wire, no socket): the
 * per-value work the data path does for each masked cell. Single-threaded, after warm-up; run by
 * bench/masking-stage.sh. The target of issue 6 is at least 1,000,000 masked cells/s on one core.
 */
public final class MaskingStageBench {

    private static final int TEXT = 25;
    private static final int INT8 = 20;
    private static final int CELLS = 2_000_000;
    private static final int DISTINCT = 4_096;

    /** One way of masking a cell; returns something of the result so the JIT cannot drop the work. */
    private interface Case {
        int run(int i) throws UnmaskableValueException;
    }

    private MaskingStageBench() {
    }

    public static void main(String[] args) throws UnmaskableValueException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ValueMasker masker = new ValueMasker(Map.of("bench", "bench-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        ContentScanner scanner = new ContentScanner(allBuiltInDetectors(), masker);

        byte[][] ssns = values(i -> String.format("%03d-%02d-%04d", 100 + i % 600, 10 + i % 89, 1000 + i));
        byte[][] int8s = new byte[DISTINCT][];
        for (int i = 0; i < DISTINCT; i++) {
            int8s[i] = ByteBuffer.allocate(8).putLong(4_111_111_111_111_111L + i * 7919L).array();
        }
        byte[][] plainTexts = values(i -> "Order " + (48_213 + i) + " shipped to Springfield, IL on 2026-11-26 (" + i % 7 + " parcels)");
        byte[][] textsWithSsn = values(i -> "Caller verified with SSN " + new String(ssns[i], StandardCharsets.US_ASCII) + " at the desk");

        MaskMethod lastFour = new MaskMethod.Partial(0, 4, '*');
        MaskMethod token = new MaskMethod.Tokenize("bench");
        List<String> names = List.of("partial text SSN", "tokenize text SSN", "tokenize int8 (binary)",
                "content scan, no finding", "content scan, one SSN");
        List<Case> cases = List.of(
                i -> masker.mask(lastFour, TEXT, false, ssns[i & (DISTINCT - 1)]).length,
                i -> masker.mask(token, TEXT, false, ssns[i & (DISTINCT - 1)]).length,
                i -> masker.mask(token, INT8, true, int8s[i & (DISTINCT - 1)]).length,
                i -> scanned(scanner, plainTexts[i & (DISTINCT - 1)]),
                i -> scanned(scanner, textsWithSsn[i & (DISTINCT - 1)]));

        System.out.println("Masked cells per second, one thread, " + CELLS + " cells per case and round; "
                + "content scans run all six built-in detectors.");
        System.out.println();
        StringBuilder header = new StringBuilder("| round |");
        StringBuilder rule = new StringBuilder("|---:|");
        for (String name : names) {
            header.append(' ').append(name).append(" |");
            rule.append("---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        long sink = 0;
        for (Case c : cases) {
            sink += time(c, CELLS / 4)[1];
        }
        for (int round = 1; round <= rounds; round++) {
            StringBuilder row = new StringBuilder("| " + round + " |");
            for (Case c : cases) {
                long[] result = time(c, CELLS);
                sink += result[1];
                row.append(String.format(" %,.0f |", CELLS * 1e9 / result[0]));
            }
            System.out.println(row);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static int scanned(ContentScanner scanner, byte[] text) throws UnmaskableValueException {
        ContentScanner.Rewrite rewrite = scanner.scan(text, 0, text.length);
        return rewrite == null ? 0 : rewrite.utf8().length;
    }

    /** @return elapsed nanoseconds and the sum of what the case returned */
    private static long[] time(Case c, int cells) throws UnmaskableValueException {
        long sum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < cells; i++) {
            sum += c.run(i);
        }
        return new long[] {System.nanoTime() - start, sum};
    }

    private static byte[][] values(java.util.function.IntFunction<String> text) {
        byte[][] values = new byte[DISTINCT][];
        for (int i = 0; i < DISTINCT; i++) {
            values[i] = text.apply(i).getBytes(StandardCharsets.UTF_8);
        }
        return values;
    }

    private static List<MaskingRule> allBuiltInDetectors() {
        List<MaskingRule> rules = new ArrayList<>();
        for (Detector.Kind kind : Detector.Kind.values()) {
            rules.add(new MaskingRule("bench-" + kind.ruleName(), kind.ruleName(),
                    new MaskTarget.Content(new Detector.BuiltIn(kind)), new MaskMethod.Redact("[REDACTED]")));
        }
        return rules;
    }
}
