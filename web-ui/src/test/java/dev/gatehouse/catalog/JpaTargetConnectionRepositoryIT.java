package dev.gatehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.GatehouseDeployment;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JPA repository, the Flyway schema and the database-enforced append-only audit table, exercised
 * inside Payara Micro against the real PostgreSQL store. Arquillian deploys the application with one
 * test-only servlet ({@link RepositoryScenariosServlet}) that runs each scenario in the container.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JpaTargetConnectionRepositoryIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void storesAndReloadsEveryField() throws Exception {
        assertThat(run("storesAndReloadsEveryField")).isEqualTo("PASSED");
    }

    @Test
    void theDatabaseRefusesADuplicateName() throws Exception {
        assertThat(run("theDatabaseRefusesADuplicateName")).isEqualTo("PASSED");
    }

    @Test
    void removingAConnectionRemovesItsLabelsAndRoles() throws Exception {
        assertThat(run("removingAConnectionRemovesItsLabelsAndRoles")).isEqualTo("PASSED");
    }

    @Test
    void catalogChangesAreAuditedAndTheAuditTableIsAppendOnly() throws Exception {
        assertThat(run("catalogChangesAreAuditedAndTheAuditTableIsAppendOnly")).isEqualTo("PASSED");
    }

    /** Retries only while the servlet is not there yet (404); a scenario's own answer is final. */
    private String run(String scenario) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + "/it/repository-scenarios?scenario=" + scenario);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response;
        do {
            response = HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 404) {
                return response.body();
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return "servlet never answered: HTTP " + response.statusCode();
    }
}
