package dev.gatehouse.approvals;

import dev.gatehouse.masking.ExemptionDraft;
import dev.gatehouse.masking.MaskingRuleCatalog;
import dev.gatehouse.masking.StoredMaskingRule;
import dev.gatehouse.masking.UnmaskGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * An approved unmask request becomes a masking exemption (table masking_exemption, V9), which the
 * masking side of the data path already honours; rule names are resolved to the rules' ids.
 */
@ApplicationScoped
public class UnmaskExemptions {

    private static final Logger LOG = Logger.getLogger(UnmaskExemptions.class.getName());

    @Inject
    MaskingRuleCatalog rules;

    @Inject
    UnmaskGrants exemptions;

    /** The names among {@code names} that name no masking rule; a request for them is refused up front. */
    public List<String> unknown(List<String> names) {
        Set<String> known = rules.list().stream().map(StoredMaskingRule::name).collect(java.util.stream.Collectors.toSet());
        return names.stream().filter(name -> !known.contains(name)).toList();
    }

    void issue(String requestId, String requester, String connection, List<String> ruleNames, String reason, Instant until) {
        List<String> ids = rules.list().stream().filter(rule -> ruleNames.contains(rule.name())).map(rule -> rule.id().toString()).toList();
        if (ids.isEmpty()) {
            // An exemption with no rule ids lifts every rule: never issue that for rules that vanished meanwhile.
            LOG.warning(() -> "gatehouse: unmask request " + requestId + " approved, but none of its rules exists any more; no exemption");
            return;
        }
        exemptions.grant(new ExemptionDraft(null, requester, connection, ids, reason + " (approval " + requestId + ")", null,
                until.toString(), null));
    }
}
