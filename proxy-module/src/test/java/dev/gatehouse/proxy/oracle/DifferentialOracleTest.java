package dev.gatehouse.proxy.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison itself, on made-up evidence: what it lets pass and what it reports. */
class DifferentialOracleTest {

    private static final StandIns NONE = (session, executed) -> -1;
    private static final String UPDATE = "UPDATE appr SET n = n + 1 WHERE id = 1";

    @Test
    void anApprovedRunAndItsRefusedReplayPassWhenTheTargetRanItOnce() {
        SessionEvidence once = new SessionEvidence("replay", List.of(UPDATE), Set.of(UPDATE), Set.of(UPDATE), 4,
                Map.of(UPDATE, 1), Map.of(UPDATE, 1));
        assertThat(DifferentialOracle.violations(List.of(once), NONE)).isEmpty();
    }

    @Test
    void aReplayTheTargetRanMoreOftenThanAllowedIsReported() {
        SessionEvidence five = new SessionEvidence("replay", List.of(UPDATE, UPDATE, UPDATE, UPDATE, UPDATE), Set.of(UPDATE),
                Set.of(UPDATE), 4, Map.of(UPDATE, 5), Map.of(UPDATE, 1));
        assertThat(DifferentialOracle.violations(List.of(five), NONE))
                .containsExactly("replay: the target ran 5 times a statement the gateway allowed 1 times: \"" + UPDATE + "\"");
    }

    @Test
    void withoutRunCountsAnyRunOfARefusedTextIsReported() {
        SessionEvidence uncounted = new SessionEvidence("plain", List.of(UPDATE), Set.of(UPDATE), Set.of(UPDATE), 1);
        assertThat(DifferentialOracle.violations(List.of(uncounted), NONE)).hasSize(1);
    }
}
