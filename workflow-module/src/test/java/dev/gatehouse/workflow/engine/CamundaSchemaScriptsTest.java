package dev.gatehouse.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.workflow.RequestKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The path production takes: the schema comes from the shipped scripts (run by a migration),
 * and the engine only checks it. A wrong or incomplete script list fails here.
 */
class CamundaSchemaScriptsTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "gatehouse_wf_schema_test";

    @BeforeAll
    static void freshDatabase() throws SQLException {
        onServer("drop database if exists " + DATABASE + " with (force)");
        onServer("create database " + DATABASE);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        onServer("drop database if exists " + DATABASE + " with (force)");
    }

    @Test
    void anEngineThatMayNotCreateTablesRefusesAnEmptyDatabaseAndAcceptsTheScriptedSchema() throws SQLException {
        PooledDataSource dataSource = new PooledDataSource("org.postgresql.Driver", SERVER + DATABASE, "postgres", "");
        GatehouseProcessEngine.Builder checkingOnly = GatehouseProcessEngine.on(dataSource).withoutJobExecutor()
                .schemaCreatedElsewhere().engineName("gatehouse-schema-test");

        assertThatThrownBy(checkingOnly::build).isInstanceOf(ProcessEngineException.class);

        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            for (String script : CamundaSchemaScripts.createScripts("postgres")) {
                statement.execute(CamundaSchemaScripts.read(script));
            }
        }
        ProcessEngine engine = checkingOnly.build();
        try {
            for (RequestKind kind : RequestKind.values()) {
                assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(kind.processKey()).count())
                        .isEqualTo(1);
            }
            // History level FULL is 3; the engine records it in the schema on first start.
            assertThat(engine.getManagementService().getProperties()).containsEntry("historyLevel", "3");
            try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement();
                    ResultSet schemaLog = statement.executeQuery("select version_ from act_ge_schema_log")) {
                assertThat(schemaLog.next()).isTrue();
                assertThat(schemaLog.getString(1)).isEqualTo("7.24.0");
            }
        } finally {
            engine.close();
            dataSource.forceCloseAll();
        }
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection server = DriverManager.getConnection(SERVER + "postgres", "postgres", null);
                Statement statement = server.createStatement()) {
            statement.execute(sql);
        }
    }
}
