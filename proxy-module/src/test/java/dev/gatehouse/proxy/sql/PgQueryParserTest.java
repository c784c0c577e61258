package dev.gatehouse.proxy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pinned WebAssembly build's two entry points the gateway binds by their minified names. */
class PgQueryParserTest {

    private static final PgQueryParser PARSER = new PgQueryParser(PgQueryModule.shared());

    @Test
    void parsesSqlAndReportsPostgresErrors() {
        PgQueryParser.RawParse parsed = PARSER.parse("SELECT 1; DELETE FROM t");
        assertThat(parsed.failed()).isFalse();
        assertThat(parsed.json()).contains("SelectStmt").contains("DeleteStmt");
        PgQueryParser.RawParse refused = PARSER.parse("SELEC 1");
        assertThat(refused.failed()).isTrue();
        assertThat(refused.error()).contains("syntax error");
    }

    @Test
    void parsesPlpgsqlBodiesWithTheSqlInsideAsText() {
        PgQueryParser.RawParse parsed = PARSER.parse("SELECT 1");
        PgQueryParser.RawParse body = PARSER.parsePlpgsql("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$"
                + " BEGIN DELETE FROM keepme; EXECUTE 'DROP TABLE ' || 'x'; END $$");
        assertThat(parsed.failed()).isFalse();
        assertThat(body.failed()).as(body.error()).isFalse();
        assertThat(body.json()).contains("DELETE FROM keepme").contains("PLpgSQL_stmt_dynexecute");
        PgQueryParser.RawParse broken = PARSER.parsePlpgsql("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN oops; END $$");
        assertThat(broken.failed()).isTrue();
        // The parser keeps working after an error.
        assertThat(PARSER.parse("SELECT 2").failed()).isFalse();
    }
}
