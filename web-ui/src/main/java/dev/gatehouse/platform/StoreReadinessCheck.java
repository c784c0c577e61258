package dev.gatehouse.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when a pooled connection to the store answers. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            return HealthCheckResponse.named("store").status(valid).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("store").down().withData("error", e.getSQLState() == null ? "unreachable" : e.getSQLState()).build();
        }
    }
}
