package dev.gatehouse.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Scenarios;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The approval engine inside Payara Micro on the real store: its schema comes from migration V10,
 * it deploys the three models at start-up, readiness reports it, and a request driven through it
 * commits on the container's transactions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApprovalEngineIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void readinessReportsTheEngineWithItsThreeProcesses() throws Exception {
        Reply ready = new ApiClient(base).send("GET", "health/ready", null);

        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        JsonObject approvals = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "approvals".equals(check.getString("name"))).findFirst().orElseThrow();
        assertThat(approvals.getString("status")).isEqualTo("UP");
        // Payara's health endpoint writes every data value as a JSON string.
        assertThat(approvals.getJsonObject("data").getString("processes")).isEqualTo("3");
    }

    @Test
    void theStoreHoldsCamundasSchemaAtThisVersionAndTheDeployedModels() throws Exception {
        assertThat(column("select version_ from act_ge_schema_log")).containsExactly("7.24.0");
        assertThat(column("select key_ from act_re_procdef order by key_"))
                .containsExactly("gatehouse-access-request", "gatehouse-command-review", "gatehouse-unmask-request");
        assertThat(column("select version from flyway_schema_history where description = 'Camunda engine schema'"))
                .containsExactly("10");
    }

    @Test
    void aRequestDecidedInsideTheContainerIsCommitted() throws Exception {
        String connection = "approvals-it-" + UUID.randomUUID().toString().substring(0, 8);

        String answer = new Scenarios(base, "it/approval-scenarios").run("approvedAccessRequest", Map.of("connection", connection));

        assertThat(answer).startsWith("PASSED ");
        String requestId = answer.substring("PASSED ".length()).trim();
        assertThat(column("select state_ from act_hi_procinst where id_ = ?", requestId)).containsExactly("COMPLETED");
        assertThat(column("select text_ from act_hi_varinst where proc_inst_id_ = ? and name_ = 'outcome'", requestId))
                .containsExactly("APPROVED");
        assertThat(column("select assignee_ from act_hi_taskinst where proc_inst_id_ = ?", requestId)).containsExactly("bob");
    }

    private static List<String> column(String sql, String... parameters) throws Exception {
        try (Connection db = TestDatabase.open(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }
}
