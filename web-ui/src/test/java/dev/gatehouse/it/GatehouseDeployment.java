package dev.gatehouse.it;

import dev.gatehouse.approvals.ApprovalScenariosServlet;
import dev.gatehouse.catalog.RepositoryScenariosServlet;
import dev.gatehouse.recording.RecordingScenariosServlet;
import dev.gatehouse.retention.RetentionScenariosServlet;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment every integration test uses: the WAR exactly as built, not a hand-picked subset
 * of classes, so the tests exercise what users run, plus every test's scenario servlet (under
 * /it/, test-only). Every IT deploys this same archive, so {@link SharedPayaraMicroContainer}
 * boots Payara once for the whole run: a new scenario servlet belongs here, not in one IT.
 */
public final class GatehouseDeployment {

    private GatehouseDeployment() {
    }

    public static WebArchive builtWar() {
        File war = new File(System.getProperty("gatehouse.war", "target/gatehouse.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("build the WAR first (mvn package): " + war.getAbsolutePath() + " is missing");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addClasses(ApprovalScenariosServlet.class, RepositoryScenariosServlet.class,
                        RecordingScenariosServlet.class, RetentionScenariosServlet.class);
    }
}
