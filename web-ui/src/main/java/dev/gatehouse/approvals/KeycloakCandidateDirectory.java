package dev.gatehouse.approvals;

import dev.gatehouse.identity.KeycloakAdminProducer;
import dev.gatehouse.workflow.CandidateDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Who may decide a step, from Keycloak: a candidate group is a realm role ({@code gatehouse-approver})
 * or a group path ({@code /platform/dba}), as approvers' tokens carry them. Answers are cached for a
 * minute, since every request asks. Only users given the role directly are counted; where Keycloak
 * cannot answer, the directory says it does not know, and the quorum is not checked against it
 * rather than refusing a chain that may be fine.
 */
@ApplicationScoped
public class KeycloakCandidateDirectory implements CandidateDirectory {

    private static final Logger LOG = Logger.getLogger(KeycloakCandidateDirectory.class.getName());
    private static final Duration FRESH_FOR = Duration.ofMinutes(1);
    private static final int MAX_MEMBERS = 1_000;

    private record Members(Optional<Set<String>> usernames, Instant loaded) {
    }

    @Inject
    KeycloakAdminProducer keycloak;

    private final Map<String, Members> cache = new ConcurrentHashMap<>();

    @Override
    public Optional<Set<String>> members(String group) {
        Members cached = cache.get(group);
        if (cached != null && cached.loaded().plus(FRESH_FOR).isAfter(Instant.now())) {
            return cached.usernames();
        }
        Optional<Set<String>> loaded = load(group);
        cache.put(group, new Members(loaded, Instant.now()));
        return loaded;
    }

    private Optional<Set<String>> load(String group) {
        try {
            RealmResource realm = keycloak.realm();
            Set<String> usernames = new HashSet<>();
            if (group.startsWith("/")) {
                GroupRepresentation found = realm.getGroupByPath(group);
                realm.groups().group(found.getId()).members(0, MAX_MEMBERS).stream()
                        .filter(user -> !Boolean.FALSE.equals(user.isEnabled()))
                        .map(UserRepresentation::getUsername).forEach(usernames::add);
            } else {
                realm.roles().get(group).getUserMembers(0, MAX_MEMBERS).stream()
                        .filter(user -> !Boolean.FALSE.equals(user.isEnabled()))
                        .map(UserRepresentation::getUsername).forEach(usernames::add);
            }
            return Optional.of(Set.copyOf(usernames));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "gatehouse: cannot list the members of '" + group + "'; quorum not checked against it");
            return Optional.empty();
        }
    }
}
