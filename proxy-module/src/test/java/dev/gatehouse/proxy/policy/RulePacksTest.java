package dev.gatehouse.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.gatehouse.proxy.policy.GuardrailEngineTest.decide;
import static dev.gatehouse.proxy.policy.GuardrailEngineTest.packs;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the packs hold and catch. */
class RulePacksTest {

    @Test
    void functionsThatRunSqlTextAreDangerous() {
        RuleSet guard = packs(RulePacks.NO_SERVER_FILE_ACCESS);
        for (String sql : List.of("SELECT query_to_xml('select pg_read_file(''/etc/passwd'')', true, true, '')",
                "SELECT * FROM ts_stat('select to_tsvector(pg_read_file(''/etc/passwd''))')",
                "SELECT ts_rewrite('a'::tsquery, 'select ''a''::tsquery, pg_read_file(''/etc/passwd'')::tsquery')",
                "SELECT ('/etc/passwd'::text).pg_read_file")) {
            assertThat(decide(guard, sql).rule()).as(sql).isEqualTo("no-dangerous-functions");
        }
    }

    @Test
    void everyPackHasADescriptionAndNamedRules() {
        assertThat(RulePacks.all()).containsOnlyKeys(RulePacks.READ_ONLY, RulePacks.NO_DESTRUCTIVE_DDL,
                RulePacks.NO_UNBOUNDED_WRITES, RulePacks.NO_SERVER_FILE_ACCESS);
        RulePacks.all().forEach((name, rules) -> {
            assertThat(RulePacks.description(name)).isNotBlank();
            assertThat(rules).allSatisfy(rule -> assertThat(rule.match().isEmpty()).isFalse());
        });
        assertThatThrownBy(() -> RulePacks.description("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
