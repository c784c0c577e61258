package dev.gatehouse.identity;

import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** A Gatehouse token: a snapshot of the identity it was issued to, its lifetime, and its revocation. */
@Entity
@Table(name = "gatehouse_token")
public class IssuedToken {

    @Id
    private UUID id;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String username;

    @Column(name = "client_id")
    private String clientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "identity_kind", nullable = false, length = 10)
    private IdentityKind kind;

    @Column(nullable = false)
    private String roles;

    @Column(name = "groups_list", nullable = false)
    private String groups;

    @Column(name = "source_jti")
    private String sourceJti;

    @Column(name = "auth_time")
    private Instant authTime;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column
    private String purpose;

    protected IssuedToken() {
        // for JPA
    }

    IssuedToken(UUID id, String tokenHash, Identity identity, Instant issuedAt, Instant expiresAt, String purpose) {
        this.id = id;
        this.tokenHash = tokenHash;
        this.subject = identity.subject();
        this.username = identity.username();
        this.clientId = identity.clientId();
        this.kind = identity.kind();
        this.roles = String.join(" ", new TreeSet<>(identity.roles()));
        this.groups = String.join(" ", new TreeSet<>(identity.groups()));
        this.sourceJti = identity.tokenId();
        this.authTime = identity.authTime();
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.purpose = purpose;
    }

    Identity toIdentity() {
        return new Identity(subject, username, clientId, kind, split(roles), split(groups), id.toString(), authTime, expiresAt,
                "gatehouse-token");
    }

    void revoke(Instant when, String by) {
        if (revokedAt == null) {
            this.revokedAt = when;
            this.revokedBy = by;
        }
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isBlank() ? Set.of() : Arrays.stream(joined.split(" ")).collect(Collectors.toSet());
    }

    public UUID id() {
        return id;
    }

    public String subject() {
        return subject;
    }

    public String username() {
        return username;
    }

    public String clientId() {
        return clientId;
    }

    public IdentityKind kind() {
        return kind;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    public String purpose() {
        return purpose;
    }
}
