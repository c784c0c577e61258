package dev.gatehouse.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.sql.ObjectKind;
import dev.gatehouse.proxy.sql.StatementClass;
import org.junit.jupiter.api.Test;

class StatementSelectorTest {

    @Test
    void parse() {
        assertThat(StatementSelector.parse("delete")).isEqualTo(StatementSelector.of(StatementClass.DELETE));
        assertThat(StatementSelector.parse(" Drop:Materialized View ")).isEqualTo(
                new StatementSelector(StatementClass.DROP, ObjectKind.MATERIALIZED_VIEW));
        assertThat(StatementSelector.parse("alter role")).isEqualTo(StatementSelector.of(StatementClass.ALTER_ROLE));
        assertThat(StatementSelector.parse("DROP:TABLE")).hasToString("DROP:TABLE");
    }

    @Test
    void parseErrorsNameWhatIsUnknown() {
        assertThatThrownBy(() -> StatementSelector.parse("DESTROY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown statement class").hasMessageContaining("DESTROY");
        assertThatThrownBy(() -> StatementSelector.parse("DROP:UNIVERSE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown object kind").hasMessageContaining("DROP:UNIVERSE");
        assertThatThrownBy(() -> StatementSelector.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatementSelector.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatementSelector.parse(":TABLE")).isInstanceOf(IllegalArgumentException.class);
    }
}
