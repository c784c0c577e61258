package dev.gatehouse.evidence.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * Access that is still live but not used (controls C3 and C4), as the store shows it when the
 * snapshot is taken; see {@link StaleAccessQueries} for the exact definitions. The counts are
 * complete; each list holds the longest-unused few.
 */
public record StaleAccess(long jitGrants, long unmaskExemptions, long dormantIdentities,
        List<Item> staleJitGrants, List<Item> staleUnmaskExemptions, List<Item> dormant) {

    public StaleAccess {
        staleJitGrants = List.copyOf(staleJitGrants);
        staleUnmaskExemptions = List.copyOf(staleUnmaskExemptions);
        dormant = List.copyOf(dormant);
    }

    public long total() {
        return jitGrants + unmaskExemptions + dormantIdentities;
    }

    /**
     * @param who      the identity holding the access
     * @param access   what it is: "jit:&lt;request&gt; on &lt;connection&gt;", "unmask:&lt;exemption&gt; on ..." or the roles
     * @param since    when the access started (the grant's start; for an identity, when the store first saw it)
     * @param lastUsed the start of its latest session that used it, or null when never used
     */
    public record Item(String who, String access, Instant since, Instant lastUsed) {
    }
}
