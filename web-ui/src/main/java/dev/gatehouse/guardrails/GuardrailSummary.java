package dev.gatehouse.guardrails;

import java.util.ArrayList;
import java.util.List;

/** One-line descriptions of a rule's conditions, for tables and audit details. */
public final class GuardrailSummary {

    private GuardrailSummary() {
    }

    /** E.g. {@code DROP, TRUNCATE on payments.* · agents · outside MONDAY-FRIDAY 09:00-17:00 Europe/Berlin}. */
    public static String conditions(StoredRule rule) {
        List<String> parts = new ArrayList<>();
        if (!rule.statements().isEmpty()) {
            parts.add((rule.exceptStatements() ? "anything but " : "") + String.join(", ", rule.statements()));
        }
        if (!rule.tables().isEmpty()) {
            parts.add("on " + String.join(", ", rule.tables()));
        }
        if (rule.unboundedWritesOnly()) {
            parts.add("without a limiting WHERE");
        }
        if (!rule.functions().isEmpty()) {
            parts.add("calls " + String.join(", ", rule.functions()));
        }
        if (rule.serverSideCopy()) {
            parts.add("server-side COPY");
        }
        if (!rule.identityKinds().isEmpty()) {
            parts.add("by " + String.join(", ", rule.identityKinds().stream().map(k -> k.toLowerCase() + "s").toList()));
        }
        if (!rule.identityRoles().isEmpty()) {
            parts.add("roles " + String.join(", ", rule.identityRoles()));
        }
        if (!rule.identityClientIds().isEmpty()) {
            parts.add("clients " + String.join(", ", rule.identityClientIds()));
        }
        String window = window(rule);
        if (window != null) {
            parts.add(window);
        }
        return String.join(" · ", parts);
    }

    /** The time window in words, or null when the rule always applies. */
    public static String window(StoredRule rule) {
        if (!rule.hasWindow()) {
            return null;
        }
        String days = rule.windowDays().isEmpty() ? "" : String.join(",", rule.windowDays()) + " ";
        return (rule.windowOutside() ? "outside " : "within ") + days + rule.windowFrom() + "-" + rule.windowTo() + " " + rule.windowZone();
    }
}
