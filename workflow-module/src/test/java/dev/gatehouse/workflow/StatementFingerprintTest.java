package dev.gatehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementFingerprintTest {

    private static final String UPDATE = "UPDATE accounts SET limit = $1 WHERE id = $2";

    @Test
    void theSameStatementAndParametersGiveTheSameHash() {
        assertThat(StatementFingerprint.of(UPDATE, List.of("5000", "42"))).isEqualTo(StatementFingerprint.of(UPDATE, List.of("5000", "42")))
                .hasSize(64);
    }

    @Test
    void anyDifferenceInTextOrParametersChangesTheHash() {
        String approved = StatementFingerprint.of(UPDATE, List.of("5000", "42"));

        assertThat(StatementFingerprint.of(UPDATE, List.of("5000", "43"))).isNotEqualTo(approved);
        assertThat(StatementFingerprint.of(UPDATE.replace("$2", "$2 OR true"), List.of("5000", "42"))).isNotEqualTo(approved);
        assertThat(StatementFingerprint.of(UPDATE, List.of("500", "042"))).isNotEqualTo(approved);
    }

    @Test
    void aNullParameterDiffersFromAnEmptyOne() {
        assertThat(StatementFingerprint.of(UPDATE, Arrays.asList(null, "42"))).isNotEqualTo(StatementFingerprint.of(UPDATE, List.of("", "42")));
    }
}
