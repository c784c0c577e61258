package dev.gatehouse.bench.mysqlparsers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the corpus through each candidate: fidelity against MariaDB's own verdicts, then speed.
 * Usage: {@code Main [--candidate jsqlparser|druid|calcite-babel|shardingsphere|gatehouse|all]
 * [--corpus corpus.tsv] [--warm 20000] [--rounds 3] [--quiet]}.
 * Start-up figures are only honest when each candidate runs in a JVM of its own (run.sh does that).
 */
public final class Main {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Corpus corpus = Corpus.load(Path.of(opt.getOrDefault("corpus", "corpus.tsv")));
        int warm = Integer.parseInt(opt.getOrDefault("warm", "20000"));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
        boolean quiet = opt.containsKey("quiet");
        String which = opt.getOrDefault("candidate", "all");

        Map<String, Supplier<Candidate>> all = new java.util.LinkedHashMap<>();
        all.put("jsqlparser", JSqlParserCandidate::new);
        all.put("druid", DruidCandidate::new);
        all.put("calcite-babel", CalciteCandidate::new);
        all.put("shardingsphere", ShardingSphereCandidate::new);
        all.put("gatehouse", GatehouseCandidate::new);
        System.out.printf("corpus %d strings (%d valid, %d invalid); java %s; %d cpus%n", corpus.entries().size(),
                corpus.entries().stream().filter(Corpus.Entry::valid).count(),
                corpus.entries().stream().filter(e -> !e.valid()).count(),
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (var c : all.entrySet()) {
            if (which.equals("all") || which.equals(c.getKey())) {
                run(c.getValue(), corpus, warm, rounds, quiet);
            }
        }
    }

    private static void run(Supplier<Candidate> factory, Corpus corpus, int warm, int rounds, boolean quiet) {
        long t0 = System.nanoTime();
        Candidate candidate = factory.get();
        long t1 = System.nanoTime();
        candidate.parse("SELECT 1", "-");
        long t2 = System.nanoTime();
        System.out.printf("%n== %s ==%n", candidate.name());
        System.out.printf("start-up: %.0f ms to construct + %.0f ms first parse = %.0f ms%n",
                ms(t1 - t0), ms(t2 - t1), ms(t2 - t0));

        // Cold: every text once, right after start-up (no parse cache could help, JIT has not warmed up).
        List<Corpus.Entry> entries = corpus.entries();
        long[] cold = new long[entries.size()];
        List<Candidate.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            long s = System.nanoTime();
            outcomes.add(candidate.parse(entries.get(i).sql(), entries.get(i).mode()));
            cold[i] = System.nanoTime() - s;
        }

        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        Arrays.stream(Verdict.values()).forEach(v -> counts.put(v, 0));
        int ok = 0;
        for (int i = 0; i < entries.size(); i++) {
            Corpus.Entry e = entries.get(i);
            Candidate.Outcome o = outcomes.get(i);
            ok += o.ok() ? 1 : 0;
            Verdict v = Verdict.judge(e, o);
            counts.merge(v, 1, Integer::sum);
            if (v != Verdict.AGREE && (!quiet || v.security)) {
                System.out.printf("  %-16s %-4s server=%s got=%s  %s%n", v.label, e.id(),
                        e.valid() ? String.join(";", e.kinds().stream().map(Kinds::ofServer).toList()) : "invalid",
                        o.ok() ? String.join(";", o.kinds()) : "refused(" + abbreviate(o.error(), 60) + ")",
                        (e.defaultMode() ? "" : "[" + e.mode() + "] ") + abbreviate(e.sqlField(), 90));
            }
        }
        int security = counts.get(Verdict.MIS_SPLIT) + counts.get(Verdict.MIS_KIND);
        System.out.printf("parsed OK: %d  refused: %d%n", ok, entries.size() - ok);
        System.out.printf("fidelity: agree %d, refused-valid %d, accepted-invalid %d, mis-split %d, mis-kind %d"
                        + " (security differentials: %d)%n",
                counts.get(Verdict.AGREE), counts.get(Verdict.REFUSED_VALID), counts.get(Verdict.ACCEPTED_INVALID),
                counts.get(Verdict.MIS_SPLIT), counts.get(Verdict.MIS_KIND), security);
        System.out.printf("cold  : mean %8.1f us  p99 %8.1f us  (%d distinct texts, first pass)%n",
                mean(cold), p99(cold), cold.length);

        // Warm: the corpus in a loop; a warm-up phase, then measured rounds.
        long[] times = new long[warm];
        loop(candidate, entries, times);
        System.out.printf("warm-up: %d parses, mean %.1f us%n", warm, mean(times));
        double sum = 0;
        double worstP99 = 0;
        for (int r = 1; r <= rounds; r++) {
            loop(candidate, entries, times);
            sum += mean(times);
            worstP99 = Math.max(worstP99, p99(times));
            System.out.printf("warm %d: mean %8.1f us  p99 %8.1f us  (%d parses)%n", r, mean(times), p99(times), warm);
        }
        // sysbench oltp_read_only's point select, alone in a loop.
        String pgbench = "SELECT c FROM sbtest1 WHERE id=?";
        long[] one = new long[Math.max(1, warm / 4)];
        for (int i = 0; i < one.length; i++) {
            long s = System.nanoTime();
            candidate.parse(pgbench, "-");
            one[i] = System.nanoTime() - s;
        }
        System.out.printf("warm sysbench point select: mean %8.1f us  p99 %8.1f us  (%d parses of %s)%n",
                mean(one), p99(one), one.length, pgbench);
        System.out.printf("RESULT %s ok=%d refused=%d agree=%d refused-valid=%d accepted-invalid=%d mis-split=%d"
                        + " mis-kind=%d startup_ms=%.0f cold_mean_us=%.1f cold_p99_us=%.1f warm_mean_us=%.1f"
                        + " warm_p99_us=%.1f point_select_us=%.1f%n",
                candidate.name(), ok, entries.size() - ok, counts.get(Verdict.AGREE),
                counts.get(Verdict.REFUSED_VALID), counts.get(Verdict.ACCEPTED_INVALID),
                counts.get(Verdict.MIS_SPLIT), counts.get(Verdict.MIS_KIND), ms(t2 - t0), mean(cold), p99(cold),
                sum / rounds, worstP99, mean(one));
    }

    private static void loop(Candidate candidate, List<Corpus.Entry> entries, long[] times) {
        for (int i = 0; i < times.length; i++) {
            String sql = entries.get(i % entries.size()).sql();
            long s = System.nanoTime();
            candidate.parse(sql, entries.get(i % entries.size()).mode());
            times[i] = System.nanoTime() - s;
        }
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1000.0;
    }

    private static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opt.put(key, flag ? "" : args[++i]);
        }
        return opt;
    }
}
