package dev.gatehouse.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.sql.SearchPathChange;
import dev.gatehouse.proxy.sql.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table patterns against the schemas an unqualified name may resolve in (docs/adr/0016). */
class SchemaScopeTest {

    private static final TableRef CARDS = new TableRef(null, "cards");
    private static final TablePattern PAYMENTS = TablePattern.parse("payments.*");

    @Test
    void withAnUnknownPathRefusingRulesMatchAnySchemaAndAllowingRulesOnlyAStar() {
        assertThat(PAYMENTS.matches(CARDS, SchemaScope.UNKNOWN, false)).isTrue();
        assertThat(PAYMENTS.matches(CARDS, SchemaScope.UNKNOWN, true)).isFalse();
        assertThat(TablePattern.parse("cards").matches(CARDS, SchemaScope.UNKNOWN, true)).isTrue();
        assertThat(PAYMENTS.matches(new TableRef("payments", "cards"), SchemaScope.UNKNOWN, true)).isTrue();
    }

    @Test
    void aKnownPathDecidesAndAWidenedOneNeedsEverySchemaForAnAllowingRule() {
        SchemaScope payments = SchemaScope.exactly(List.of("payments"), "app");
        assertThat(PAYMENTS.matches(CARDS, payments, true)).isTrue();
        assertThat(TablePattern.parse("vault.*").matches(CARDS, payments, false)).isFalse();
        SchemaScope widened = payments.widenedBy(new SearchPathChange(List.of("vault"), false), "app");
        assertThat(PAYMENTS.matches(CARDS, widened, true)).as("cards may be vault.cards now").isFalse();
        assertThat(TablePattern.parse("vault.*").matches(CARDS, widened, false)).isTrue();
        assertThat(PAYMENTS.matches(CARDS, payments.widenedBy(SearchPathChange.unknown(false), "app"), true)).isFalse();
    }

    @Test
    void dollarUserIsTheConnectionsUserAndPgNamesMayBeInTheCatalog() {
        SchemaScope path = SchemaScope.exactly(List.of("$user", "public"), "app");
        assertThat(TablePattern.parse("app.*").matches(CARDS, path, false)).isTrue();
        assertThat(TablePattern.parse("public.*").matches(new TableRef(null, "pg_authid"), path, true)).isFalse();
        assertThat(TablePattern.parse("pg_catalog.*").matches(new TableRef(null, "pg_authid"), path, false)).isTrue();
    }
}
