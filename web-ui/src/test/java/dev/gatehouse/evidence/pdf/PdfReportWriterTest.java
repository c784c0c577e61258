package dev.gatehouse.evidence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.evidence.report.ExecutiveSummary;
import dev.gatehouse.evidence.report.Figure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Writes reports with the real writer and reads them back with PDFBox's text extraction, as an examiner's tool would. */
class PdfReportWriterTest {

    private static final EvidenceReport REALISTIC = EvidenceReportFixture.realistic();

    @Test
    void allFifteenControlHeadingsAppearInCatalogOrder() throws IOException {
        ReportText text = ReportText.read(pdf(REALISTIC));

        assertThat(text.headings()).containsExactlyElementsOf(
                Arrays.stream(FfiecControl.values()).map(FfiecControl::heading).toList());
    }

    @Test
    void everyFigureIsPrintedWithItsLabelAndPlainValueOnOneLineOfItsSection() throws IOException {
        ReportText text = ReportText.read(pdf(REALISTIC));

        for (ControlSection section : REALISTIC.sections()) {
            Map<String, Long> expected = new LinkedHashMap<>();
            section.figures().forEach(figure -> expected.put(figure.label(), figure.value()));
            assertThat(text.figures(section.control())).as(section.control().heading()).isEqualTo(expected);
        }
        assertThat(text.sectionText(FfiecControl.C7)).contains("Blocked change attempts 12")
                .contains("Changes run after approval 1234567");
        assertThat(text.headlineFigures()).containsEntry("Statements in scope", 4159L)
                .containsEntry("Statements blocked", 37L);
    }

    @Test
    void eachSectionStatesTheControlItsSourceStatusAndAppendices() throws IOException {
        ReportText text = ReportText.read(pdf(REALISTIC));

        String c7 = text.sectionText(FfiecControl.C7);
        assertThat(c7).contains("Control: " + FfiecControl.C7.statement())
                .contains("Source: " + FfiecControl.C7.source())
                .contains("Change statements ran only after an approval bound to their exact text.")
                .contains("DROP TABLE ledger.entries blocked")
                .contains("statements/blocked.csv");
        assertThat(text.status(FfiecControl.C7)).isEqualTo("Exceptions found");
        assertThat(text.status(FfiecControl.C1)).startsWith("Effective");
        assertThat(text.sectionText(FfiecControl.C1)).contains("No exceptions found.");
        assertThat(text.status(FfiecControl.C8)).isEqualTo("No evidence");
        assertThat(text.sectionText(FfiecControl.C8))
                .contains("No evidence available: retention purge events are not recorded by this gateway version");
        assertThat(text.status(FfiecControl.C5)).isEqualTo("Not in scope");
        assertThat(text.sectionText(FfiecControl.C5)).contains("Not in scope of this pack.")
                .doesNotContain("No exceptions found.");
    }

    @Test
    void exceptionsArePrintedUpToFiftyThenPointToTheAppendix() throws IOException {
        ReportText text = ReportText.read(pdf(REALISTIC));

        String c6 = text.sectionText(FfiecControl.C6);
        assertThat(c6).contains("own request #1\n").contains("own request #50\n").doesNotContain("own request #51");
        assertThat(c6).contains("... and 70 more, see grants/approvals.csv, grants/approval-steps.csv");
        assertThat(c6.lines().filter(line -> line.startsWith("- ")).count()).isEqualTo(50);
    }

    @Test
    void everyPageCarriesTheFooterWithTheRightPageCount() throws IOException {
        ReportText text = ReportText.read(pdf(REALISTIC));

        int pages = text.pageCount();
        assertThat(pages).isGreaterThan(1 + 1 + 15);
        List<String> expected = java.util.stream.IntStream.rangeClosed(1, pages)
                .mapToObj(page -> "Gatehouse evidence pack " + EvidenceReportFixture.PACK_ID + " \u2014 page " + page
                        + " of " + pages).toList();
        assertThat(text.footers()).containsExactlyElementsOf(expected);
    }

