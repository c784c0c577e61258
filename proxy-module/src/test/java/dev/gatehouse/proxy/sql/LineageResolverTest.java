package dev.gatehouse.proxy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.sql.ColumnLineage.Kind;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Output columns followed back to their base columns through every construct issue 16 names. */
class LineageResolverTest {

    private static final PostgresSqlAnalyzer SQL = PostgresSqlAnalyzer.withDefaults();

    @AfterAll
    static void close() {
        SQL.close();
    }

    private static StatementLineage lineage(String sql) {
        return SQL.analyzeNow(sql).statements().get(0).lineage();
    }

    private static ColumnLineage column(String sql, int index) {
        return lineage(sql).columns().get(index);
    }

    private static Set<String> sources(ColumnLineage column) {
        return column.sources().stream().map(s -> s.table() + "." + (s.column() == null ? "*" : s.column())).collect(Collectors.toSet());
    }

    @Test
    void aPlainColumnIsDirectAndAnExpressionOverItIsDerived() {
        ColumnLineage direct = column("SELECT c.ssn FROM customers c", 0);
        assertThat(direct.kind()).isEqualTo(Kind.DIRECT);
        assertThat(sources(direct)).containsExactly("customers.ssn");
        for (String expression : List.of("concat('x', ssn)", "reverse(ssn)", "translate(ssn, '0123456789', 'abcdefghij')",
                "ssn || ''", "upper(ssn)::varchar(20)", "CASE WHEN id > 0 THEN ssn END", "coalesce(null, ssn)",
                "encode(convert_to(ssn, 'UTF8'), 'hex')", "string_agg(ssn, ',')", "max(ssn) OVER ()", "lag(ssn) OVER (ORDER BY id)",
                "(SELECT ssn FROM customers LIMIT 1) || 'x'", "ssn = '1'", "ARRAY[ssn]", "md5(ssn)")) {
            ColumnLineage derived = column("SELECT " + expression + " FROM customers", 0);
            assertThat(derived.kind()).as(expression).isEqualTo(Kind.DERIVED);
            assertThat(sources(derived)).as(expression).contains("customers.ssn");
        }
    }

    @Test
    void countIsMaskingPreservingAndConstantsDependOnNothing() {
        assertThat(column("SELECT count(ssn) FROM customers", 0).kind()).isEqualTo(Kind.CONSTANT);
        assertThat(column("SELECT count(*), 1, now() FROM customers", 1).kind()).isEqualTo(Kind.CONSTANT);
    }

    @Test
    void wholeRowReferencesKeepTheirFields() {
        for (String sql : List.of("SELECT row_to_json(c) FROM customers c", "SELECT json_agg(c) FROM customers c",
                "SELECT to_jsonb(c.*) FROM customers c", "SELECT jsonb_agg(customers) FROM customers")) {
            ColumnLineage row = column(sql, 0);
            assertThat(row.kind()).as(sql).isEqualTo(Kind.WHOLE_ROW);
            assertThat(row.fields()).as(sql).anyMatch(f -> f.key() == null && f.source().table().equals("customers"));
        }
        ColumnLineage text = column("SELECT c::text FROM customers c", 0);
        assertThat(text.kind()).isEqualTo(Kind.DERIVED);
        assertThat(sources(text)).containsExactly("customers.*");
        ColumnLineage renamed = column("SELECT row_to_json(x) FROM (SELECT ssn AS s, name FROM customers) x", 0);
        assertThat(renamed.fields()).anyMatch(f -> "s".equals(f.key()) && "ssn".equals(f.source().column()));
    }

