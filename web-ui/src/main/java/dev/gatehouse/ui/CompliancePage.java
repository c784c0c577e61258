package dev.gatehouse.ui;

import dev.gatehouse.evidence.dashboard.ComplianceDashboard;
import dev.gatehouse.evidence.dashboard.ComplianceSnapshot;
import dev.gatehouse.evidence.dashboard.ExceptionKind;
import dev.gatehouse.evidence.dashboard.ExceptionSummary;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/**
 * compliance.xhtml: the controls with exceptions in the last 30 days, for compliance officers
 * (gatehouse-auditor). Each request shows the dashboard's shared snapshot, at most 30 s old.
 */
@Named
@RequestScoped
public class CompliancePage {

    private static final Map<ExceptionKind, String> COLORS = Map.of(
            ExceptionKind.SELF_APPROVAL, "#c62828",
            ExceptionKind.BLOCKED_COMMAND, "#1565c0",
            ExceptionKind.UNMASKED_ACCESS, "#6a1b9a",
            ExceptionKind.FAILED_VERIFICATION, "#ef6c00",
            ExceptionKind.REFUSED_POWER, "#ad1457");

    @Inject
    ComplianceDashboard dashboard;

    private ComplianceSnapshot snapshot;
    private String failure;

    /**
     * The snapshot, or null when the store could not be read. The page says so inline: the growl
     * is already rendered by the time the content asks.
     */
    public ComplianceSnapshot getSnapshot() {
        if (snapshot == null && failure == null) {
            try {
                snapshot = dashboard.snapshot();
            } catch (IllegalStateException e) {
                failure = e.getMessage();
            }
        }
        return snapshot;
    }

    public String getFailure() {
        getSnapshot();
        return failure;
    }

    public String chart(ExceptionSummary summary) {
        return ComplianceCharts.perDay(summary.kind().title(), summary.perDay(), COLORS.get(summary.kind()));
    }

    public String getStaleChart() {
        return ComplianceCharts.staleAccess(getSnapshot().stale());
    }

    public String getStaleAnchor() {
        return ComplianceSnapshot.STALE_ANCHOR;
    }
}
