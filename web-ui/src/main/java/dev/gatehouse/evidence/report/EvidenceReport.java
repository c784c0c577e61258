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
        SigningKeyFacts signingKey) {

    public EvidenceReport {
        connections = List.copyOf(connections);
        sections = List.copyOf(sections);
    }

    /** A report without a data-availability block (drawing tests); the PDF says it is missing. */
    public EvidenceReport(String packId, PackScope scope, List<String> connections, String generator, String generatedBy,
            Instant generatedAt, ExecutiveSummary summary, List<ControlSection> sections) {
        this(packId, scope, connections, generator, generatedBy, generatedAt, summary, sections, null, null);
    }

    /** The key that will sign the pack, for the cover: its id, full SHA-256 fingerprint and creation time. */
    public record SigningKeyFacts(String keyId, String fingerprint, Instant createdAt) {
    }

    public EvidenceReport withSigningKey(SigningKeyFacts key) {
        return new EvidenceReport(packId, scope, connections, generator, generatedBy, generatedAt, summary, sections, availability, key);
    }

    public ControlSection section(FfiecControl control) {
        return sections.stream().filter(s -> s.control() == control).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + control));
    }
}