    @Test
    void theCoverHoldsThePeriodScopeGeneratorPackIdAndHowToVerify() throws IOException {
        String cover = ReportText.read(pdf(REALISTIC)).coverText();

        assertThat(cover).contains("FFIEC examination evidence")
                .contains("from 2025-01-01 00:00:00 UTC (included) to 2025-03-01 00:00:00 UTC (excluded)")
                .contains("ledger-prod, cards-prod, crm-prod").contains("env=prod, tier=core")
                .contains("Controls in scope (14 of 15)").contains("C4, C6")
                .contains("Generated at: 2025-03-02 09:15:30 UTC").contains("Generator: Gatehouse 0.1.0")
                .contains("Pack id: " + EvidenceReportFixture.PACK_ID)
                .contains("MANIFEST.json").contains("java -jar gatehouse-verify.jar --pack <zip> --keys public-key.json");
    }

    @Test
    void namesOutsideWinAnsiArePrintedAsFarAsTheFontAllowsInsteadOfThrowing() throws IOException {
        ReportText text = ReportText.read(pdf(REALISTIC));

        assertThat(text.coverText()).contains("Generated by: Zo\u00eb ? ? Lukasz");
        assertThat(text.sectionText(FfiecControl.C6)).contains("Zo\u00eb ? ? Lukasz tried to approve own request #7");
    }

    @Test
    void anEmptyPeriodDrawsNoChartAndSaysWhy() throws IOException {
        ReportText text = ReportText.read(pdf(EvidenceReportFixture.report(EvidenceReportFixture.FROM,
                EvidenceReportFixture.TO, EvidenceReportFixture.emptySummary())));

        assertThat(text.text().lines().filter(ChartCanvas.NO_ACTIVITY::equals).count()).isZero();
        assertThat(text.text()).contains(SummaryPages.NO_CHARTS).doesNotContain("Median decision latency");
        assertThat(text.headings()).hasSize(15);
    }

    @Test
    void aOneDayPeriodIsChartedPerDay() throws IOException {
        Instant from = EvidenceReportFixture.FROM;
        Instant to = from.plus(1, ChronoUnit.DAYS);
        ReportText text = ReportText.read(pdf(EvidenceReportFixture.report(from, to,
                EvidenceReportFixture.summary(EvidenceReportFixture.days(from, to, 1), 10, 2, 1))));

        assertThat(text.text()).contains("Activity over time (per day)").contains("Masking volume (per day)")
                .contains("Median decision latency 4m 12s; 90th percentile 1h 3m");
    }

    @Test
    void fourHundredDaysAreChartedPerWeek() throws IOException {
        Instant from = EvidenceReportFixture.FROM;
        Instant to = from.plus(400, ChronoUnit.DAYS);
        List<ExecutiveSummary.DayActivity> days = EvidenceReportFixture.days(from, to, 1);
        ReportText text = ReportText.read(pdf(EvidenceReportFixture.report(from, to,
                EvidenceReportFixture.summary(days, 30_000, 900, 40))));

        assertThat(days).hasSize(400);
        assertThat(text.text()).contains("Activity over time (per week)").contains("Masking volume (per week)");
    }

    @Test
    void hugeCountsScaleTheAxisAndStayExactInTheTables() throws IOException {
        long huge = Long.MAX_VALUE / 4;
        ExecutiveSummary summary = new ExecutiveSummary(
                EvidenceReportFixture.days(EvidenceReportFixture.FROM, EvidenceReportFixture.TO, huge / 100),
                new ExecutiveSummary.Verdicts(huge, huge / 2, 7),
                new ExecutiveSummary.Approvals(huge, 0, 0, 0, null, null),
                new ExecutiveSummary.Masking(huge, huge, List.of()),
                List.of(new Figure("summary.statements", "Statements in scope", huge)));

        ReportText text = ReportText.read(pdf(EvidenceReportFixture.report(EvidenceReportFixture.FROM,
                EvidenceReportFixture.TO, summary)));

        assertThat(text.headlineFigures()).containsEntry("Statements in scope", huge);
        assertThat(text.text()).contains("5E").contains(Long.toString(huge));
    }

    @Test
    void theCallersStreamIsLeftOpen() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        PdfReportWriter.write(REALISTIC, out);

        assertThat(closed).isFalse();
        assertThat(out.toByteArray()).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] pdf(EvidenceReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfReportWriter.write(report, out);
        return out.toByteArray();
    }
}
