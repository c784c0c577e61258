package dev.gatehouse.identity;

import dev.gatehouse.platform.EnvironmentValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The realm's identities from Keycloak's admin API, as the {@code gatehouse-admin-bot} sees them:
 * people are the realm's users (minus the users Keycloak creates behind service accounts), agents
 * are the clients with a service account, named by client id as the data path names agents
 * ({@link dev.gatehouse.proxy.api.Identity#displayName()}). Roles are the effective realm roles
 * (composites expanded), since that is what tokens carry and allow lists match.
 *
 * <p>One answer is kept for a minute ({@code GATEHOUSE_IDENTITY_INVENTORY_TTL_SECONDS}; the tests
 * set 0, since they change the realm and then look): a review or a pack asks for the whole list,
 * and each identity costs a role-mapping request. Callers are request threads or background jobs, never an
 * event loop.
 */
@ApplicationScoped
public class KeycloakIdentityInventory implements IdentityInventory {

    private static final Duration FRESH_FOR = Duration.ofSeconds(
            EnvironmentValues.number(System.getenv(), "GATEHOUSE_IDENTITY_INVENTORY_TTL_SECONDS", 60, 0, 3600));
    private static final int PAGE = 200;

    private record Loaded(List<InventoryIdentity> identities, Instant at) {
    }

    @Inject
    KeycloakAdminProducer keycloak;

    private volatile Loaded loaded;

    @Override
    public List<InventoryIdentity> identities() {
        Loaded current = loaded;
        if (current != null && current.at().plus(FRESH_FOR).isAfter(Instant.now())) {
            return current.identities();
        }
        synchronized (this) {
            if (loaded != null && loaded.at().plus(FRESH_FOR).isAfter(Instant.now())) {
                return loaded.identities();
            }
            try {
                List<InventoryIdentity> fresh = load(keycloak.realm());
                loaded = new Loaded(fresh, Instant.now());
                return fresh;
            } catch (RuntimeException e) {
                throw new IdentityProviderUnavailableException("the identity inventory cannot be read from Keycloak ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); retry once the identity provider answers", e);
            }
        }
    }

    /** Drops the cached answer, e.g. after Gatehouse changed roles in Keycloak itself. */
    public void forget() {
        loaded = null;
    }

    private static List<InventoryIdentity> load(RealmResource realm) {
        List<InventoryIdentity> identities = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<UserRepresentation> page = realm.users().list(first, PAGE);
            for (UserRepresentation user : page) {
                if (user.getServiceAccountClientId() == null && !user.getUsername().startsWith(IdentityClaims.SERVICE_ACCOUNT_PREFIX)) {
                    identities.add(new InventoryIdentity(user.getUsername(), "human", effectiveRoles(realm, user.getId()),
                            !Boolean.FALSE.equals(user.isEnabled())));
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        for (ClientRepresentation client : realm.clients().findAll()) {
            if (Boolean.TRUE.equals(client.isServiceAccountsEnabled())) {
                UserRepresentation account = realm.clients().get(client.getId()).getServiceAccountUser();
                identities.add(new InventoryIdentity(client.getClientId(), "agent", effectiveRoles(realm, account.getId()),
                        !Boolean.FALSE.equals(client.isEnabled()) && !Boolean.FALSE.equals(account.isEnabled())));
            }
        }
        identities.sort(Comparator.comparing(InventoryIdentity::kind).thenComparing(InventoryIdentity::name));
        return List.copyOf(identities);
    }

    private static Set<String> effectiveRoles(RealmResource realm, String userId) {
        Set<String> roles = new TreeSet<>();
        realm.users().get(userId).roles().realmLevel().listEffective().stream().map(RoleRepresentation::getName).forEach(roles::add);
        return roles;
    }
}
