package dev.gatehouse.approvals;

import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.engine.GatehouseProcessEngine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * The embedded Camunda engine of this application, on the store's pool and the container's
 * transactions. It is built inside a bean-managed transaction: with JTA the engine's start-up
 * work (the schema check, the deployment of the models) runs in the caller's transaction, and
 * without one it is never committed (STACK.md item 4). The schema itself comes from migration
 * V10, so this starts after StartupChecks has migrated the store.
 */
@Startup
@Singleton
@DependsOn("StartupChecks")
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ApprovalEngine {

    private static final Logger LOG = Logger.getLogger(ApprovalEngine.class.getName());

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Resource(lookup = "java:appserver/TransactionManager")
    TransactionManager transactionManager;

    @Resource
    UserTransaction transaction;

    @Resource
    ContextService contextService;

    @Inject
    AuditedApprovalEvents events;

    private volatile ProcessEngine engine;

    @PostConstruct
    void start() {
        try {
            transaction.begin();
            engine = GatehouseProcessEngine.on(dataSource)
                    .transactionManager(transactionManager)
                    .schemaCreatedElsewhere()
                    .events(inApplicationContext(events))
                    .build();
            transaction.commit();
        } catch (Exception e) {
            rollBack();
            throw new IllegalStateException("GATEHOUSE STARTUP FAILED: the approval engine did not start (" + e.getMessage() + ")", e);
        }
        LOG.info(() -> "gatehouse: approval engine started, " + engine.getRepositoryService().createProcessDefinitionQuery()
                .latestVersion().count() + " process models deployed");
    }

    @PreDestroy
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    /**
     * Timers fire on the engine's job executor threads, which are not the container's: the audit
     * trail's CDI beans and persistence context need the application's context, captured here. The
     * caller's transaction is kept, so a step's audit row joins the engine's transaction.
     */
    private ApprovalEvents inApplicationContext(ApprovalEvents target) {
        return contextService.createContextualProxy(target,
                Map.of(ManagedTask.TRANSACTION, ManagedTask.USE_TRANSACTION_OF_EXECUTION_THREAD), ApprovalEvents.class);
    }

    /** The running engine; null only if start-up failed, in which case the deployment failed too. */
    public ProcessEngine engine() {
        return engine;
    }

    private void rollBack() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.WARNING, "gatehouse: rolling back the approval engine's start-up failed", e);
        }
    }
}
