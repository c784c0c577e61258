package dev.gatehouse.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs before the application takes traffic: it proves the store is reachable, migrates the schema
 * to the version this build expects and unseals the master key. Any failure aborts the deployment
 * with one sentence that says what to fix; the launcher shows that sentence instead of a stack trace.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class.getName());

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Inject
    SecretCipher secretCipher;

    @Inject
    GatehouseSettings settings;

    @PostConstruct
    void start() {
        requireIdentityProviderSettings();
        // Migrations run as the configured store user, the schema's owner; the pool's connections
        // switch to the narrower gatehouse_app role, which the first migration creates.
        DataSource owner = DirectStoreConnections.owner();
        requireReachableStore(owner);
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(owner)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        requireApplicationRole(dataSource);
        LOG.info(() -> "gatehouse: store schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
        LOG.info(() -> "gatehouse: master key " + secretCipher.keyId() + " loaded");
    }

    private void requireIdentityProviderSettings() {
        if (settings.keycloakUrl().isEmpty()) {
            throw new IllegalStateException("GATEHOUSE STARTUP FAILED: KEYCLOAK_URL is not set; Gatehouse keeps no password database"
                    + " and needs its Keycloak realm (./gatehouse run starts one and sets it)");
        }
        if (settings.uiClientSecret().isEmpty() || settings.adminClientSecret().isEmpty()) {
            throw new IllegalStateException("GATEHOUSE STARTUP FAILED: in production set GATEHOUSE_OIDC_CLIENT_SECRET and"
                    + " GATEHOUSE_KEYCLOAK_ADMIN_CLIENT_SECRET (the dev realm's secrets are refused outside dev mode)");
        }
        LOG.info(() -> "gatehouse: identity provider " + settings.issuer().orElseThrow());
    }

    /**
     * The pool's connections must work as gatehouse_app: one that kept the owner's rights (its init-sql
     * SET ROLE failed, for example because it was opened before the role existed) could rewrite the
     * audit trail. Refusing to start is the fail-closed answer.
     */
    private static void requireApplicationRole(DataSource pool) {
        try (Connection probe = pool.getConnection(); Statement st = probe.createStatement();
                ResultSet rs = st.executeQuery("select current_user")) {
            String role = rs.next() ? rs.getString(1) : null;
            if (!"gatehouse_app".equals(role)) {
                throw new IllegalStateException("GATEHOUSE STARTUP FAILED: pooled store connections work as " + role
                        + " instead of gatehouse_app, so the audit trail would not be append-only; restart the gateway");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("GATEHOUSE STARTUP FAILED: the store database is unreachable ("
                    + e.getMessage() + "); check GATEHOUSE_DB_URL, GATEHOUSE_DB_USER and GATEHOUSE_DB_PASSWORD", e);
        }
    }

    private static void requireReachableStore(DataSource store) {
        try (Connection probe = store.getConnection()) {
            probe.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("GATEHOUSE STARTUP FAILED: the store database is unreachable ("
                    + e.getMessage() + "); check GATEHOUSE_DB_URL, GATEHOUSE_DB_USER and GATEHOUSE_DB_PASSWORD", e);
        }
    }
}
