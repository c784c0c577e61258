package dev.gatehouse.agents;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.audit.RefusalAudit;
import dev.gatehouse.catalog.ConnectionCatalog;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.identity.AgentStatusCache;
import dev.gatehouse.identity.IdentityClaims;
import dev.gatehouse.identity.KeycloakAdminProducer;
import dev.gatehouse.platform.GatehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Agents are Keycloak confidential clients with a service account, created through
 * keycloak-admin-client as the realm's {@code gatehouse-admin-bot}. Gatehouse marks them with the
 * client attribute {@code gatehouse.agent=true} and grants connections by adding {@code client:<id>}
 * to the connections' allow lists.
 */
@ApplicationScoped
public class KeycloakAgentRegistry implements AgentRegistry {

    static final String AGENT_ATTRIBUTE = "gatehouse.agent";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");
    /** Issue 17: agents get only the data path's role; approving, auditing and administering are for people. */
    private static final Set<String> ASSIGNABLE_ROLES = Set.of("gatehouse-user");

    @Inject
    KeycloakAdminProducer keycloak;

    @Inject
    GatehouseSettings settings;

    @Inject
    ConnectionCatalog catalog;

    @Inject
    AgentStatusCache status;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Inject
    RefusalAudit refusals;

    @Override
    @Transactional
    public RegisteredAgent register(AgentDraft draft) {
        return guarded("register agent", () -> doRegister(draft));
    }

    private RegisteredAgent doRegister(AgentDraft draft) {
        validate(draft);
        RealmResource realm = keycloak.realm();
        String id;
        try (Response created = realm.clients().create(representation(draft))) {
            if (created.getStatus() == 409) {
                throw new ValidationFailedException(List.of(new FieldError("name", "a client named '" + draft.name() + "' already exists")));
            }
            id = CreatedResponseUtil.getCreatedId(created);
        }
        ClientResource client = realm.clients().get(id);
        if (!draft.roles().isEmpty()) {
            List<RoleRepresentation> roles = draft.roles().stream().map(r -> realm.roles().get(r).toRepresentation()).toList();
            realm.users().get(client.getServiceAccountUser().getId()).roles().realmLevel().add(roles);
        }
        for (String connection : draft.connections()) {
            catalog.allow(connection, clientEntry(draft.name()));
        }
        String secret = client.getSecret().getValue();
        Agent agent = get(draft.name());
        audit.append(actor.get(), "agent.registered", "agent", draft.name(), draft.name(), "success",
                Map.of("roles", List.copyOf(agent.roles()), "connections", List.copyOf(agent.connections()), "description", draft.description()));
        return new RegisteredAgent(agent, secret);
    }

    @Override
    public List<Agent> list() {
        return guarded("list agents", this::doList);
    }

    private List<Agent> doList() {
        List<Agent> agents = new ArrayList<>();
        for (ClientRepresentation client : keycloak.realm().clients().findAll()) {
            if (isAgent(client)) {
                agents.add(toAgent(client));
            }
        }
        agents.sort((a, b) -> a.clientId().compareTo(b.clientId()));
        return agents;
    }

    @Override
    public Agent get(String clientId) {
        return guarded("read agent", () -> toAgent(find(clientId)));
    }

    @Override
    @Transactional
    public Agent setEnabled(String clientId, boolean enabled) {
        return guarded("change agent", () -> doSetEnabled(clientId, enabled));
    }

    private Agent doSetEnabled(String clientId, boolean enabled) {
        ClientRepresentation client = find(clientId);
        client.setEnabled(enabled);
        keycloak.realm().clients().get(client.getId()).update(client);
        if (enabled) {
            status.markEnabled(clientId);
        } else {
            status.markDisabled(clientId);
        }
        audit.append(actor.get(), enabled ? "agent.enabled" : "agent.disabled", "agent", clientId, clientId, "success", Map.of());
        return toAgent(client);
    }

    @Override
    @Transactional
    public RegisteredAgent rotateSecret(String clientId) {
        return guarded("rotate agent secret", () -> doRotate(clientId));
    }

    private RegisteredAgent doRotate(String clientId) {
        ClientRepresentation client = find(clientId);
        String secret = keycloak.realm().clients().get(client.getId()).generateNewSecret().getValue();
        audit.append(actor.get(), "agent.secret-rotated", "agent", clientId, clientId, "success", Map.of());
        return new RegisteredAgent(toAgent(client), secret);
    }

    @Override
    @Transactional
    public void delete(String clientId) {
        guarded("delete agent", () -> {
            doDelete(clientId);
            return null;
        });
    }

