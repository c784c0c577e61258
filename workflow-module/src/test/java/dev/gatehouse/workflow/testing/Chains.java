package dev.gatehouse.workflow.testing;

import dev.gatehouse.workflow.chain.ApprovalChain;

/** Chains as an administrator would configure them, in the stored JSON form. */
public final class Chains {

    /** A lead approves, then two DBAs; a lead is reminded after 1 h, the DBA step goes to on-call after 2 h. */
    public static final ApprovalChain LEAD_THEN_TWO_DBAS = ApprovalChain.parse("""
            {"expiresAfter": "PT24H",
             "steps": [
               {"name": "Team lead", "candidateGroups": ["leads"], "quorum": 1,
                "escalation": {"after": "PT1H", "action": "remind"}},
               {"name": "DBA", "candidateGroups": ["dba"], "quorum": 2,
                "escalation": {"after": "PT2H", "action": "reassign", "to": "dba-oncall"}}]}
            """);

    /** One lead, no escalation. */
    public static final ApprovalChain ONE_LEAD = ApprovalChain.parse("""
            {"expiresAfter": "PT8H", "steps": [{"name": "Team lead", "candidateGroups": ["leads"]}]}
            """);

    private Chains() {
    }
}
