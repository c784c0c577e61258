package dev.gatehouse.ui;

import dev.gatehouse.agents.Agent;
import dev.gatehouse.agents.AgentDraft;
import dev.gatehouse.agents.AgentRegistry;
import dev.gatehouse.agents.IdentityProviderException;
import dev.gatehouse.agents.RegisteredAgent;
import dev.gatehouse.catalog.ConnectionCatalog;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Backs agents.xhtml: register non-human identities, and disable, enable, rotate or delete them.
 * A new secret is held only until the admin closes the dialog that shows it.
 */
@Named
@ViewScoped
public class AgentsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AgentRegistry registry;

    @Inject
    transient ConnectionCatalog catalog;

    private List<Agent> agents = List.of();
    private List<String> connectionNames = List.of();
    private String loadError;
    private String name;
    private String description;
    private List<String> roles = new ArrayList<>(List.of("gatehouse-user"));
    private List<String> connections = new ArrayList<>();
    private String shownSecret;
    private String shownSecretFor;

    @PostConstruct
    void load() {
        connectionNames = catalog.list().stream().map(TargetConnection::name).toList();
        try {
            agents = registry.list();
            loadError = null;
        } catch (IdentityProviderException e) {
            agents = List.of();
            loadError = "The identity provider is not answering, so agents cannot be listed right now.";
        }
    }

    public void register() {
        try {
            RegisteredAgent registered = registry.register(new AgentDraft(name, description, new LinkedHashSet<>(roles),
                    new LinkedHashSet<>(connections)));
            show(registered);
            Messages.info("Agent registered", registered.agent().clientId() + " exists in Keycloak; copy its secret now.");
            name = null;
            description = null;
            connections = new ArrayList<>();
        } catch (ValidationFailedException invalid) {
            for (FieldError error : invalid.errors()) {
                Messages.field("register:" + error.field(), error.field() + " " + error.message());
            }
        } catch (IdentityProviderException e) {
            Messages.error("Keycloak refused the change", "See the gateway log for details.");
        }
        load();
    }

    public void disable(String clientId) {
        act(() -> registry.setEnabled(clientId, false), "Disabled", clientId + " can no longer obtain tokens; live tokens are refused within 30 s.");
    }

    public void enable(String clientId) {
        act(() -> registry.setEnabled(clientId, true), "Enabled", clientId + " may obtain tokens again.");
    }

    public void rotate(String clientId) {
        try {
            show(registry.rotateSecret(clientId));
            Messages.info("Secret rotated", "The old secret of " + clientId + " no longer works.");
        } catch (RuntimeException e) {
            Messages.error("Rotation failed", e.getMessage());
        }
        load();
    }

    public void delete(String clientId) {
        act(() -> {
            registry.delete(clientId);
            return null;
        }, "Deleted", clientId + " was removed from Keycloak and from every connection's allow list.");
    }

    public void forgetSecret() {
        shownSecret = null;
        shownSecretFor = null;
    }

    private void show(RegisteredAgent registered) {
        shownSecret = registered.clientSecret();
        shownSecretFor = registered.agent().clientId();
    }

    private void act(java.util.function.Supplier<?> action, String summary, String detail) {
        try {
            action.get();
            Messages.info(summary, detail);
        } catch (RuntimeException e) {
            Messages.error(summary + " failed", e.getMessage());
        }
        load();
    }

    public List<Agent> getAgents() {
        return agents;
    }

    public List<String> getConnectionNames() {
        return connectionNames;
    }

    public List<String> getAssignableRoles() {
        return List.of("gatehouse-user", "gatehouse-auditor", "gatehouse-approver", "gatehouse-admin");
    }

    public String getLoadError() {
        return loadError;
    }

    public String getShownSecret() {
        return shownSecret;
    }

    public String getShownSecretFor() {
        return shownSecretFor;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public List<String> getConnections() {
        return connections;
    }

    public void setConnections(List<String> connections) {
        this.connections = connections;
    }
}
