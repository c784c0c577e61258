package dev.gatehouse.evidence.dashboard;

import dev.gatehouse.evidence.FfiecControl;
import java.util.List;

/** The kinds of exception the compliance dashboard counts over its window, and the controls each one is evidence for. */
public enum ExceptionKind {

    SELF_APPROVAL("selfApprovals", "Self-approval attempts", List.of(FfiecControl.C6),
            "A claim or decision on an approval request, refused by the workflow, whose actor is the request's own requester"
                    + " (audit action approval.refused; the requester is the actor of the request's approval.requested event)."
                    + " A person refused for deciding a second step of someone else's request is not counted."),
    BLOCKED_COMMAND("blockedCommands", "Blocked commands", List.of(FfiecControl.C7, FfiecControl.C14),
            "Statements guardrails blocked on the data path: denied, or held until an approval (audit action statement.blocked)."),
    UNMASKED_ACCESS("unmaskGrants", "Unmasked access grants", List.of(FfiecControl.C15),
            "Unmask grants (masking exemptions) given in the window, revoked since or not; the card also counts the grants live now."),
    FAILED_VERIFICATION("failedVerifications", "Failed chain verifications", List.of(FfiecControl.C10, FfiecControl.C11),
            "Audit-chain verification runs that found the chain broken (audit action audit.verified with outcome failure)."),
    REFUSED_POWER("refusedPowers", "Refused admin and agent powers", List.of(FfiecControl.C6),
            "Actions no single admin or machine may take, refused and recorded (issue 17): Gatehouse's own store registered as a"
                    + " target, a password lured over a plain hop, a self-granted unmask exemption, an agent given a person's role or"
                    + " deciding, signing off or releasing a hold, and requests over the duration ceiling.");

    private final String anchor;
    private final String title;
    private final List<FfiecControl> controls;
    private final String definition;

    ExceptionKind(String anchor, String title, List<FfiecControl> controls, String definition) {
        this.anchor = anchor;
        this.title = title;
        this.controls = controls;
        this.definition = definition;
    }

    /** The id of its section on the dashboard page. */
    public String anchor() {
        return anchor;
    }

    public String title() {
        return title;
    }

    public List<FfiecControl> controls() {
        return controls;
    }

    public String definition() {
        return definition;
    }
}
