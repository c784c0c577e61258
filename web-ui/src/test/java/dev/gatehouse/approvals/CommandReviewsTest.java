package dev.gatehouse.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15's attack 3 at the binding: an approval is bound to the exact bytes and bound values, nothing normalized. */
class CommandReviewsTest {

    private static String hash(String sql, String... parameters) {
        return CommandReviews.binding(new CommandReviews.Statement("eve", false, "payments", "approve-updates", null, sql,
                List.of(parameters))).statementHash();
    }

    @Test
    void aNewlineThatEndsACommentMakesAnotherStatement() {
        String shown = "UPDATE appr SET n = n + 1 WHERE id = 1 -- INC-1 OR id > 0";
        String runs = "UPDATE appr SET n = n + 1 WHERE id = 1 -- INC-1\nOR id > 0";
        assertThat(hash(runs)).isNotEqualTo(hash(shown));
    }

    @Test
    void nothingIsNormalized() {
        assertThat(hash("update t set a = 1 where id = 1")).isNotEqualTo(hash("update t set a = 1 where id = 1;"))
                .isNotEqualTo(hash("update  t set a = 1 where id = 1")).isNotEqualTo(hash("update t set a = 1 where id = 1\u200b"))
                .isEqualTo(hash("update t set a = 1 where id = 1")).hasSize(64);
    }

    @Test
    void boundValuesArePartOfTheBinding() {
        String sql = "update t set a = 1 where id = $1";
        assertThat(hash(sql, "'1'")).isNotEqualTo(hash(sql, "'2'")).isNotEqualTo(hash(sql)).isNotEqualTo(hash(sql, "'1'", "NULL"))
                .isEqualTo(hash(sql, "'1'"));
        // Moving text between the statement and a value changes the hash (each piece is length-prefixed).
        assertThat(hash("select $1", "'a'")).isNotEqualTo(hash("select $1'a'"));
    }
}
