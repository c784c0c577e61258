package dev.gatehouse.ui;

import dev.gatehouse.audit.RefusedActionException;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.masking.ExemptionDraft;
import dev.gatehouse.masking.MaskingExemption;
import dev.gatehouse.masking.MaskingNotFoundException;
import dev.gatehouse.masking.UnmaskGrants;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The unmask grants panel of masking.xhtml: grant one for a while, see where each stands, revoke. */
@Named
@ViewScoped
public class MaskingGrantsBox implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UnmaskGrants grants;

    private List<GrantRow> rows;
    private String username;
    private String connection = "*";
    private List<String> ruleIds = new ArrayList<>();
    private String reason;
    private Integer durationMinutes = 60;

    public List<GrantRow> getRows() {
        if (rows == null) {
            load();
        }
        return rows;
    }

    private void load() {
        Instant now = Instant.now();
        rows = grants.list(false).stream().map(e -> GrantRow.of(e, now)).toList();
    }

    public void grant() {
        try {
            MaskingExemption grant = grants.grant(new ExemptionDraft(null, username, connection, ruleIds, reason, null, null, durationMinutes));
            Messages.info("Unmask grant created", grant.username() + " sees clear values until " + grant.endsAt() + ".");
            username = null;
            reason = null;
            ruleIds = new ArrayList<>();
        } catch (ValidationFailedException invalid) {
            MaskingPage.refused("Grant refused", invalid);
        } catch (RefusedActionException refused) {
            Messages.error("Grant refused", refused.getMessage());
        }
        load();
    }

    public void revoke(GrantRow row) {
        try {
            grants.revoke(UUID.fromString(row.id()));
            Messages.info("Grant revoked", row.who() + " sees masked values again.");
        } catch (MaskingNotFoundException gone) {
            Messages.error("Grant no longer exists", gone.getMessage());
        }
        load();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    public List<String> getRuleIds() {
        return ruleIds;
    }

    public void setRuleIds(List<String> ruleIds) {
        this.ruleIds = ruleIds;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getDurationMinutes() {
        return durationMinutes;
    }

    public void setDurationMinutes(Integer durationMinutes) {
        this.durationMinutes = durationMinutes;
    }

    /** One grant as the table shows it. */
    public record GrantRow(String id, String who, String connection, int rules, String reason, Instant startsAt, Instant endsAt,
            String status, String grantedBy) implements Serializable {

        static GrantRow of(MaskingExemption e, Instant now) {
            return new GrantRow(e.id().toString(), e.username() != null ? e.username() : e.subject(), e.connection(), e.ruleIds().size(),
                    e.reason(), e.startsAt(), e.endsAt(), e.status(now), e.grantedBy());
        }

        public boolean revocable() {
            return status.equals("active") || status.equals("scheduled");
        }
    }
}
