package dev.gatehouse.ui;

import dev.gatehouse.accessreview.AccessReviewException;
import dev.gatehouse.accessreview.AccessReviews;
import dev.gatehouse.accessreview.ReviewCampaign;
import dev.gatehouse.accessreview.ReviewItem;
import dev.gatehouse.accessreview.Revocation;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.identity.IdentityInventory.IdentityProviderUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Backs access-reviews.xhtml: the campaigns, one campaign's items with Confirm/Revoke, the sign-off,
 * and the live revocations with Lift. Each button is shown only to the role its service allows
 * (auditors and admins open, admins decide and lift, auditors sign off); the services check again.
 */
@Named
@ViewScoped
public class AccessReviewsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AccessReviews reviews;

    @Inject
    transient TargetConnectionRepository connections;

    @Inject
    transient CurrentActor actor;

    private List<ReviewCampaign> campaigns = List.of();
    private List<Revocation> revocations = List.of();
    private List<String> connectionNames = List.of();
    private ReviewCampaign selected;
    private List<ReviewItem> items = List.of();
    private final Map<String, String> comments = new HashMap<>();
    private String name;
    private List<String> scope = new ArrayList<>();
    private LocalDate due;
    private String signOff;

    @PostConstruct
    void load() {
        campaigns = reviews.campaigns();
        revocations = reviews.revocations(true);
        connectionNames = connections.findAll().stream().map(TargetConnection::name).toList();
        if (selected != null) {
            selected = reviews.campaign(selected.id());
            items = reviews.items(selected.id());
        }
    }

    public void open() {
        attempt("Opening the review", () -> {
            ReviewCampaign opened = reviews.open(name, scope, due == null ? null : due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    actor.get());
            name = null;
            scope = new ArrayList<>();
            due = null;
            selected = opened;
            return opened.name() + " lists " + opened.items() + " items";
        });
    }

    public void select(ReviewCampaign campaign) {
        selected = campaign;
        signOff = null;
        load();
    }

    public void confirm(ReviewItem item) {
        decide(item, "confirm");
    }

    public void revoke(ReviewItem item) {
        decide(item, "revoke");
    }

    private void decide(ReviewItem item, String decision) {
        attempt("Deciding " + item.identity() + " on " + item.connection(), () -> {
            AccessReviews.Decided decided = reviews.decide(item.campaignId(), item.id(), decision, comments.remove(item.id().toString()),
                    actor.get());
            return decided.item().decision() + (decided.sessionsEnded() > 0 ? "; " + decided.sessionsEnded() + " open session(s) ended" : "");
        });
    }

    public void close() {
        attempt("Signing off", () -> reviews.close(selected.id(), signOff, actor.get()).name() + " is closed");
    }

    public void lift(Revocation revocation) {
        attempt("Lifting the revocation", () -> {
            reviews.lift(revocation.id(), actor.get());
            return revocation.identity() + " may connect to " + revocation.connection() + " again";
        });
    }

    private void attempt(String what, Supplier<String> action) {
        try {
            Messages.info(what + " succeeded", action.get());
        } catch (ValidationFailedException e) {
            Messages.error(what + " failed", e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
        } catch (AccessReviewException | IdentityProviderUnavailableException e) {
            Messages.error(what + " failed", e.getMessage());
        }
        load();
    }

    public String severity(String decision) {
        return switch (decision) {
            case "confirmed" -> "success";
            case "revoked" -> "danger";
            default -> "warning";
        };
    }

    public String scopeText(ReviewCampaign campaign) {
        return campaign.connections().isEmpty() ? "all connections" : String.join(", ", campaign.connections());
    }

    public boolean isSelectedOpen() {
        return selected != null && selected.isOpen();
    }

    public List<ReviewCampaign> getCampaigns() {
        return campaigns;
    }

    public List<Revocation> getRevocations() {
        return revocations;
    }

    public List<String> getConnectionNames() {
        return connectionNames;
    }

    public ReviewCampaign getSelected() {
        return selected;
    }

    public List<ReviewItem> getItems() {
        return items;
    }

    public Map<String, String> getComments() {
        return comments;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getScope() {
        return scope;
    }

    public void setScope(List<String> scope) {
        this.scope = scope == null ? new ArrayList<>() : new ArrayList<>(scope);
    }

    public LocalDate getDue() {
        return due;
    }

    public void setDue(LocalDate due) {
        this.due = due;
    }

    public String getSignOff() {
        return signOff;
    }

    public void setSignOff(String signOff) {
        this.signOff = signOff;
    }
}
