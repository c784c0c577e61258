package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostgresStartupRulesTest {

    private static final Connection PAYMENTS = new Connection("payments", ConnectionType.POSTGRES, "db", 5432, "payments_db",
            "svc", TlsMode.REQUIRE, Map.of(), Set.of("gatehouse-user"), false);

    @Test
    void theApprovalWaitComesFromTheOptionsParameterAndIsBounded() {
        assertThat(PostgresStartupRules.approvalWait(startup(Map.of("user", "p")))).isZero();
        assertThat(PostgresStartupRules.approvalWait(startup(Map.of("options", "-c gatehouse.wait=120")))).hasSeconds(120);
        assertThat(PostgresStartupRules.approvalWait(startup(Map.of("options", "-c statement_timeout=0 --gatehouse.wait=30"))))
                .hasSeconds(30);
        assertThat(PostgresStartupRules.approvalWait(startup(Map.of("options", "-c gatehouse.wait=999999"))))
                .isEqualTo(PostgresStartupRules.MAX_APPROVAL_WAIT);
        assertThat(PostgresStartupRules.approvalWait(startup(Map.of("options", "-c gatehouse.wait=soon")))).isZero();
        assertThat(PostgresStartupRules.approvalWait(startup(Map.of("options", "-c xgatehouse.wait=5")))).isZero();
    }

    @Test
    void theConnectionFixesTheDatabase() {
        assertThat(PostgresStartupRules.database(startup(Map.of("user", "payments")), PAYMENTS)).contains("payments_db");
        assertThat(PostgresStartupRules.database(startup(Map.of("user", "payments", "database", "payments")), PAYMENTS))
                .as("libpq's default: the user name").contains("payments_db");
        assertThat(PostgresStartupRules.database(startup(Map.of("user", "payments", "database", "payments_db")), PAYMENTS))
                .contains("payments_db");
        assertThat(PostgresStartupRules.database(startup(Map.of("user", "payments", "database", "postgres")), PAYMENTS)).isEmpty();
    }

    @Test
    void aConnectionWithoutADatabaseLetsTheClientChoose() {
        Connection open = new Connection("any", ConnectionType.POSTGRES, "db", 5432, "", "svc", TlsMode.REQUIRE, Map.of(), Set.of(), false);
        assertThat(PostgresStartupRules.database(startup(Map.of("user", "any", "database", "reports")), open)).contains("reports");
        assertThat(PostgresStartupRules.database(startup(Map.of("user", "any")), open)).contains("any");
    }

    @Test
    void replicationIsAskedForByAnythingButLibpqsNo() {
        assertThat(PostgresStartupRules.asksForReplication(startup(Map.of("user", "u")))).isFalse();
        assertThat(PostgresStartupRules.asksForReplication(startup(Map.of("user", "u", "replication", "off")))).isFalse();
        assertThat(PostgresStartupRules.asksForReplication(startup(Map.of("user", "u", "replication", "database")))).isTrue();
        assertThat(PostgresStartupRules.asksForReplication(startup(Map.of("user", "u", "replication", "true")))).isTrue();
    }

    @Test
    void theCredentialLosesItsTerminatorAndAPastedNewline() {
        assertThat(PostgresStartupRules.credential("eyJ.a.b\n\0".getBytes(StandardCharsets.UTF_8))).isEqualTo("eyJ.a.b");
    }

    @Test
    void loopbackAndAddresses() {
        assertThat(PostgresStartupRules.isLoopback(new InetSocketAddress("127.0.0.1", 5000))).isTrue();
        assertThat(PostgresStartupRules.isLoopback(new InetSocketAddress("10.1.2.3", 5000))).isFalse();
        assertThat(PostgresStartupRules.describe(new InetSocketAddress("10.1.2.3", 5000))).isEqualTo("10.1.2.3:5000");
    }

    private static StartupMessage startup(Map<String, String> parameters) {
        return new StartupMessage(StartupMessage.PROTOCOL_3_0, parameters);
    }
}
