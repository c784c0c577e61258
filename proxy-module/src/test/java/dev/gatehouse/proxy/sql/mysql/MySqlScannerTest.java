package dev.gatehouse.proxy.sql.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's own reading of MySQL text: cuts, executable comments, canonical form, refusals. */
class MySqlScannerTest {

    private static final MySqlReading MARIADB = new MySqlReading(false, false, 101119, true);
    private static final MySqlReading MYSQL8 = new MySqlReading(false, false, 80036, false);

    private static List<String> canonical(String sql, MySqlReading reading) {
        MySqlScanner.Scan scan = MySqlScanner.scan(sql, reading);
        assertThat(scan.error()).as(sql).isNull();
        return scan.pieces().stream().map(MySqlScanner.Piece::canonical).toList();
    }

    private static String refusal(String sql, MySqlReading reading) {
        MySqlScanner.Scan scan = MySqlScanner.scan(sql, reading);
        assertThat(scan.failed()).as(sql).isTrue();
        return scan.error();
    }

    @Test
    void cutsAtSemicolonsOutsideStringsIdentifiersAndComments() {
        assertThat(canonical("SELECT ';'; SELECT `;`; SELECT 1 /* ; */; SELECT 2 -- ;\n; SELECT 3 # ;\n", MARIADB))
                .containsExactly("SELECT ';'", "SELECT `;`", "SELECT 1", "SELECT 2", "SELECT 3");
    }

    @Test
    void executableCommentsAreCodeWhenTheTargetRunsThem() {
        assertThat(canonical("SELECT 1 /*!40101 , 2 */", MARIADB)).containsExactly("SELECT 1 , 2");
        assertThat(canonical("SELECT 1 /*!50700 , 2 */", MARIADB)).containsExactly("SELECT 1");
        assertThat(canonical("SELECT 1 /*!50700 , 2 */", MYSQL8)).containsExactly("SELECT 1 , 2");
        assertThat(canonical("SELECT 1 /*M!100000 , 2 */", MARIADB)).containsExactly("SELECT 1 , 2");
        assertThat(canonical("SELECT 1 /*M!100000 , 2 */", MYSQL8)).containsExactly("SELECT 1");
        assertThat(canonical("SELECT 1 /*!999999 , 2 /* inner */ ; DROP */", MARIADB)).containsExactly("SELECT 1");
        assertThat(canonical("SELECT 1 /*! , 2 /* inner */ , 3 */", MARIADB)).containsExactly("SELECT 1 , 2 , 3");
    }

    @Test
    void stringsComeOutWithoutBackslashes() {
        assertThat(canonical("SELECT 'a\\'b', \"it\"\"s\", 'x\\\\y'", MARIADB))
                .containsExactly("SELECT 'a''b', 'it\"s', X'785c79'");
        assertThat(canonical("SELECT 'a\\'; DROP TABLE t; -- '", MARIADB)).containsExactly("SELECT 'a''; DROP TABLE t; -- '");
        assertThat(canonical("SELECT 'a\\'; DROP TABLE t; -- '", MARIADB.withSqlModeFlags(false, true)))
                .containsExactly("SELECT X'615c'", "DROP TABLE t", ""); // the comment after the last semicolon is an empty piece
    }

    @Test
    void ansiQuotesMakeDoubleQuotedTextAnIdentifier() {
        assertThat(canonical("SELECT \"a\"\"b\" FROM t", MARIADB.withSqlModeFlags(true, false))).containsExactly("SELECT `a\"b` FROM t");
        assertThat(canonical("SELECT 1 AS \"a\\\"; DROP TABLE t", MARIADB.withSqlModeFlags(true, false)))
                .containsExactly("SELECT 1 AS `a\\`", "DROP TABLE t");
    }

    @Test
    void nonAsciiWordsAreQuotedSoNoParserReadsMoreIntoThem() {
        assertThat(canonical("SELECT é FROM tàble", MARIADB)).containsExactly("SELECT `é` FROM `tàble`");
    }

    @Test
    void refusesWhatItCannotReadAsTheServerDoes() {
        assertThat(refusal("SELECT 'open", MARIADB)).contains("string");
        assertThat(refusal("SELECT 1 /* open", MARIADB)).contains("comment");
        assertThat(refusal("SELECT 1 /*! ; DROP TABLE t */", MARIADB)).contains("semicolon");
        assertThat(refusal("SELECT 1 /*! /*! 2 */ */", MARIADB)).contains("inside another");
        assertThat(refusal("SELECT 1 /*! -- */ , 2", MARIADB)).contains("does not end");
        assertThat(refusal("SELECT `open", MARIADB)).contains("identifier");
        assertThat(refusal("SELECT 1 \\ 2", MARIADB)).contains("backslash");
        assertThat(refusal("SELECT 1 \u0001", MARIADB)).contains("control character");
        assertThat(refusal("SELECT X'414'", MARIADB)).contains("odd");
    }

    @Test
    void dashDashNeedsASpaceOrControlCharacter() {
        assertThat(canonical("SELECT 1--1", MARIADB)).containsExactly("SELECT 1--1");
        assertThat(canonical("SELECT 1 --\t; x\n, 2", MARIADB)).containsExactly("SELECT 1 , 2");
        assertThat(canonical("SELECT 1 --", MARIADB)).containsExactly("SELECT 1");
    }

    @Test
    void compoundStatementsAreJoinedAcrossTheirSemicolons() {
        String sql = "CREATE PROCEDURE p() BEGIN SELECT 1;\n  IF 1 THEN SELECT 2; END IF;\nEND ;  SELECT 3";
        MySqlScanner.Scan scan = MySqlScanner.scan(sql, MARIADB);
        CompoundStatements.Joined joined = CompoundStatements.join(sql, scan.pieces());
        assertThat(joined.statements()).extracting(MySqlScanner.Piece::canonical)
                .containsExactly("CREATE PROCEDURE p() BEGIN SELECT 1; IF 1 THEN SELECT 2; END IF; END", "SELECT 3");
        // The text is the client's own, line breaks and all: what the session sends on and records.
        assertThat(joined.statements()).extracting(MySqlScanner.Piece::text)
                .containsExactly("CREATE PROCEDURE p() BEGIN SELECT 1;\n  IF 1 THEN SELECT 2; END IF;\nEND", "SELECT 3");
        String open = "BEGIN NOT ATOMIC SELECT 1;";
        assertThat(CompoundStatements.join(open, MySqlScanner.scan(open, MARIADB).pieces()).error()).contains("does not end");
    }

    @Test
    void readsTheVersionOfAServerGreeting() {
        assertThat(MySqlReading.versionNumber("10.11.19-MariaDB-0+deb12u1")).isEqualTo(101119);
        assertThat(MySqlReading.versionNumber("5.5.5-10.11.19-MariaDB")).isEqualTo(101119);
        assertThat(MySqlReading.versionNumber("8.0.36")).isEqualTo(80036);
        assertThat(MySqlReading.versionNumber("garbage")).isZero();
    }
}
