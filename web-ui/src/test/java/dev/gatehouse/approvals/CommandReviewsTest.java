package dev.gatehouse.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandReviewsTest {

    @Test
    void aRetypedStatementNormalizesToTheSameText() {
        assertThat(CommandReviews.normalize("  update  accounts\n\tset balance = 0 where id = 1 ;; "))
                .isEqualTo("update accounts set balance = 0 where id = 1");
    }

    @Test
    void whitespaceInsideQuotesIsPartOfTheStatement() {
        assertThat(CommandReviews.normalize("update t set note = 'a   b'  where \"odd  name\" = 1"))
                .isEqualTo("update t set note = 'a   b' where \"odd  name\" = 1");
        assertThat(CommandReviews.normalize("select 'a  b'")).isNotEqualTo(CommandReviews.normalize("select 'a b'"));
    }
}
