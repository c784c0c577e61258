package dev.gatehouse.proxy.protocol.postgres.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupParametersTest {

    @Test
    void gatewayUserAndDatabaseComeFirstThenTheClientsInItsOrder() {
        Map<String, String> client = new LinkedHashMap<>();
        client.put("user", "alice@example.com");
        client.put("database", "elsewhere");
        client.put("application_name", "psql");
        client.put("DateStyle", "ISO, MDY");
        client.put("options", "-c statement_timeout=5s");
        client.put("_pq_.some_extension", "on");
        client.put("replication", "false");

        assertThat(StartupParameters.forUpstream("svc_app", "appdb", client)).containsExactly(
                Map.entry("user", "svc_app"),
                Map.entry("database", "appdb"),
                Map.entry("application_name", "psql"),
                Map.entry("DateStyle", "ISO, MDY"),
                Map.entry("options", "-c statement_timeout=5s"));
    }

    @Test
    void noDatabaseLeavesTheServersDefault() {
        assertThat(StartupParameters.forUpstream("svc_app", null, Map.of())).containsOnlyKeys("user");
    }

    @Test
    void replicationIsRefused() {
        for (String value : new String[] {"true", "database", "on", "1", "yes"}) {
            assertThatThrownBy(() -> StartupParameters.forUpstream("svc_app", "db", Map.of("replication", value)))
                    .isInstanceOfSatisfying(UpstreamHandshakeException.class,
                            e -> assertThat(e.sqlState()).isEqualTo(UpstreamHandshakeException.FEATURE_NOT_SUPPORTED));
        }
    }

    @Test
    void nulCharactersAndAMissingUserAreRefused() {
        assertThatThrownBy(() -> StartupParameters.forUpstream("svc_app", "db", Map.of("application_name", "a\0b")))
                .isInstanceOf(UpstreamHandshakeException.class);
        assertThatThrownBy(() -> StartupParameters.forUpstream("", "db", Map.of()))
                .isInstanceOf(UpstreamHandshakeException.class);
    }
}
