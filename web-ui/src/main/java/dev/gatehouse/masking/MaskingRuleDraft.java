package dev.gatehouse.masking;

import java.util.List;

/**
 * What an admin submits to create or change a masking rule, before validation. Values stay text so
 * that an unknown detector or method comes back as an error naming its field.
 *
 * @param connection a connection's name, or {@code *} (also when blank) for every connection
 * @param roles      realm roles the rule applies to; with {@code identities} both empty: everyone
 * @param identities usernames or IdP subjects the rule applies to
 * @param target     {@code column}, {@code column_name} or {@code detector}
 * @param detector   a built-in detector ({@code us-ssn}, {@code payment-card} ...) or {@code custom}
 * @param method     {@code redact}, {@code partial}, {@code tokenize}, {@code null} or {@code hash}
 * @param position   1-based place in the order; null keeps it (or appends a new rule)
 */
public record MaskingRuleDraft(String name, String connection, Boolean enabled, List<String> roles, List<String> identities,
        String target, String schema, String table, String column, String namePattern, String detector, String customRegex,
        String customLabel, String method, String placeholder, Integer keepFirst, Integer keepLast, String maskChar, String keyId,
        Integer position) {

    public static final String EVERY_CONNECTION = "*";

    public MaskingRuleDraft {
        name = trimmed(name);
        connection = blankToNull(connection) == null ? EVERY_CONNECTION : connection.trim();
        roles = roles == null ? List.of() : roles.stream().map(MaskingRuleDraft::trimmed).filter(s -> s != null && !s.isEmpty()).toList();
        identities = identities == null ? List.of()
                : identities.stream().map(MaskingRuleDraft::trimmed).filter(s -> s != null && !s.isEmpty()).toList();
        target = blankToNull(target);
        schema = blankToNull(schema);
        table = blankToNull(table);
        column = blankToNull(column);
        namePattern = blankToNull(namePattern);
        detector = blankToNull(detector);
        customRegex = blankToNull(customRegex);
        customLabel = blankToNull(customLabel);
        method = blankToNull(method);
        placeholder = placeholder == null || placeholder.isEmpty() ? null : placeholder;
        maskChar = maskChar == null || maskChar.isEmpty() ? null : maskChar;
        keyId = blankToNull(keyId);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
