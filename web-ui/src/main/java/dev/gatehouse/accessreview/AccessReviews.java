package dev.gatehouse.accessreview;

import dev.gatehouse.accessreview.AccessReviewException.Reason;
import dev.gatehouse.accessreview.ReviewEnumeration.ConnectionAccess;
import dev.gatehouse.accessreview.ReviewEnumeration.HeldGrant;
import dev.gatehouse.approvals.AccessGrants;
import dev.gatehouse.audit.Actor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.datapath.DataPath;
import dev.gatehouse.identity.IdentityInventory;
import dev.gatehouse.masking.MaskingExemption;
import dev.gatehouse.masking.UnmaskGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Periodic access reviews (control C4, docs/evidence.md): a campaign lists every identity's access per
 * connection in scope; each item is confirmed or revoked; an independent auditor signs it off.
 * A revocation takes effect on the data path at once: the identity's open sessions on the connection
 * are ended, and new ones are refused until an admin lifts the revocation.
 *
 * <p>Who does what: auditors and admins open campaigns; admins decide items; auditors close them.
 * The issue asks for connection owners to decide, but Gatehouse has no per-connection owner model
 * yet, so every admin may decide any item but one about their own access ({@link ReviewRules}).
 *
 * <p>Not transactional itself: each change commits in {@link AccessReviewStore} first, and only then
 * is the data path told, so it never acts on a revocation that rolled back.
 */
@ApplicationScoped
public class AccessReviews {

    private static final Logger LOG = Logger.getLogger(AccessReviews.class.getName());
    private static final int NAME_MAX = 200;

    /** What deciding an item did: the item as decided, and how many open sessions it ended. */
    public record Decided(ReviewItem item, int sessionsEnded) {
    }

    @Inject
    AccessReviewStore store;

    @Inject
    IdentityInventory inventory;

    @Inject
    TargetConnectionRepository connections;

    @Inject
    AccessGrants accessGrants;

    @Inject
    UnmaskGrants unmaskGrants;

    @Inject
    AccessRevocationsRefresher revocations;

    @Inject
    DataPath dataPath;

    /** Opens a campaign over {@code connectionNames} (empty: every connection) and lists its items. */
    public ReviewCampaign open(String name, List<String> connectionNames, Instant dueAt, Actor actor) {
        List<String> scope = connectionNames == null ? List.of() : connectionNames.stream().map(String::trim).distinct().sorted().toList();
        List<TargetConnection> catalog = connections.findAll();
        validateOpen(name, scope, dueAt, catalog.stream().map(TargetConnection::name).toList());
        List<ConnectionAccess> inScope = catalog.stream().filter(c -> scope.isEmpty() || scope.contains(c.name()))
                .map(c -> new ConnectionAccess(c.name(), Set.copyOf(c.allowedRoles()))).toList();
        Instant now = Instant.now();
        List<HeldGrant> grants = Stream.concat(
                accessGrants.live(now).stream().map(g -> new HeldGrant(g.requester(), g.connection(),
                        new AccessVia(AccessVia.Kind.JIT, g.requestId()))),
                unmaskGrants.list(true).stream().map(AccessReviews::held)).toList();
        var drafts = ReviewEnumeration.items(inScope, inventory.identities(), grants);
        return store.open(name.trim(), scope, dueAt, drafts, actor);
    }

    public List<ReviewCampaign> campaigns() {
        return store.campaigns();
    }

    public ReviewCampaign campaign(UUID id) {
        return store.campaign(id).orElseThrow(() -> new AccessReviewException(Reason.NOT_FOUND, "no access review " + id));
    }

    public List<ReviewItem> items(UUID campaignId) {
        campaign(campaignId);
        return store.items(campaignId);
    }

    /**
     * Confirms or revokes one item ({@code decision} "confirm" or "revoke"; a revocation needs a
     * comment). A revocation ends the identity's open sessions on the connection.
     */
    public Decided decide(UUID campaignId, UUID itemId, String decision, String comment, Actor reviewer) {
        List<FieldError> errors = new ArrayList<>();
        if (!"confirm".equals(decision) && !"revoke".equals(decision)) {
            errors.add(new FieldError("decision", "must be \"confirm\" or \"revoke\""));
        }
        String text = comment == null ? "" : comment.trim();
        if ("revoke".equals(decision) && text.isEmpty()) {
            errors.add(new FieldError("comment", "say why the access is revoked"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        boolean revoke = "revoke".equals(decision);
        ReviewItem decided = store.decide(campaignId, itemId, revoke, text.isEmpty() ? null : text, reviewer);
        return new Decided(decided, revoke ? takeEffect(decided) : 0);
    }

    /** Applies a committed revocation on this node's data path now, rather than at the next refresh. */
    private int takeEffect(ReviewItem item) {
        if (item.via().isStanding()) {
            return revocations.refreshNow();
        }
        String what = item.via().kind() == AccessVia.Kind.JIT ? "just-in-time grant " : "unmask exemption ";
        String message = "your " + what + item.via().value() + " on connection \"" + item.connection() + "\" was revoked by access review \""
                + campaign(item.campaignId()).name() + "\"; ask an administrator if you still need it";
        try {
            return dataPath.endSessions(item.identity(), item.connection(), message).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "gatehouse: sessions of a revoked grant could not all be ended", e);
            return 0;
        }
    }

    /** Signs a campaign off; only an auditor who decided none of its items, once every item is decided. */
    public ReviewCampaign close(UUID campaignId, String signOff, Actor auditor) {
        if (signOff == null || signOff.isBlank()) {
            throw new ValidationFailedException(List.of(new FieldError("signOff", "state what was reviewed and that it is complete")));
        }
        return store.close(campaignId, signOff.trim(), auditor);
    }

    public List<Revocation> revocations(boolean liveOnly) {
        return store.revocations(liveOnly);
    }

    /** Lifts a revocation: the identity may connect again at once (its allow-list access permitting). */
    public Revocation lift(UUID revocationId, Actor admin) {
        Revocation lifted = store.lift(revocationId, admin);
        revocations.refreshNow();
        return lifted;
    }

    private static void validateOpen(String name, List<String> scope, Instant dueAt, List<String> known) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.trim().length() > NAME_MAX) {
            errors.add(new FieldError("name", "must be at most " + NAME_MAX + " characters"));
        }
        scope.stream().filter(c -> !known.contains(c)).forEach(c -> errors.add(new FieldError("connections", "unknown connection '" + c + "'")));
        if (dueAt != null && !dueAt.isAfter(Instant.now())) {
            errors.add(new FieldError("dueAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }

    private static HeldGrant held(MaskingExemption exemption) {
        String who = exemption.username() != null ? exemption.username() : exemption.subject();
        return new HeldGrant(who, exemption.connection(), new AccessVia(AccessVia.Kind.UNMASK, exemption.id().toString()));
    }
}
