package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.Figure;
import dev.gatehouse.evidence.report.SectionStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A control section being assembled: figures keyed "C7.blocked_changes", evidence, exceptions, appendices. */
final class SectionDraft {

    /** Exception lines printed per kind; the rest is counted and left to the appendix. */
    static final int EXCEPTION_LINES = 25;

    private final FfiecControl control;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> evidence = new ArrayList<>();
    private final List<String> exceptions = new ArrayList<>();
    private final Set<String> appendices = new LinkedHashSet<>();

    SectionDraft(FfiecControl control) {
        this.control = control;
    }

    static ControlSection notInScope(FfiecControl control) {
        return new ControlSection(control, SectionStatus.NOT_IN_SCOPE, List.of(), List.of(), List.of(),
                "left out of the pack's scope when it was requested", List.of());
    }

    long figure(String name, String label, long value) {
        String key = control.name() + "." + name;
        if (figures.stream().anyMatch(f -> f.key().equals(key) || f.label().equals(label))) {
            throw new IllegalStateException("figure key and label must be unique in " + control + ": " + key);
        }
        figures.add(new Figure(key, label, value));
        return value;
    }

    SectionDraft evidence(String sentence) {
        evidence.add(sentence);
        return this;
    }

    /** Names the appendix (both files) the section's rows are in. */
    SectionDraft appendix(String name) {
        appendices.add("appendix/" + name + ".csv");
        appendices.add("appendix/" + name + ".json");
        return this;
    }

    SectionDraft exception(String line) {
        exceptions.add(line);
        return this;
    }

    /** Up to {@link #EXCEPTION_LINES} lines, then one saying how many more the appendix holds. */
    SectionDraft exceptions(List<String> lines, String appendix) {
        lines.stream().limit(EXCEPTION_LINES).forEach(exceptions::add);
        if (lines.size() > EXCEPTION_LINES) {
            exceptions.add("... and " + (lines.size() - EXCEPTION_LINES) + " more in appendix/" + appendix + ".csv");
        }
        return this;
    }

    boolean hasExceptions() {
        return !exceptions.isEmpty();
    }

    /** EXCEPTIONS when any exception was added, else EFFECTIVE. */
    ControlSection build() {
        return new ControlSection(control, exceptions.isEmpty() ? SectionStatus.EFFECTIVE : SectionStatus.EXCEPTIONS, evidence,
                figures, exceptions, null, List.copyOf(appendices));
    }

    /** NO_EVIDENCE with the reason; the figures found so far (zeros, mostly) stay, to show what was looked for. */
    ControlSection noEvidence(String reason) {
        return new ControlSection(control, SectionStatus.NO_EVIDENCE, evidence, figures, exceptions, reason, List.copyOf(appendices));
    }
}
