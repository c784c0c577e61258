package dev.gatehouse.evidence.report;

import dev.gatehouse.evidence.FfiecControl;
import java.util.List;

/**
 * One control's section of the report.
 *
 * @param evidence  sentences saying what was found and where (appendix file names)
 * @param figures   the numbers, each comparable with the store
 * @param exceptions one line per exception (who, what, when); empty when there is none
 * @param noEvidenceReason why there is no evidence, when status is NO_EVIDENCE or NOT_IN_SCOPE
 * @param appendices the pack files that hold this control's rows
 */
public record ControlSection(FfiecControl control, SectionStatus status, List<String> evidence, List<Figure> figures,
        List<String> exceptions, String noEvidenceReason, List<String> appendices) {

    public ControlSection {
        evidence = List.copyOf(evidence);
        figures = List.copyOf(figures);
        exceptions = List.copyOf(exceptions);
        appendices = List.copyOf(appendices);
    }

    public long figure(String key) {
        return figures.stream().filter(f -> f.key().equals(key)).mapToLong(Figure::value).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + key + " in " + control));
    }
}
