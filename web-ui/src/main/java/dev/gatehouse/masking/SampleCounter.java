package dev.gatehouse.masking;

import dev.gatehouse.masking.MaskingCoverage.ColumnFindings;
import dev.gatehouse.masking.MaskingCoverage.Sampling;
import dev.gatehouse.masking.PostgresTargetReader.TargetColumn;
import dev.gatehouse.proxy.masking.ContentScanner;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import dev.gatehouse.proxy.masking.ValueMasker;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs every built-in detector, and the connection's custom ones, over sampled values and counts
 * the findings per detector. The values are dropped as soon as they are scanned; only counts leave.
 */
final class SampleCounter {

    private final ContentScanner scanner;

    SampleCounter(List<MaskingRule> customDetectorRules) {
        List<MaskingRule> probes = new ArrayList<>();
        for (Detector.Kind kind : Detector.Kind.values()) {
            probes.add(probe(new Detector.BuiltIn(kind)));
        }
        for (MaskingRule custom : customDetectorRules) {
            probes.add(probe(((MaskTarget.Content) custom.target()).detector()));
        }
        this.scanner = new ContentScanner(probes, new ValueMasker(Map.of()));
    }

    /** Whether a column of this type holds text the detectors read. */
    static boolean readsText(int typeOid) {
        return ContentScanner.scans(typeOid);
    }

    Sampling count(String connection, int perColumn, List<TargetColumn> columns, Connection session) throws SQLException {
        Map<String, Integer> totals = new TreeMap<>();
        List<ColumnFindings> found = new ArrayList<>();
        int values = 0;
        for (TargetColumn column : columns) {
            List<String> sample = PostgresTargetReader.sample(session, column.column(), perColumn);
            Map<String, Integer> findings = new TreeMap<>();
            for (String value : sample) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                try {
                    ContentScanner.Rewrite rewrite = scanner.scan(utf8, 0, utf8.length);
                    if (rewrite != null) {
                        rewrite.fired().forEach(f -> findings.merge(f.rule().name(), f.findings(), Integer::sum));
                    }
                } catch (UnmaskableValueException e) {
                    findings.merge("(unscannable)", 1, Integer::sum);
                }
            }
            values += sample.size();
            if (!findings.isEmpty()) {
                findings.forEach((detector, n) -> totals.merge(detector, n, Integer::sum));
                found.add(new ColumnFindings(column.column().schema(), column.column().table(), column.column().column(), sample.size(),
                        findings));
            }
        }
        return new Sampling(connection, perColumn, columns.size(), values, totals, found);
    }

    /** A rule named after its detector, so the scanner's report reads as counts per detector. */
    private static MaskingRule probe(Detector detector) {
        return new MaskingRule(detector.name(), detector.name(), new MaskTarget.Content(detector), new MaskMethod.Redact("*"));
    }
}
