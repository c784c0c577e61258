package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.StatementLineage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Planning by lineage (docs/adr/0018): direct, derived, whole-row JSON, views and unknown statements. */
class LineagePlanningTest {

    private static final PostgresSqlAnalyzer SQL = PostgresSqlAnalyzer.withDefaults();
    private static final int TEXT = 25;
    private static final int INT4 = 23;
    private static final int JSON = 114;
    private static final int JSONB = 3802;
    private static final ColumnOrigin COMPUTED = new ColumnOrigin(0, (short) 0);
    private static final CatalogColumn SSN = new CatalogColumn("public", "customers", "ssn");

    private final MaskingRule ssnColumn = new MaskingRule("r-ssn", "customer ssn", new MaskTarget.Column(SSN), new MaskMethod.Partial(0, 4, '*'));
    private final MaskingRule emailNames = new MaskingRule("r-email", "emails", new MaskTarget.ColumnName(Pattern.compile("(?i).*email.*")),
            new MaskMethod.Redact("***"));
    private final ColumnPlanner planner = new ColumnPlanner(new MaskingPolicy(List.of(ssnColumn, emailNames), Map.of()),
            new MarkingCellMasker(null));

    @AfterAll
    static void close() {
        SQL.close();
    }

    private static StatementLineage lineage(String sql) {
        return SQL.analyzeNow(sql).statements().get(0).lineage();
    }