    private void doDelete(String clientId) {
        ClientRepresentation client = find(clientId);
        keycloak.realm().clients().get(client.getId()).remove();
        // A future client with the same name must not inherit this one's grants.
        List<String> revoked = catalog.revokeEverywhere(clientEntry(clientId));
        status.markDisabled(clientId);
        audit.append(actor.get(), "agent.deleted", "agent", clientId, clientId, "success", Map.of("grantsRemovedFrom", revoked));
    }

    /** Keycloak's own HTTP errors must not leak out as if they were answers to our caller. */
    private static <T> T guarded(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (jakarta.ws.rs.WebApplicationException | jakarta.ws.rs.ProcessingException e) {
            throw new IdentityProviderException("the identity provider could not " + what + ": " + e.getMessage(), e);
        }
    }

    private ClientRepresentation find(String clientId) {
        return keycloak.realm().clients().findByClientId(clientId).stream().filter(KeycloakAgentRegistry::isAgent).findFirst()
                .orElseThrow(() -> new AgentNotFoundException(clientId));
    }

    private Agent toAgent(ClientRepresentation client) {
        RealmResource realm = keycloak.realm();
        Set<String> roles = new TreeSet<>();
        try {
            String userId = realm.clients().get(client.getId()).getServiceAccountUser().getId();
            realm.users().get(userId).roles().realmLevel().listAll().forEach(r -> roles.add(r.getName()));
            roles.retainAll(ASSIGNABLE_ROLES);
        } catch (RuntimeException noServiceAccount) {
            // A half-created client has no service account yet; show it without roles.
        }
        String entry = clientEntry(client.getClientId());
        Set<String> connections = catalog.list().stream().filter(c -> c.allowedRoles().contains(entry)).map(TargetConnection::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> attributes = client.getAttributes() == null ? Map.of() : client.getAttributes();
        return new Agent(client.getClientId(), client.getDescription() == null ? "" : client.getDescription(),
                !Boolean.FALSE.equals(client.isEnabled()), roles, connections, attributes.getOrDefault("gatehouse.created-by", ""));
    }

    private ClientRepresentation representation(AgentDraft draft) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(draft.name());
        client.setName("Gatehouse agent " + draft.name());
        client.setDescription(draft.description());
        client.setEnabled(true);
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-secret");
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(AGENT_ATTRIBUTE, "true");
        attributes.put("gatehouse.created-by", actor.get().name());
        client.setAttributes(attributes);
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("gatehouse-api audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.custom.audience", settings.audience(), "access.token.claim", "true",
                "id.token.claim", "false", "introspection.token.claim", "true"));
        client.setProtocolMappers(List.of(audience));
        return client;
    }

    private void validate(AgentDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || !NAME.matcher(draft.name()).matches()) {
            errors.add(new FieldError("name", "must be 3-63 characters of a-z, 0-9 and '-', starting with a letter or digit"));
        } else if (draft.name().startsWith("gatehouse-") || draft.name().equals("admin-cli") || draft.name().equals("account")
                || draft.name().startsWith("realm-") || draft.name().equals("broker") || draft.name().equals("security-admin-console")) {
            errors.add(new FieldError("name", "'" + draft.name() + "' is reserved"));
        }
        if (draft.description().length() > 255) {
            errors.add(new FieldError("description", "must be at most 255 characters"));
        }
        List<String> personRoles = draft.roles().stream().filter(IdentityClaims.PERSON_ROLES::contains).toList();
        if (!personRoles.isEmpty()) {
            refusals.record(actor.get(), "agent.refused", "agent", draft.name(), draft.name(),
                    Map.of("reason", "person_role", "roles", personRoles));
            errors.add(new FieldError("roles", "agents cannot hold " + String.join(", ", personRoles)
                    + ": approving, auditing and administering are for people; an agent may hold gatehouse-user"));
        }
        for (String role : draft.roles()) {
            if (!ASSIGNABLE_ROLES.contains(role) && !IdentityClaims.PERSON_ROLES.contains(role)) {
                errors.add(new FieldError("roles", "unknown role '" + role + "'; one of: " + new TreeSet<>(ASSIGNABLE_ROLES)));
            }
        }
        Set<String> known = catalog.list().stream().map(TargetConnection::name).collect(Collectors.toSet());
        for (String connection : draft.connections()) {
            if (!known.contains(connection)) {
                errors.add(new FieldError("connections", "unknown connection '" + connection + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }

    private static boolean isAgent(ClientRepresentation client) {
        return client.getAttributes() != null && "true".equals(client.getAttributes().get(AGENT_ATTRIBUTE));
    }

    static String clientEntry(String clientId) {
        return "client:" + clientId;
    }
}
