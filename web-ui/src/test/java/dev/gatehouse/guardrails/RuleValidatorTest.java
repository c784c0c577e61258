package dev.gatehouse.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.StatementSelector;
import dev.gatehouse.proxy.policy.TablePattern;
import dev.gatehouse.proxy.sql.ObjectKind;
import dev.gatehouse.proxy.sql.StatementClass;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleValidatorTest {

    @Test
    void aCompleteRuleBecomesTheProxysRule() {
        ValidRule valid = RuleValidator.validate(new RuleDraft("payments", "no-drop", "deny", null, List.of("DROP:TABLE", "truncate"),
                false, List.of("payments.*"), false, List.of("PG_READ_FILE"), false,
                new RuleDraft.IdentityDraft(List.of("agent"), List.of("gatehouse-user"), List.of("ci-agent")),
                new RuleDraft.WindowDraft(List.of("monday", "FRIDAY"), "09:00", "17:00", "Europe/Berlin", true), "not here", null));

        assertThat(valid.enabled()).as("enabled unless said otherwise").isTrue();
        assertThat(valid.rule().action()).isEqualTo(RuleAction.DENY);
        assertThat(valid.statementSelectors()).containsExactly(new StatementSelector(StatementClass.DROP, ObjectKind.TABLE),
                StatementSelector.of(StatementClass.TRUNCATE));
        assertThat(valid.tablePatterns()).containsExactly(new TablePattern("payments", "*"));
        assertThat(valid.rule().match().functions()).containsExactly("pg_read_file");
        assertThat(valid.rule().match().identity().kinds()).containsExactly(IdentityKind.AGENT);
        assertThat(valid.rule().match().window().days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(valid.rule().match().window().from()).isEqualTo(LocalTime.of(9, 0));
        assertThat(valid.rule().match().window().outside()).isTrue();
        assertThat(valid.rule().approvalChain()).isNull();
    }

    @Test
    void unknownStatementClassOrKindIsAFieldError() {
        assertThat(errors(draft("DENY", List.of("DROPP")))).containsExactly(
                new FieldError("statements", "unknown statement class \"DROPP\""));
        assertThat(errors(draft("DENY", List.of("DROP:TABEL")))).extracting(FieldError::field).containsExactly("statements");
    }

    @Test
    void badTablePatternsAreFieldErrors() {
        for (String bad : List.of("", "payments.", ".orders", "a b", "a.b.c", "\"Quoted\"")) {
            RuleDraft draft = new RuleDraft(null, "r", "DENY", true, List.of(), false, List.of(bad), false, List.of(), false, null, null, null, null);
            assertThat(errors(draft)).as(bad).extracting(FieldError::field).containsExactly("tables");
        }
    }

    @Test
    void badNamesAreFieldErrors() {
        for (String bad : List.of("", "Upper", "with space", "-leading", "x".repeat(64))) {
            RuleDraft draft = new RuleDraft(null, bad, "DENY", true, List.of("DROP"), false, List.of(), false, List.of(), false, null, null, null, null);
            assertThat(errors(draft)).as(bad).extracting(FieldError::field).containsExactly("name");
        }
    }

    @Test
    void aRuleWithoutAnyConditionIsRefused() {
        assertThat(errors(draft("DENY", List.of()))).extracting(FieldError::field).containsExactly("conditions");
    }

    @Test
    void anExceptionNeedsSomethingToExcept() {
        RuleDraft draft = new RuleDraft(null, "r", "DENY", true, List.of(), true, List.of(), false, List.of(), false, null, null, null, null);
        assertThat(errors(draft)).extracting(FieldError::field).containsExactly("exceptStatements");
    }

    @Test
    void approvalChainDefaultsForApprovalAndIsRefusedElsewhere() {
        assertThat(RuleValidator.validate(draft("REQUIRE_APPROVAL", List.of("DELETE"))).rule().approvalChain()).isEqualTo("default");
        for (String action : List.of("DENY", "ALLOW_AND_ALERT", "ALLOW")) {
            RuleDraft withChain = new RuleDraft(null, "r", action, true, List.of("DELETE"), false, List.of(), false, List.of(), false, null,
                    null, null, "dba-team");
            assertThat(errors(withChain)).as(action).extracting(FieldError::field).containsExactly("approvalChain");
        }
    }

    @Test
    void unknownActionIsAFieldError() {
        assertThat(errors(draft("BLOCK", List.of("DELETE")))).extracting(FieldError::field).containsExactly("action");
        assertThat(errors(draft(null, List.of("DELETE")))).extracting(FieldError::field).containsExactly("action");
    }

    @Test
    void badTimeWindowsAreFieldErrors() {
        assertThat(windowErrors(new RuleDraft.WindowDraft(List.of(), "09:00", "09:00", "UTC", false))).containsExactly("window.to");
        assertThat(windowErrors(new RuleDraft.WindowDraft(List.of(), "09:00", "17:00", "Mars/Olympus", false))).containsExactly("window.zone");
        assertThat(windowErrors(new RuleDraft.WindowDraft(List.of("FUNDAY"), "09:00", "17:00", "UTC", false))).containsExactly("window.days");
        assertThat(windowErrors(new RuleDraft.WindowDraft(List.of(), "9 am", null, null, false)))
                .containsExactlyInAnyOrder("window.from", "window.to", "window.zone");
    }

    @Test
    void aWindowOverMidnightIsFine() {
        RuleDraft draft = new RuleDraft(null, "nightly", "DENY", true, List.of("DELETE"), false, List.of(), false, List.of(), false, null,
                new RuleDraft.WindowDraft(List.of(), "22:00", "06:00", "UTC", false), null, null);
        assertThat(RuleValidator.validate(draft).rule().match().window().to()).isEqualTo(LocalTime.of(6, 0));
    }

    @Test
    void unknownIdentityKindIsAFieldError() {
        RuleDraft draft = new RuleDraft(null, "r", "DENY", true, List.of(), false, List.of(), false, List.of(), false,
                new RuleDraft.IdentityDraft(List.of("ROBOT"), List.of(), List.of()), null, null, null);
        assertThat(errors(draft)).extracting(FieldError::field).containsExactly("identity.kinds");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        RuleDraft draft = new RuleDraft(null, "Bad Name", "NOPE", true, List.of("FOO"), false, List.of("a.b.c"), false, List.of("x()"),
                false, null, null, null, null);
        assertThat(errors(draft)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "action", "statements", "tables", "functions");
    }

    private static List<String> windowErrors(RuleDraft.WindowDraft window) {
        RuleDraft draft = new RuleDraft(null, "r", "DENY", true, List.of("DELETE"), false, List.of(), false, List.of(), false, null, window,
                null, null);
        return errors(draft).stream().map(FieldError::field).toList();
    }

    private static RuleDraft draft(String action, List<String> statements) {
        return new RuleDraft(null, "r", action, true, statements, false, List.of(), false, List.of(), false, null, null, null, null);
    }

    private static List<FieldError> errors(RuleDraft draft) {
        try {
            RuleValidator.validate(draft);
        } catch (ValidationFailedException e) {
            return e.errors();
        }
        assertThatThrownBy(() -> { throw new AssertionError("expected field errors for " + draft); });
        return List.of();
    }
}
