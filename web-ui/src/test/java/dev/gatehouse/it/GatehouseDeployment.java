package dev.gatehouse.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment every integration test uses: the WAR exactly as built, not a hand-picked subset
 * of classes, so the tests exercise what users run.
 */
public final class GatehouseDeployment {

    private GatehouseDeployment() {
    }

    public static WebArchive builtWar() {
        File war = new File(System.getProperty("gatehouse.war", "target/gatehouse.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("build the WAR first (mvn package): " + war.getAbsolutePath() + " is missing");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