    private ResultPlan plan(String sql, int... types) {
        List<ResultColumn> columns = new java.util.ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            columns.add(new ResultColumn("c" + i, COMPUTED, types[i], false));
        }
        return planner.plan(columns, Map.of(), lineage(sql));
    }

    @Test
    void aDerivedColumnIsReplacedWholeAndLabelledDerived() {
        ResultPlan plan = plan("SELECT reverse(ssn), id FROM customers", TEXT, INT4);
        assertThat(plan.column(0).rule().method()).isEqualTo(new MaskMethod.Redact("[REDACTED]"));
        assertThat(plan.column(0).rule().id()).isEqualTo("r-ssn");
        assertThat(plan.column(0).label()).contains("derived from customers.ssn");
        assertThat(plan.column(1)).isNull();
    }

    @Test
    void aDerivedValueOfATypeWithoutPlaceholderBecomesNull() {
        ResultPlan plan = plan("SELECT ssn = '1' FROM customers", 16);
        assertThat(plan.column(0).rule().method()).isIn(new MaskMethod.Redact("[REDACTED]"), new MaskMethod.Nullify());
        ColumnOrigin wholeRow = new ColumnOrigin(16400, (short) 0); // what the target reports for SELECT c
        ResultPlan record = planner.plan(List.of(new ResultColumn("c", wholeRow, 16_500, false)), Map.of(), lineage("SELECT c FROM customers c"));
        assertThat(record.column(0).rule().method()).isEqualTo(new MaskMethod.Nullify());
        assertThat(record.column(0).label()).contains("whole-row");
    }

    @Test
    void aDirectColumnThroughASetOperationKeepsItsRule() {
        ResultPlan plan = plan("SELECT ssn FROM customers UNION SELECT ssn FROM customers", TEXT);
        assertThat(plan.column(0).rule()).isEqualTo(ssnColumn);
        assertThat(plan.column(0).label()).contains("(direct)");
    }

    @Test
    void countIsPreservingAndConstantsAreOnlyScanned() {
        assertThat(plan("SELECT count(ssn) FROM customers", 20).column(0)).isNull();
    }

    @Test
    void wholeRowJsonMasksTheRuleColumnsAndMatchingNamesInside() throws Exception {
        ResultPlan plan = plan("SELECT row_to_json(c) FROM customers c", JSON);
        ColumnPlan column = plan.column(0);
        assertThat(column.rule()).isNull();
        assertThat(column.fields().keys()).containsExactly("ssn");
        byte[] masked = column.fields().apply(JSON, false,
                "{\"id\":1,\"ssn\":\"536-22-8147\",\"work_email\":\"a@b.example\",\"n\":{\"ssn\":[1,2]}}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(masked, StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1,\"ssn\":\"[REDACTED]\",\"work_email\":\"[REDACTED]\",\"n\":{\"ssn\":\"[REDACTED]\"}}");
        byte[] binary = column.fields().apply(JSONB, true, "\u0001{\"ssn\": \"x\", \"a\": null}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(binary, StandardCharsets.UTF_8)).isEqualTo("\u0001{\"ssn\": \"[REDACTED]\", \"a\": null}");
    }

    @Test
    void renamedFieldsOfASubqueryAreMaskedByTheirSource() throws Exception {
        ColumnPlan column = plan("SELECT json_agg(x) FROM (SELECT ssn AS s, name FROM customers) x", JSON).column(0);
        assertThat(column.fields().keys()).containsExactly("s");
    }

    @Test
    void aViewColumnIsFollowedToItsBaseColumn() {
        ViewLineages views = ViewLineages.of(Map.of("public.contacts", lineage("SELECT customers.id, customers.ssn AS tax FROM customers").columns()));
        ColumnOrigin viewColumn = new ColumnOrigin(17000, (short) 2);
        ResultPlan direct = planner.plan(List.of(new ResultColumn("tax", viewColumn, TEXT, false)),
                Map.of(viewColumn, new CatalogColumn("public", "contacts", "tax")), lineage("SELECT tax FROM contacts"), views);
        assertThat(direct.column(0).rule()).isEqualTo(ssnColumn);
        ResultPlan derived = planner.plan(List.of(new ResultColumn("r", COMPUTED, TEXT, false)), Map.of(),
                lineage("SELECT reverse(tax) FROM contacts"), views);
        assertThat(derived.column(0).rule().method()).isEqualTo(new MaskMethod.Redact("[REDACTED]"));
    }

    @Test
    void unknownLineageFailsClosedOnComputedColumnsOnly() {
        ColumnOrigin idOrigin = new ColumnOrigin(16400, (short) 1);
        ResultPlan plan = planner.plan(List.of(new ResultColumn("x", COMPUTED, TEXT, false), new ResultColumn("id", idOrigin, INT4, false)),
                Map.of(idOrigin, new CatalogColumn("public", "customers", "id")), null);
        assertThat(plan.column(0).rule().id()).isEqualTo("lineage-unknown");
        assertThat(plan.column(1)).as("a stored column without a rule is its own value").isNull();
        assertThat(plan("SELECT my_function(1)", TEXT).column(0).rule().id()).isEqualTo("lineage-unknown");
        assertThat(ViewLineages.unreadable("down").expand(lineage("SELECT name FROM customers").columns().get(0)).unknown()).isTrue();
    }

    @Test
    void aRuleThatDeniesPredicatesWithholdsResultsFilteredOnItsColumn() {
        MaskingRule guarded = new MaskingRule("r-ssn", "customer ssn", new MaskTarget.Column(SSN), new MaskMethod.Partial(0, 4, '*'), true);
        ColumnPlanner strict = new ColumnPlanner(new MaskingPolicy(List.of(guarded), Map.of()), new MarkingCellMasker(null));
        assertThat(strict.predicateRefusal(lineage("SELECT id FROM customers WHERE ssn LIKE '078%'"), ViewLineages.NONE))
                .contains("\"customer ssn\"").contains("customers.ssn");
        assertThat(strict.predicateRefusal(lineage("SELECT id FROM customers ORDER BY ssn"), ViewLineages.NONE)).isNotNull();
        assertThat(strict.predicateRefusal(lineage("SELECT ssn FROM customers WHERE id = 1"), ViewLineages.NONE)).isNull();
        assertThat(planner.predicateRefusal(lineage("SELECT id FROM customers WHERE ssn LIKE '078%'"), ViewLineages.NONE))
                .as("opt-in: a rule without it leaves predicates alone").isNull();
    }
}
