package dev.gatehouse.workflow.testing;

import dev.gatehouse.workflow.engine.GatehouseProcessEngine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * One engine for the whole test run, on a fresh database of the machine's PostgreSQL
 * (127.0.0.1:5432, user postgres, trust), as in production rather than on H2. Each run drops
 * and recreates {@value #DATABASE}, so a run that died leaves nothing that disturbs the next;
 * the database is also dropped when the JVM exits. The job executor is off: tests fire timers
 * themselves after moving the engine's clock.
 */
public final class WorkflowTestEngine {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";
    static final String DATABASE = "gatehouse_wf_test";

    public static final RecordingApprovalEvents EVENTS = new RecordingApprovalEvents();

    private static ProcessEngine engine;

    private WorkflowTestEngine() {
    }

    public static synchronized ProcessEngine get() {
        if (engine == null) {
            execute("drop database if exists " + DATABASE + " with (force)");
            execute("create database " + DATABASE);
            PooledDataSource dataSource = new PooledDataSource("org.postgresql.Driver", SERVER + DATABASE, USER, "");
            engine = GatehouseProcessEngine.on(dataSource).events(EVENTS).withoutJobExecutor().engineName("gatehouse-test").build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    engine.close();
                    dataSource.forceCloseAll();
                } finally {
                    execute("drop database if exists " + DATABASE + " with (force)");
                }
            }));
        }
        return engine;
    }

    private static void execute(String sql) {
        try (Connection server = DriverManager.getConnection(SERVER + "postgres", USER, null);
                Statement statement = server.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the workflow tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust): " + e.getMessage(), e);
        }
    }
}
