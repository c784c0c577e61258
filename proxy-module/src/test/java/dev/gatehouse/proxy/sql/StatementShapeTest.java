package dev.gatehouse.proxy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementShapeTest {

    @Test
    void plainNumbersAndStringsBecomePlaceholders() {
        assertThat(StatementShape.of("SELECT abalance FROM pgbench_accounts WHERE aid = 10417;"))
                .isEqualTo("SELECT abalance FROM pgbench_accounts WHERE aid = ?;");
        assertThat(StatementShape.of("update t set v = 'it''s', w = 1.25 where id = $1 and k = 'x'"))
                .isEqualTo("update t set v = ?, w = ? where id = $1 and k = ?");
        assertThat(StatementShape.of("select col1, t2.c from t2 where c3 > 7"))
                .isEqualTo("select col1, t2.c from t2 where c3 > ?");
    }

    @Test
    void commentAndQuoteCharactersInsideAStringAreJustCharacters() {
        assertThat(StatementShape.of("select '--not a comment', '/*', 'say \"hi\"' from t"))
                .isEqualTo("select ?, ?, ? from t");
    }

    @Test
    void whitespaceIsKeptSoAdjacentStringsStayDistinguishable() {
        assertThat(StatementShape.of("select 'a'\n'b'")).isEqualTo("select ?\n?");
        assertThat(StatementShape.of("select 'a' 'b'")).isEqualTo("select ? ?");
    }

    /** Texts whose literals only PostgreSQL's full scanner can find: never shaped. */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 'a\\'; DROP TABLE t; --'",     // backslash: escapes depend on settings
        "select E'\\x41'",                      // escape string
        "select U&'\\0041'",                    // Unicode escapes
        "select x'1F', b'101', n'text'",        // prefixed strings
        "select 1 /* ' */ , 2",                 // comments
        "select 1 -- '",                        // line comment
        "select \"a'b\" from t",                // quoted identifier
        "select $$it's$$",                      // dollar quoting
        "select $q$x$q$",
        "select 1e5", "select 0x1F", "select 1_000", "select 1.", "select .5", "select 1.2.3",
        "select 'unterminated",
        "select 'a\\b' from t",               // a backslash even inside a plain string
        "select 1 ;-- '",
    })
    void refusesWhatATrivialScannerCouldGetWrong(String sql) {
        assertThat(StatementShape.of(sql)).isNull();
    }
}
