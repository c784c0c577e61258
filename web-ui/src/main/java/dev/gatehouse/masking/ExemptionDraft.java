package dev.gatehouse.masking;

import java.util.List;

/**
 * An unmask grant as an admin requests it, before validation.
 *
 * @param subject         the identity's IdP subject; or give {@code username}
 * @param connection      a connection's name, or {@code *} (also when blank) for every connection
 * @param ruleIds         the rules to lift; empty: every rule
 * @param startsAt        ISO-8601 instant; blank: now
 * @param endsAt          ISO-8601 instant; or give {@code durationMinutes}
 */
public record ExemptionDraft(String subject, String username, String connection, List<String> ruleIds, String reason, String startsAt,
        String endsAt, Integer durationMinutes) {

    public ExemptionDraft {
        subject = MaskingRuleDraft.blankToNull(subject);
        username = MaskingRuleDraft.blankToNull(username);
        connection = MaskingRuleDraft.blankToNull(connection) == null ? MaskingRuleDraft.EVERY_CONNECTION : connection.trim();
        ruleIds = ruleIds == null ? List.of() : ruleIds.stream().map(MaskingRuleDraft::blankToNull).filter(s -> s != null).toList();
        reason = MaskingRuleDraft.blankToNull(reason);
        startsAt = MaskingRuleDraft.blankToNull(startsAt);
        endsAt = MaskingRuleDraft.blankToNull(endsAt);
    }
}
