package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ColumnPlannerTest {

    private static final int TEXT = 25;
    private static final int INT4 = 23;
    private static final ColumnOrigin SSN_ORIGIN = new ColumnOrigin(16400, (short) 3);
    private static final ColumnOrigin ID_ORIGIN = new ColumnOrigin(16400, (short) 1);
    private static final CatalogColumn SSN = new CatalogColumn("public", "customers", "ssn");

    private final MaskingRule ssnColumn = new MaskingRule("r1", "customer ssn", new MaskTarget.Column(SSN), new MaskMethod.Partial(0, 4, '*'));
    private final MaskingRule emailNames = new MaskingRule("r2", "emails", new MaskTarget.ColumnName(Pattern.compile("(?i).*email.*")),
            new MaskMethod.Redact("***"));
    private final MaskingRule ssnContent = new MaskingRule("r3", "ssn anywhere",
            new MaskTarget.Content(new Detector.BuiltIn(Detector.Kind.US_SSN)), new MaskMethod.Redact("***"));
    private final MaskingPolicy policy = new MaskingPolicy(List.of(ssnContent, emailNames, ssnColumn), Map.of());
    private final ColumnPlanner planner = new ColumnPlanner(policy, new MarkingCellMasker(ssnContent));

    @Test
    void aCatalogColumnIsFoundThroughAnAliasAndItsRuleBeatsNamesAndContent() {
        // SELECT ssn AS email_backup: the catalog rule names the column, the alias would match the name rule
        List<ResultColumn> columns = List.of(new ResultColumn("email_backup", SSN_ORIGIN, TEXT, false));
        ResultPlan plan = planner.plan(columns, Map.of(SSN_ORIGIN, SSN));

        assertThat(plan.column(0).rule()).isEqualTo(ssnColumn);
        assertThat(plan.column(0).label()).isEqualTo("public.customers.ssn");
        assertThat(plan.column(0).scan()).isFalse();
    }

    @Test
    void nameRulesMatchTheVisibleNameOrTheCatalogName() {
        ColumnOrigin contact = new ColumnOrigin(16400, (short) 5);
        List<ResultColumn> columns = List.of(new ResultColumn("upper", new ColumnOrigin(0, (short) 0), TEXT, false),
                new ResultColumn("contact", contact, TEXT, false), new ResultColumn("work_email", new ColumnOrigin(0, (short) 0), TEXT, false));
        ResultPlan plan = planner.plan(columns, Map.of(contact, new CatalogColumn("public", "customers", "email")));

        assertThat(plan.column(0).rule()).as("a computed column without a matching name").isNull();
        assertThat(plan.column(0).scan()).as("content detectors still read it").isTrue();
        assertThat(plan.column(1).rule()).isEqualTo(emailNames);
        assertThat(plan.column(2).rule()).isEqualTo(emailNames);
    }

    @Test
    void nonTextualColumnsWithoutAColumnRuleAreLeftAlone() {
        List<ResultColumn> columns = List.of(new ResultColumn("id", ID_ORIGIN, INT4, true), new ResultColumn("note", ID_ORIGIN, TEXT, false));
        ResultPlan plan = planner.plan(columns, Map.of());

        assertThat(plan.column(0)).isNull();
        assertThat(plan.touched()).hasSize(1);
        assertThat(plan.masksNothing()).isFalse();
    }

    @Test
    void onlyTableColumnsAreLookedUpAndOnlyWhenARuleNamesColumns() {
        List<ResultColumn> columns = List.of(new ResultColumn("ssn", SSN_ORIGIN, TEXT, false),
                new ResultColumn("?column?", new ColumnOrigin(0, (short) 0), TEXT, false));
        assertThat(planner.originsToResolve(columns)).containsExactly(SSN_ORIGIN);

        ColumnPlanner contentOnly = new ColumnPlanner(new MaskingPolicy(List.of(ssnContent), Map.of()), new MarkingCellMasker(ssnContent));
        assertThat(contentOnly.originsToResolve(columns)).isEmpty();
    }

    @Test
    void withoutContentRulesAnUnmatchedResultMasksNothing() {
        ColumnPlanner columnsOnly = new ColumnPlanner(new MaskingPolicy(List.of(ssnColumn), Map.of()), new MarkingCellMasker(null));
        ResultPlan plan = columnsOnly.plan(List.of(new ResultColumn("name", ID_ORIGIN, TEXT, false)), Map.of());

        assertThat(plan.masksNothing()).isTrue();
    }
}
