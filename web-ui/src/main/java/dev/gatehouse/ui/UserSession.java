package dev.gatehouse.ui;

import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The signed-in identity for the page header and the role-dependent navigation. */
@Named
@RequestScoped
public class UserSession {

    @Inject
    CurrentIdentity current;

    public boolean isSignedIn() {
        return current.get().isPresent();
    }

    public String getDisplayName() {
        return current.get().map(Identity::displayName).orElse("");
    }

    public String getKind() {
        return current.get().map(i -> i.kind().wireName()).orElse("");
    }

    public List<String> getRoles() {
        return current.get().map(i -> i.roles().stream().filter(r -> r.startsWith("gatehouse-")).sorted()
                .map(r -> r.substring("gatehouse-".length())).toList()).orElse(List.of());
    }

    public boolean isAdmin() {
        return has("gatehouse-admin");
    }

    public boolean isApprover() {
        return has("gatehouse-approver");
    }

    public boolean isAuditor() {
        return has("gatehouse-auditor");
    }

    private boolean has(String role) {
        return current.get().map(i -> i.hasRole(role)).orElse(false);
    }
}
