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
        // Migrations run as the configured store user, the schema's owner; the pool logs in as the
        // narrower gatehouse_app (V6 creates it, V16 lets it log in; issue 17, ADR 0019).
        DataSource owner = DirectStoreConnections.owner();
        requireReachableStore(owner);
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(owner)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        setApplicationPassword(owner);
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
                        + " instead of gatehouse_app, so the audit trail would not be append-only; set GATEHOUSE_DB_APP_USER to gatehouse_app");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("GATEHOUSE STARTUP FAILED: the store database is unreachable ("
                    + e.getMessage() + "); check GATEHOUSE_DB_URL, GATEHOUSE_DB_APP_USER and GATEHOUSE_DB_APP_PASSWORD", e);
        }
    }

    /**
     * The pool's password, when the deployment gives one: set by the owner so the two never drift. An
     * owner without the right to (no CREATEROLE) leaves it to the DBA, and the pool's login says so.
     */
    private static void setApplicationPassword(DataSource owner) {
        String password = System.getenv("GATEHOUSE_DB_APP_PASSWORD");
        String user = System.getenv().getOrDefault("GATEHOUSE_DB_APP_USER", "gatehouse_app");
        if (password == null || password.isEmpty() || !"gatehouse_app".equals(user)) {
            return;
        }
        try (Connection connection = owner.getConnection();
                java.sql.PreparedStatement quote = connection.prepareStatement("select format('alter role gatehouse_app password %L', ?)")) {
            quote.setString(1, password);
            String sql;
            try (java.sql.ResultSet rs = quote.executeQuery()) {
                rs.next();
                sql = rs.getString(1);
            }
            try (java.sql.Statement alter = connection.createStatement()) {
                alter.execute(sql);
            }
        } catch (SQLException e) {
            LOG.warning("gatehouse: cannot set the password of gatehouse_app as the store owner (" + e.getSQLState()
                    + "); the DBA must set it to GATEHOUSE_DB_APP_PASSWORD");
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
