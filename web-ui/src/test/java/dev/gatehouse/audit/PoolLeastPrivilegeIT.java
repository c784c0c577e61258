package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.TestDatabase;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17, attack 1's second half: the application's pool no longer logs in as the schema owner
 * and switches with SET ROLE (which RESET ROLE undoes). It logs in as gatehouse_app, and that login
 * alone, with no trigger and no owner to lean on, cannot change an audit row, disable the table's
 * triggers, become the owner, or run a program on the server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PoolLeastPrivilegeIT {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void theRunningPoolLogsInAsTheApplicationRoleNotAsTheOwner() throws Exception {
        String logins = TestDatabase.singleValue("select string_agg(distinct usename, ',') from pg_stat_activity"
                + " where datname = current_database() and application_name = 'gatehouse'");
        assertThat(logins).isEqualTo("gatehouse_app");
    }

    @Test
    void thePoolsLoginHoldsNoPrivilegeThatCouldEditTheAuditTrail() throws Exception {
        String owner = TestDatabase.singleValue("select tableowner from pg_tables where tablename = 'audit_event'");
        try (Connection app = DriverManager.getConnection(System.getProperty("it.db.url"), "gatehouse_app", "it-app-password");
                Statement st = app.createStatement()) {
            for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")) {
                assertThat(value(st, "select has_table_privilege('audit_event', '" + privilege + "')")).as(privilege).isEqualTo("f");
            }
            assertThat(value(st, "select has_table_privilege('audit_event', 'INSERT') and has_table_privilege('audit_event', 'SELECT')"))
                    .isEqualTo("t");
            assertThat(value(st, "select rolsuper or rolcreaterole or rolbypassrls from pg_roles where rolname = current_user")).isEqualTo("f");
            assertThat(value(st, "select pg_has_role(current_user, '" + owner + "', 'member')")).as("not a member of the owner").isEqualTo("f");

            for (String attack : List.of(
                    "update audit_event set actor = 'nobody' where id = (select min(id) from audit_event)",
                    "delete from audit_event where id = (select min(id) from audit_event)",
                    "truncate audit_event",
                    "alter table audit_event disable trigger all",
                    "set role " + owner,
                    "set session authorization " + owner,
                    "copy (select 1) to program 'true'")) {
                assertThatThrownBy(() -> st.execute(attack)).as(attack).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
            st.execute("reset role");
            assertThat(value(st, "select current_user")).as("nothing to reset to").isEqualTo("gatehouse_app");
        }
    }

    private static String value(Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
