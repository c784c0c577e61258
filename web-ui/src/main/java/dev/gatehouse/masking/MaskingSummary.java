package dev.gatehouse.masking;

/** A masking rule's target and method in a few words, for the UI, the API and the audit trail. */
public final class MaskingSummary {

    private MaskingSummary() {
    }

    public static String target(StoredMaskingRule rule) {
        return switch (rule.target()) {
            case "column" -> "column " + rule.schema() + "." + rule.table() + "." + rule.column();
            case "column_name" -> "columns named ~ " + rule.namePattern();
            default -> rule.customLabel() != null
                    ? "content matching custom:" + rule.customLabel() + " /" + rule.customRegex() + "/"
                    : "content detected as " + rule.detectorKind();
        };
    }

    public static String method(StoredMaskingRule rule) {
        return switch (rule.method()) {
            case "redact" -> "redact as '" + rule.placeholder() + "'";
            case "partial" -> "keep first " + rule.keepFirst() + " and last " + rule.keepLast() + ", mask with '" + rule.maskChar() + "'";
            case "tokenize" -> "tokenize with key " + rule.keyId();
            case "null" -> "replace with NULL";
            default -> "SHA-256 hash";
        };
    }

    /** Whom the rule applies to. */
    public static String scope(StoredMaskingRule rule) {
        String who = rule.roles().isEmpty() && rule.identities().isEmpty() ? "everyone"
                : String.join(", ", rule.roles().stream().map(r -> "role " + r).toList())
                        + (rule.roles().isEmpty() || rule.identities().isEmpty() ? "" : ", ")
                        + String.join(", ", rule.identities());
        String where = MaskingRuleDraft.EVERY_CONNECTION.equals(rule.connection()) ? "every connection" : rule.connection();
        return who + " on " + where;
    }
}
