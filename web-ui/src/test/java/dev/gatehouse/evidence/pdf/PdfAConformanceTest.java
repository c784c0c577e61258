package dev.gatehouse.evidence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.evidence.report.EvidenceReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** The report validated by veraPDF (its validation model, the PDF Association's reference validator) as PDF/A-2b. */
public class PdfAConformanceTest {

    @BeforeAll
    static void initialiseVeraPdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    @Test
    void aRealisticReportIsPdfA2bWithEveryFontEmbeddedAndTagged() throws Exception {
        byte[] pdf = pdf(EvidenceReportFixture.realistic());

        ValidationResult result = validate(pdf);

        assertThat(result.isCompliant()).as(failures(result)).isTrue();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(document.getDocumentCatalog().getStructureTreeRoot().getKids()).isNotEmpty();
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en-US");
        }
    }

    @Test
    void anEmptyPeriodsReportIsPdfA2bToo() throws Exception {
        byte[] pdf = pdf(EvidenceReportFixture.report(EvidenceReportFixture.FROM, EvidenceReportFixture.TO,
                EvidenceReportFixture.emptySummary()));

        ValidationResult result = validate(pdf);

        assertThat(result.isCompliant()).as(failures(result)).isTrue();
    }

    @Test
    void theValidatorRejectsAPlainPdfWithAStandardFont() throws Exception {
        // Shows the check above has teeth: a PDF without embedded fonts or PDF/A metadata fails it.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument plain = new PDDocument()) {
            PDPage page = new PDPage();
            plain.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(plain, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 10);
                content.showText("not archival");
                content.endText();
            }
            plain.save(out);
        }

        assertThat(validate(out.toByteArray()).isCompliant()).isFalse();
    }

    public static ValidationResult validate(byte[] pdf) throws Exception {
        VeraGreenfieldFoundryProvider.initialise(); // idempotent; callers outside this class (the ITs) need it too
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            return validator.validate(parser);
        }
    }

    private static String failures(ValidationResult result) {
        List<TestAssertion> failed = result.getTestAssertions().stream().filter(a -> a.getStatus() != TestAssertion.Status.PASSED).toList();
        return failed.stream().map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                .distinct().limit(20).collect(Collectors.joining("\n"));
    }

    private static byte[] pdf(EvidenceReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfReportWriter.write(report, out);
        return out.toByteArray();
    }
}
