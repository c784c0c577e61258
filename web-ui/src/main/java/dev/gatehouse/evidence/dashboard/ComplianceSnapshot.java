package dev.gatehouse.evidence.dashboard;

import dev.gatehouse.evidence.FfiecControl;
import java.time.Instant;
import java.util.List;

/** What the compliance dashboard shows, as read from the store at {@code takenAt}. */
public record ComplianceSnapshot(Instant takenAt, DashboardWindow window, ExceptionSummary selfApprovals,
        ExceptionSummary blockedCommands, ExceptionSummary unmaskGrants, long liveUnmaskGrants,
        ExceptionSummary failedVerifications, StaleAccess stale, ExceptionSummary refusedPowers) {

    /** The id of the stale-access section on the dashboard page. */
    public static final String STALE_ANCHOR = "staleAccess";

    public List<ExceptionSummary> windowed() {
        return List.of(selfApprovals, refusedPowers, blockedCommands, unmaskGrants, failedVerifications);
    }

    /** One card per control with exceptions to show, in the order C3, C6, C7/C14, C10/C11, C15, C4. */
    public List<ControlCard> controlCards() {
        return List.of(
                new ControlCard(List.of(FfiecControl.C3), "live JIT grants never used or unused for 30 days", stale.jitGrants(), STALE_ANCHOR),
                new ControlCard(ExceptionKind.SELF_APPROVAL.controls(), "self-approval attempts in 30 days", selfApprovals.total(),
                        ExceptionKind.SELF_APPROVAL.anchor()),
                new ControlCard(ExceptionKind.REFUSED_POWER.controls(), "refused self-grants and machine decisions in 30 days",
                        refusedPowers.total(), ExceptionKind.REFUSED_POWER.anchor()),
                new ControlCard(ExceptionKind.BLOCKED_COMMAND.controls(), "blocked commands in 30 days", blockedCommands.total(),
                        ExceptionKind.BLOCKED_COMMAND.anchor()),
                new ControlCard(ExceptionKind.FAILED_VERIFICATION.controls(), "failed chain verifications in 30 days",
                        failedVerifications.total(), ExceptionKind.FAILED_VERIFICATION.anchor()),
                new ControlCard(ExceptionKind.UNMASKED_ACCESS.controls(), "unmask grants given in 30 days (" + liveUnmaskGrants
                        + " live now)", unmaskGrants.total(), ExceptionKind.UNMASKED_ACCESS.anchor()),
                new ControlCard(List.of(FfiecControl.C4), "stale grants and dormant identities to review", stale.total(), STALE_ANCHOR));
    }

    /**
     * @param controls the controls the number is evidence for
     * @param what     what the number counts
     * @param anchor   the id of the page section with its chart and latest exceptions
     */
    public record ControlCard(List<FfiecControl> controls, String what, long count, String anchor) {

        public ControlCard {
            controls = List.copyOf(controls);
        }

        /** "C7 / C14" */
        public String ids() {
            return String.join(" / ", controls.stream().map(FfiecControl::name).toList());
        }

        /** "Change control; Detection of unauthorized access" */
        public String titles() {
            return String.join("; ", controls.stream().map(FfiecControl::title).toList());
        }

        /** The first control's id in lower case, for element ids: "c7". */
        public String key() {
            return controls.get(0).name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
