package dev.gatehouse.evidence.report;

/**
 * One number in a control section. The key is stable ("C7.blocked_changes") so tests and the JSON
 * summary can find it; the label is what the PDF prints, unique within its section.
 */
public record Figure(String key, String label, long value) {
}
