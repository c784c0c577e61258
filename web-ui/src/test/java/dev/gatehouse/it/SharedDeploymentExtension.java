package dev.gatehouse.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Swaps Payara Micro's managed container for {@link SharedPayaraMicroContainer}, so the whole
 * Failsafe run boots Payara once. Registered in META-INF/services of the test resources.
 */
public class SharedDeploymentExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class, SharedPayaraMicroContainer.class);
    }
}
