package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.postgres.StartupOptions.Setting;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code options} as PostgreSQL's pg_split_opts and switch parser read it, and the allow-list on top. */
class StartupOptionsTest {

    @Test
    void wordsSplitAtUnescapedWhitespaceAndABackslashKeepsTheNextCharacter() {
        assertThat(StartupOptions.split("  -c a=1\t-c\\ b=2 x\\\\y trailing\\")).containsExactly("-c", "a=1", "-c b=2", "x\\y", "trailing");
    }

    @Test
    void everySpellingOfASettingIsFound() {
        assertThat(StartupOptions.parse("-c search_path=evil -cstatement_timeout=0 --search-path=x -c gatehouse.wait=5"))
                .containsExactly(new Setting("search_path", "evil"), new Setting("statement_timeout", "0"),
                        new Setting("search_path", "x"), new Setting("gatehouse.wait", "5"));
        assertThat(StartupOptions.parse("-c gatehouse.wait=1\\ -c\\ search_path=evil"))
                .as("an escaped space keeps the rest inside the value, as on the server")
                .containsExactly(new Setting("gatehouse.wait", "1 -c search_path=evil"));
        assertThat(StartupOptions.parse("-e -c")).containsExactly(new Setting(null, "-e"), new Setting(null, "-c"));
    }

    private static StartupMessage startup(Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("user", "payments");
        all.putAll(parameters);
        return new StartupMessage(StartupMessage.PROTOCOL_3_0, all);
    }

    private static Connection allowing(String... names) {
        return new Connection("payments", ConnectionType.POSTGRES, "db", 5432, "payments", "app", TlsMode.DISABLE, Map.of(),
                Set.of(), false, true, false, Set.of(names));
    }

    @Test
    void harmlessParametersPassAndEverythingElseNeedsTheConnection() {
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("application_name", "psql", "client_encoding", "UTF8",
                "DateStyle", "ISO", "TimeZone", "UTC", "extra_float_digits", "3")), allowing())).isNull();
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("search_path", "evil")), allowing())).contains("search_path");
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("search_path", "evil")), allowing("search_path"))).isNull();
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("client_encoding", "SJIS")), allowing("client_encoding")))
                .contains("client_encoding").contains("pinned");
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("options", "-c gatehouse.wait=9")), allowing())).isNull();
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("options", "-c gatehouse.other=1")), allowing())).contains("gatehouse.other");
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("options", "-c work_mem=1MB")), allowing("work_mem")))
                .as("options itself must be allowed").contains("options");
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("options", "-c work_mem=1MB")), allowing("options", "work_mem"))).isNull();
        assertThat(PostgresStartupRules.refusedParameter(startup(Map.of("options", "-c standard_conforming_strings=off")),
                allowing("options", "standard_conforming_strings"))).contains("pinned");
    }

    @Test
    void optionsWithOnlyGatehouseSettingsStayHomeAndTheWaitIsRead() {
        assertThat(PostgresStartupRules.forTarget(Map.of("user", "x", "options", "-c gatehouse.wait=5"))).doesNotContainKey("options");
        assertThat(PostgresStartupRules.forTarget(Map.of("user", "x", "options", "-c gatehouse.wait=5 -c work_mem=1MB")))
                .containsEntry("options", "-c gatehouse.wait=5 -c work_mem=1MB");
        assertThat(PostgresStartupRules.approvalWait(startup(Map.of("options", "--gatehouse.wait=30")))).isEqualTo(Duration.ofSeconds(30));
        assertThat(PostgresStartupRules.approvalWait(startup(Map.of("options", "-c gatehouse.wait=1\\ x")))).isEqualTo(Duration.ZERO);
        assertThat(List.of(PostgresStartupRules.approvalWait(startup(Map.of("options", "-c gatehouse.wait=99999"))))).containsExactly(Duration.ofHours(1));
    }
}
