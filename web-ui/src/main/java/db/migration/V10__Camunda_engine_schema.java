package db.migration;

import dev.gatehouse.workflow.engine.CamundaSchemaScripts;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the embedded Camunda engine's tables (ADR 0007) with the DDL scripts camunda-engine
 * ships, run here as the store's owner like every other migration. The pool works as
 * gatehouse_app, which may not create tables, so the engine only checks the schema at start-up;
 * V6's default privileges give gatehouse_app read and write access to these tables.
 * A later Camunda version brings its upgrade scripts the same way, as a new migration.
 */
public class V10__Camunda_engine_schema extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String script : CamundaSchemaScripts.createScripts("postgres")) {
                statement.execute(CamundaSchemaScripts.read(script));
            }
        }
    }
}
