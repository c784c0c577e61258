package dev.gatehouse.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.ui.SqlHighlight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox's check that a statement is shown as PostgreSQL's parser reads it (issue 15, attack 3):
 * blanking what the display marks as comments must leave the parse tree unchanged.
 */
class StatementReadingsTest {

    static final PostgresSqlAnalyzer ANALYZER = PostgresSqlAnalyzer.withDefaults();

    @AfterAll
    static void stop() {
        ANALYZER.close();
    }

    private static String check(String sql) {
        return StatementReadings.shownAsRead(ANALYZER, sql, SqlHighlight.withoutComments(sql));
    }

    @Test
    void theCommentTrickIsShownAsItRunsSoItMayBeApproved() {
        assertThat(check("UPDATE appr SET n = n + 1 WHERE id = 1 -- INC-1\nOR id > 0")).isNull();
        assertThat(check("select 1 /* a /* nested */ b */ + 2; select E'\\' -- x', $q$ -- $q$ -- tail")).isNull();
    }

    @Test
    void aDisplayThatHidesCodeInACommentIsCaught() {
        String sql = "UPDATE appr SET n = n + 1 WHERE id = 1 -- INC-1\nOR id > 0";
        // A display that read the comment on to the end of the text (as a collapsed newline would) hides "OR id > 0".
        String naive = sql.substring(0, sql.indexOf("--")) + " ".repeat(sql.length() - sql.indexOf("--"));
        assertThat(StatementReadings.shownAsRead(ANALYZER, sql, naive)).contains("reads this text differently");
        // As does one that ends a nested comment at the first */.
        String nested = "select 1 /* a /* b */ + 2 */";
        String firstClose = "select 1" + " ".repeat("/* a /* b */".length() + 1) + "+ 2 */";
        assertThat(StatementReadings.shownAsRead(ANALYZER, nested, firstClose)).isNotNull();
    }
}
