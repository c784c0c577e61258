package dev.gatehouse.workflow.engine;

import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.RequestKind;
import jakarta.transaction.TransactionManager;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.JakartaTransactionProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

/**
 * Builds Gatehouse's embedded Camunda engine: on the application's datasource, history FULL, the
 * job executor on (timers for escalation and expiry need it), Java serialization off, and the
 * approval processes from the {@code bpmn} module deployed. Deployment keeps versions: an
 * unchanged model is not redeployed, a changed one becomes a new version and running requests
 * finish on the version they started on.
 *
 * <p>Inside Payara pass the container's transaction manager and call {@link Builder#build()}
 * inside a {@code UserTransaction}: with JTA the engine creates its schema inside the caller's
 * transaction, and outside one the DDL was never committed (STACK.md item 4). Without a
 * transaction manager the engine manages JDBC transactions itself, as in the process tests.
 */
public final class GatehouseProcessEngine {

    public static final String ENGINE_NAME = "gatehouse";
    public static final String DEPLOYMENT_NAME = "gatehouse-approvals";

    private GatehouseProcessEngine() {
    }

    public static Builder on(DataSource dataSource) {
        return new Builder(dataSource);
    }

    public static final class Builder {
        private final DataSource dataSource;
        private TransactionManager transactionManager;
        private ApprovalEvents events = ApprovalEvents.NONE;
        private boolean jobExecutor = true;
        private boolean createsSchema = true;
        private String engineName = ENGINE_NAME;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The container's transaction manager, e.g. from {@code java:appserver/TransactionManager}. */
        public Builder transactionManager(TransactionManager transactionManager) {
            this.transactionManager = transactionManager;
            return this;
        }

        public Builder events(ApprovalEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** For tests that fire timers themselves, so no background thread races them. */
        public Builder withoutJobExecutor() {
            this.jobExecutor = false;
            return this;
        }

        /**
         * The tables exist already ({@link CamundaSchemaScripts} run by the application's migrations),
         * and the engine's own database user may not create tables: only check that they are there
         * and at this engine's version.
         */
        public Builder schemaCreatedElsewhere() {
            this.createsSchema = false;
            return this;
        }

        public Builder engineName(String engineName) {
            this.engineName = Objects.requireNonNull(engineName, "engineName");
            return this;
        }

        public ProcessEngine build() {
            ProcessEngineConfigurationImpl configuration = transactionManager == null
                    ? new StandaloneProcessEngineConfiguration()
                    : jtaConfiguration(transactionManager);
            configuration.setProcessEngineName(engineName);
            configuration.setDataSource(dataSource);
            configuration.setDatabaseSchemaUpdate(createsSchema
                    ? ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE
                    : ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
            configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
            configuration.setJobExecutorActivate(jobExecutor);
            // Request ids appear in client error messages and URLs: random UUIDs say nothing about volume.
            configuration.setIdGenerator(new StrongUuidGenerator());
            configuration.setJavaSerializationFormatEnabled(false);
            configuration.setProcessEnginePlugins(List.of(new ApprovalEnginePlugin(events)));
            ProcessEngine engine = configuration.buildProcessEngine();
            deployProcesses(engine);
            return engine;
        }

        private static ProcessEngineConfigurationImpl jtaConfiguration(TransactionManager transactionManager) {
            JakartaTransactionProcessEngineConfiguration configuration = new JakartaTransactionProcessEngineConfiguration();
            configuration.setTransactionManager(transactionManager);
            configuration.setTransactionsExternallyManaged(true);
            return configuration;
        }

        private static void deployProcesses(ProcessEngine engine) {
            DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
                    .name(DEPLOYMENT_NAME)
                    .enableDuplicateFiltering(true);
            for (RequestKind kind : RequestKind.values()) {
                deployment.addClasspathResource(kind.resource());
            }
            deployment.deploy();
        }
    }
}
