package dev.gatehouse.workflow.testing;

import dev.gatehouse.workflow.Approver;
import java.util.Set;

/** The demo realm's cast, with the groups the test chains use. */
public final class People {

    public static final Approver EVE = new Approver("eve", Set.of("developers", "leads"));
    public static final Approver BOB = new Approver("bob", Set.of("leads"));
    public static final Approver CAROL = new Approver("carol", Set.of("dba"));
    public static final Approver DAVE = new Approver("dave", Set.of("dba"));
    /** A lead who is also a DBA, so could be a candidate on both steps. */
    public static final Approver ANN = new Approver("ann", Set.of("leads", "dba"));
    public static final Approver FRANK = new Approver("frank", Set.of("dba-oncall"));
    public static final Approver MALLORY = new Approver("mallory", Set.of("sales"));

    private People() {
    }
}