    @Test
    void subqueriesCtesSetOperationsAndLateralAreFollowed() {
        assertThat(sources(column("SELECT s FROM (SELECT ssn AS s FROM customers) x", 0))).containsExactly("customers.ssn");
        assertThat(column("SELECT s FROM (SELECT ssn AS s FROM customers) x", 0).kind()).isEqualTo(Kind.DIRECT);
        assertThat(sources(column("WITH x AS (SELECT ssn || '' AS s FROM customers) SELECT s FROM x", 0))).containsExactly("customers.ssn");
        assertThat(sources(column("WITH x(a) AS (SELECT ssn FROM customers) SELECT upper(a) FROM x", 0))).containsExactly("customers.ssn");
        ColumnLineage recursive = column("WITH RECURSIVE r(n, v) AS (SELECT 1, ''::text UNION ALL SELECT n + 1, v || (SELECT ssn FROM"
                + " customers LIMIT 1) FROM r WHERE n < 3) SELECT v FROM r", 0);
        assertThat(sources(recursive)).contains("customers.ssn");
        assertThat(sources(column("SELECT name FROM customers UNION SELECT ssn FROM customers", 0))).contains("customers.ssn");
        assertThat(sources(column("SELECT l.x FROM customers c, LATERAL (SELECT c.ssn || '!' AS x) l", 0))).containsExactly("customers.ssn");
        assertThat(sources(column("SELECT t FROM customers c, LATERAL regexp_split_to_table(c.ssn, '-') t", 0))).contains("customers.ssn");
        assertThat(sources(column("SELECT (SELECT max(ssn) FROM customers) AS m", 0))).containsExactly("customers.ssn");
    }

    @Test
    void returningCursorsAndPreparedStatementsCarryTheirQuerysLineage() {
        assertThat(sources(column("UPDATE customers SET name = name RETURNING ssn || ''", 0))).containsExactly("customers.ssn");
        assertThat(sources(column("DELETE FROM customers c WHERE false RETURNING c.ssn", 0))).containsExactly("customers.ssn");
        StatementLineage cursor = lineage("DECLARE c CURSOR FOR SELECT reverse(ssn) FROM customers");
        assertThat(cursor.cursor()).isEqualTo("c");
        assertThat(sources(cursor.columns().get(0))).containsExactly("customers.ssn");
        assertThat(lineage("FETCH 10 FROM c").fetches()).isEqualTo("c");
        assertThat(lineage("PREPARE p AS SELECT reverse(ssn) FROM customers").prepared()).isEqualTo("p");
        assertThat(lineage("EXECUTE p").executes()).isEqualTo("p");
    }

    @Test
    void unknownNamesAndRoutinesFailClosed() {
        assertThat(column("SELECT nosuch FROM (SELECT 1 AS a) x", 0).unknown()).isTrue();
        assertThat(column("SELECT my_function(1)", 0).unknown()).isTrue();
        assertThat(column("SELECT query_to_xml('select ssn from customers', true, false, '')", 0).unknown()).isTrue();
        assertThat(lineage("CALL my_procedure()").known()).isFalse();
    }

    @Test
    void aStarOverATableStandsForItsColumns() {
        ColumnLineage star = column("SELECT * FROM customers", 0);
        assertThat(star.star()).isTrue();
        assertThat(star.kind()).isEqualTo(Kind.DIRECT);
        assertThat(lineage("SELECT * FROM (SELECT ssn || '' AS s, 1 AS n FROM customers) x").columns()).hasSize(2);
    }

    @Test
    void predicatesAndOrderingAreNotedForTheOptInFilterGuardrail() {
        assertThat(lineage("SELECT id FROM customers WHERE ssn LIKE '5%'").filters())
                .extracting(SourceColumn::column).containsExactly("ssn");
        assertThat(lineage("SELECT c.id FROM customers c JOIN accounts a ON a.owner_ssn = c.ssn ORDER BY c.dob").filters())
                .extracting(SourceColumn::column).contains("ssn", "owner_ssn", "dob");
        assertThat(lineage("SELECT id FROM customers WHERE id IN (SELECT id FROM customers WHERE ssn > '5')").filters())
                .extracting(SourceColumn::column).contains("ssn");
        assertThat(lineage("SELECT name FROM customers GROUP BY name HAVING max(ssn) > '5'").filters())
                .extracting(SourceColumn::column).contains("ssn");
        assertThat(lineage("SELECT id, ssn FROM customers").filters()).isEmpty();
    }
}
