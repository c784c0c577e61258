package dev.gatehouse.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;

/**
 * Payara Micro's managed container starts one Payara process per deployment, that is one boot of
 * about a minute per test class. This container keeps the process of the first deployment and
 * hands its address to every later test class that deploys the same archive (same name, same
 * entries: every IT deploys {@link GatehouseDeployment#builtWar()}); undeploy is deferred to the
 * end of the suite ({@link #stop()}). A class that deploys a different archive gets a fresh
 * Payara (the shared one is stopped first), so a differing deployment is still honoured.
 *
 * <p>{@code -Dit.sharedDeployment=false} restores one Payara per test class.
 */
public class SharedPayaraMicroContainer extends PayaraMicroDeployableContainer {

    private static final Logger LOG = Logger.getLogger(SharedPayaraMicroContainer.class.getName());

    private Archive<?> running;
    private SortedSet<String> runningEntries;
    private ProtocolMetaData runningMetaData;

    static boolean sharing() {
        return !"false".equalsIgnoreCase(System.getProperty("it.sharedDeployment", "true"));
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (!sharing()) {
            return super.deploy(archive);
        }
        SortedSet<String> entries = entries(archive);
        if (running != null && archive.getName().equals(running.getName()) && entries.equals(runningEntries)) {
            LOG.info("reusing the running Payara Micro for " + archive.getName());
            return runningMetaData;
        }
        stopRunning();
        ProtocolMetaData metaData = super.deploy(archive);
        if (metaData != null) {
            running = archive;
            runningEntries = entries;
            runningMetaData = metaData;
        }
        return metaData;
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (!sharing()) {
            super.undeploy(archive);
        }
        // Shared: the next test class reuses the process; stop() or a differing deploy() ends it.
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            stopRunning();
        } catch (DeploymentException e) {
            throw new LifecycleException("could not stop the shared Payara Micro", e);
        }
        super.stop();
    }

    private void stopRunning() throws DeploymentException {
        if (running != null) {
            Archive<?> stopping = running;
            running = null;
            runningEntries = null;
            runningMetaData = null;
            super.undeploy(stopping);
        }
    }

    private static SortedSet<String> entries(Archive<?> archive) {
        SortedSet<String> entries = new TreeSet<>();
        for (ArchivePath path : archive.getContent().keySet()) {
            entries.add(path.get());
        }
        return entries;
    }
}
