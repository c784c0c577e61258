package dev.gatehouse.accessreview;

import dev.gatehouse.accessreview.AccessReviewException.Reason;
import dev.gatehouse.accessreview.ReviewEnumeration.ItemDraft;
import dev.gatehouse.approvals.AccessGrants;
import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.masking.UnmaskGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The campaigns, their items and the revocations in the store (V12), each change in one transaction
 * with its audit row written last. A revoked JIT grant or unmask exemption is revoked through its own
 * service, in the same transaction, so it is audited there as well.
 */
@ApplicationScoped
@Transactional
public class AccessReviewStore {

    static final String TARGET_TYPE = "access_review";
    static final String REVOCATION_TARGET_TYPE = "access_revocation";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    AccessGrants accessGrants;

    @Inject
    UnmaskGrants unmaskGrants;

    public ReviewCampaign open(String name, List<String> connections, Instant dueAt, List<ItemDraft> drafts, Actor actor) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into access_review_campaign (id, name, connections, created_by, created_at, due_at, status)
                values (?1, ?2, string_to_array(?3, E'\\n'), ?4, ?5, ?6, 'open')""")
                .setParameter(1, id).setParameter(2, name).setParameter(3, String.join("\n", connections))
                .setParameter(4, actor.name()).setParameter(5, now()).setParameter(6, dueAt).executeUpdate();
        for (ItemDraft draft : drafts) {
            em.createNativeQuery("""
                    insert into access_review_item (id, campaign_id, identity_name, identity_kind, connection_name, access_via, last_used_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6, (select max(s.started_at) from data_session s where s.connection_name = ?5
                        and case when ?4 = 'agent' then s.identity_kind = 'agent' and s.client_id = ?3
                                 else s.identity_kind <> 'agent' and s.username = ?3 end))""")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, id).setParameter(3, draft.identity())
                    .setParameter(4, draft.identityKind()).setParameter(5, draft.connection()).setParameter(6, draft.via().toString())
                    .executeUpdate();
        }
        ReviewCampaign campaign = campaign(id).orElseThrow();
        audit.append(actor, "access_review.opened", TARGET_TYPE, id.toString(), name, "success", Map.of("connections",
                connections.isEmpty() ? List.of("*") : connections, "dueAt", String.valueOf(dueAt), "items", drafts.size()));
        return campaign;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ReviewCampaign> campaigns() {
        return ReviewRows.campaigns(em.createNativeQuery(ReviewRows.CAMPAIGNS + " order by c.created_at desc").getResultList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ReviewCampaign> campaign(UUID id) {
        return ReviewRows.campaigns(em.createNativeQuery(ReviewRows.CAMPAIGNS + " where c.id = ?1").setParameter(1, id).getResultList())
                .stream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ReviewItem> items(UUID campaignId) {
        return ReviewRows.items(em.createNativeQuery(ReviewRows.ITEMS + " where campaign_id = ?1 order by connection_name, identity_name,"
                + " access_via").setParameter(1, campaignId).getResultList());
    }

    /**
     * Confirms or revokes a pending item. A refusal changes nothing, but a self-review attempt is
     * recorded: its audit row commits although the call fails (hence {@code dontRollbackOn}).
     */
    @Transactional(dontRollbackOn = AccessReviewException.class)
    public ReviewItem decide(UUID campaignId, UUID itemId, boolean revoke, String comment, Actor reviewer) {
        ReviewCampaign campaign = lockedCampaign(campaignId);
        ReviewItem item = ReviewRows.items(em.createNativeQuery(ReviewRows.ITEMS + " where id = ?1 and campaign_id = ?2")
                .setParameter(1, itemId).setParameter(2, campaignId).getResultList()).stream().findFirst()
                .orElseThrow(() -> new AccessReviewException(Reason.NOT_FOUND, "access review " + campaignId + " has no item " + itemId));
        if (campaign.isOpen() && item.isPending() && ReviewRules.isOwnAccess(item, reviewer.name())) {
            audit.append(reviewer, "access_review.self_review_refused", TARGET_TYPE, campaignId.toString(), campaign.name(), "denied",
                    describe(item, revoke ? "revoked" : "confirmed", comment));
        }
        ReviewRules.checkDecidable(campaign, item, reviewer.name());
        String decision = revoke ? "revoked" : "confirmed";
        Instant now = now();
        em.createNativeQuery("update access_review_item set decision = ?2, decided_by = ?3, decided_at = ?4, comment = ?5 where id = ?1")
                .setParameter(1, itemId).setParameter(2, decision).setParameter(3, reviewer.name()).setParameter(4, now)
                .setParameter(5, comment).executeUpdate();
        if (revoke) {
            revokeAccess(campaign, item, comment, reviewer, now);
        }
        audit.append(reviewer, "access_review.decided", TARGET_TYPE, campaignId.toString(), campaign.name(), "success",
                describe(item, decision, comment));
        return new ReviewItem(item.id(), item.campaignId(), item.identity(), item.identityKind(), item.connection(), item.accessVia(),
                item.lastUsedAt(), decision, reviewer.name(), now, comment);
    }

    private void revokeAccess(ReviewCampaign campaign, ReviewItem item, String comment, Actor reviewer, Instant now) {
        AccessVia via = item.via();
        switch (via.kind()) {
            case ROLE, CLIENT -> em.createNativeQuery("""
                    insert into access_revocation (id, identity_name, connection_name, item_id, reason, revoked_by, revoked_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    on conflict (identity_name, connection_name) where lifted_at is null do nothing""")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, item.identity()).setParameter(3, item.connection())
                    .setParameter(4, item.id()).setParameter(5, "access review \"" + campaign.name() + "\": " + comment)
                    .setParameter(6, reviewer.name()).setParameter(7, now).executeUpdate();
            case JIT -> accessGrants.revoke(via.value(), reviewer);
            case UNMASK -> unmaskGrants.revoke(UUID.fromString(via.value()));
        }
    }

    public ReviewCampaign close(UUID campaignId, String signOff, Actor auditor) {
        ReviewCampaign campaign = lockedCampaign(campaignId);
        List<ReviewItem> items = items(campaignId);
        ReviewRules.checkClosable(campaign, items, auditor.name());
        em.createNativeQuery("update access_review_campaign set status = 'closed', closed_by = ?2, closed_at = ?3, sign_off = ?4 where id = ?1")
                .setParameter(1, campaignId).setParameter(2, auditor.name()).setParameter(3, now()).setParameter(4, signOff).executeUpdate();
        long revoked = items.stream().filter(item -> "revoked".equals(item.decision())).count();
        audit.append(auditor, "access_review.closed", TARGET_TYPE, campaignId.toString(), campaign.name(), "success", Map.of(
                "signOff", signOff, "items", items.size(), "confirmed", items.size() - revoked, "revoked", revoked));
        return campaign(campaignId).orElseThrow();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Revocation> revocations(boolean liveOnly) {
        return ReviewRows.revocations(em.createNativeQuery(ReviewRows.REVOCATIONS + (liveOnly ? " where r.lifted_at is null" : "")
                + " order by r.revoked_at desc").getResultList());
    }

    public Revocation lift(UUID revocationId, Actor admin) {
        Revocation revocation = ReviewRows.revocations(em.createNativeQuery(ReviewRows.REVOCATIONS + " where r.id = ?1 for update of r")
                .setParameter(1, revocationId).getResultList()).stream().findFirst()
                .orElseThrow(() -> new AccessReviewException(Reason.NOT_FOUND, "no access revocation " + revocationId));
        if (!revocation.isLive()) {
            throw new AccessReviewException(Reason.ALREADY_LIFTED, "the revocation was already lifted by " + revocation.liftedBy());
        }
        Instant now = now();
        em.createNativeQuery("update access_revocation set lifted_by = ?2, lifted_at = ?3 where id = ?1")
                .setParameter(1, revocationId).setParameter(2, admin.name()).setParameter(3, now).executeUpdate();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("identity", revocation.identity());
        details.put("connection", revocation.connection());
        details.put("campaign", revocation.campaign());
        details.put("revokedBy", revocation.revokedBy());
        details.put("revokedAt", revocation.revokedAt().toString());
        audit.append(admin, "access.revocation_lifted", REVOCATION_TARGET_TYPE, revocationId.toString(), revocation.identity(), "success",
                details);
        return new Revocation(revocation.id(), revocation.identity(), revocation.connection(), revocation.itemId(), revocation.campaign(),
                revocation.reason(), revocation.revokedBy(), revocation.revokedAt(), admin.name(), now);
    }

    private ReviewCampaign lockedCampaign(UUID id) {
        List<?> locked = em.createNativeQuery("select id from access_review_campaign where id = ?1 for update").setParameter(1, id)
                .getResultList();
        if (locked.isEmpty()) {
            throw new AccessReviewException(Reason.NOT_FOUND, "no access review " + id);
        }
        return campaign(id).orElseThrow();
    }

    private static Map<String, Object> describe(ReviewItem item, String decision, String comment) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("item", item.id().toString());
        details.put("identity", item.identity());
        details.put("identityKind", item.identityKind());
        details.put("connection", item.connection());
        details.put("access_via", item.accessVia());
        details.put("decision", decision);
        details.put("comment", comment);
        return details;
    }

    /** Microseconds, as PostgreSQL keeps them, so what is returned equals what is read back. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
