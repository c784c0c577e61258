package dev.gatehouse.evidence.report;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.PackScope;
import java.time.Instant;
import java.util.List;

/**
 * Everything the PDF prints, gathered before it is drawn: small (figures, chart series, exception
 * lines), never the rows themselves, which stream into the appendices.
 *
 * @param generator   product and version ("Gatehouse 0.1.0")
 * @param packId      the pack's id, printed on every page
 * @param connections the connection names the scope resolved to
 * @param sections    C1..C15 in order, one each, including NOT_IN_SCOPE ones
 * @param availability the data held against the period, and its warnings
 */
public record EvidenceReport(String packId, PackScope scope, List<String> connections, String generator,
        String generatedBy, Instant generatedAt, ExecutiveSummary summary, List<ControlSection> sections, DataAvailability availability,
        Annexes annexes) {


    /** A report without a data-availability block (drawing tests); the PDF says it is missing. */
    public EvidenceReport(String packId, PackScope scope, List<String> connections, String generator, String generatedBy,
            Instant generatedAt, ExecutiveSummary summary, List<ControlSection> sections) {
        this(packId, scope, connections, generator, generatedBy, generatedAt, summary, sections, null, Annexes.NONE);
    }

    public EvidenceReport {
        connections = List.copyOf(connections);
        sections = List.copyOf(sections);
        annexes = annexes == null ? Annexes.NONE : annexes;
    }

    /** The key that will sign the pack, for the cover: its id, full SHA-256 fingerprint and creation time. */
    public record SigningKeyFacts(String keyId, String fingerprint, Instant createdAt) {
    }

    /**
     * What the report prints besides the controls' own sections, each null when not gathered.
     *
     * @param crosswalk     each control's references in FFIEC and the other frameworks
     * @param configuration the configuration at the period's start and end, and the changes in it
     * @param timeSync      the gateway's clock statement at generation
     */
    public record Annexes(SigningKeyFacts signingKey, dev.gatehouse.evidence.Crosswalk crosswalk, ConfigurationHistory configuration,
            TimeSync timeSync) {
        public static final Annexes NONE = new Annexes(null, null, null, null);
    }

    public SigningKeyFacts signingKey() {
        return annexes.signingKey();
    }

    public EvidenceReport withAnnexes(Annexes more) {
        return new EvidenceReport(packId, scope, connections, generator, generatedBy, generatedAt, summary, sections, availability, more);
    }

    public ControlSection section(FfiecControl control) {
        return sections.stream().filter(s -> s.control() == control).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + control));
    }
}
