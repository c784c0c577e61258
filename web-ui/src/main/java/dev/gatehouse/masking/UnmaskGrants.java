package dev.gatehouse.masking;

import dev.gatehouse.approvals.RequestCeilings;
import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.audit.RefusalAudit;
import dev.gatehouse.audit.RefusedActionException;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Time-bound unmask grants (masking exemptions). Admins grant and revoke them here today; the
 * approvals workflow will grant them after an approved "unmask" request through the same
 * {@link #grant} path, so every grant is validated and audited alike.
 */
@ApplicationScoped
@Transactional
public class UnmaskGrants {

    static final String TARGET_TYPE = "masking_exemption";

    @Inject
    MaskingStore store;

    @Inject
    TargetConnectionRepository connections;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Inject
    Event<MaskingChanged> changed;

    @Inject
    CurrentIdentity identity;

    @Inject
    RefusalAudit refusals;

    @Inject
    RequestCeilings ceilings;

    /** Newest first; with {@code openOnly}, only grants that are active or still to come. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MaskingExemption> list(boolean openOnly) {
        return store.exemptions(openOnly, Instant.now());
    }

    public MaskingExemption grant(ExemptionDraft draft) {
        Instant now = Instant.now();
        ValidExemption valid = ExemptionValidator.validate(draft, now, name -> connections.findByName(name).isPresent(),
                id -> store.rule(id).isPresent());
        Actor who = actor.get();
        refuseSelfGrant(who, valid);
        ceilings.check(who, "unmask", draft.endsAt() != null ? "endsAt" : "durationMinutes", valid.connection(),
                Duration.between(valid.startsAt(), valid.endsAt()));
        MaskingExemption grant = new MaskingExemption(UUID.randomUUID(), valid, who.name(), now);
        store.add(grant);
        store.flush();
        audit.append(who, "masking.exemption_granted", TARGET_TYPE, grant.id().toString(), whom(grant), "success", describe(grant));
        changed.fire(new MaskingChanged("exemption", "granted"));
        return grant;
    }

    /**
     * Issue 17, attack 3: nobody unmasks for herself. The grantee is compared with the caller by
     * subject (and by username, which Keycloak keeps unique); a person who needs clear values files
     * an unmask request, which another person approves through the approval chain.
     */
    private void refuseSelfGrant(Actor who, ValidExemption valid) {
        Identity me = identity.get().orElse(null);
        if (me == null) {
            return;
        }
        boolean self = me.subject().equals(valid.subject())
                || valid.username() != null && (valid.username().equalsIgnoreCase(me.username()) || valid.username().equalsIgnoreCase(me.displayName()));
        if (self) {
            refusals.record(who, "masking.exemption_refused", TARGET_TYPE, null, me.displayName(),
                    Map.of("reason", "self_grant", "connection", valid.connection(), "endsAt", valid.endsAt().toString()));
            throw new RefusedActionException("self_grant", "You cannot grant yourself an unmask exemption: file an unmask request"
                    + " (My requests, or POST /api/v1/approvals with kind unmask) and another person approves it");
        }
    }

    public MaskingExemption revoke(UUID id) {
        MaskingExemption grant = store.exemption(id).orElseThrow(() -> MaskingNotFoundException.exemption(id));
        if (grant.revokedAt() != null) {
            return grant;
        }
        Actor who = actor.get();
        Instant now = Instant.now();
        String statusBefore = grant.status(now);
        grant.revoke(who.name(), now);
        Map<String, Object> details = describe(grant);
        details.put("statusBefore", statusBefore);
        audit.append(who, "masking.exemption_revoked", TARGET_TYPE, id.toString(), whom(grant), "success", details);
        changed.fire(new MaskingChanged("exemption", "revoked"));
        return grant;
    }

    private static String whom(MaskingExemption grant) {
        return grant.username() != null ? grant.username() : grant.subject();
    }

    private static Map<String, Object> describe(MaskingExemption grant) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subject", grant.subject());
        details.put("username", grant.username());
        details.put("connection", grant.connection());
        details.put("ruleIds", grant.ruleIds().stream().map(UUID::toString).toList());
        details.put("reason", grant.reason());
        details.put("startsAt", grant.startsAt().toString());
        details.put("endsAt", grant.endsAt().toString());
        return details;
    }
}
