package dev.gatehouse.identity;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.platform.GatehouseSettings;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues, resolves and revokes opaque Gatehouse tokens ({@code ght_} + 256 random bits). They exist
 * for clients whose password field cannot hold a long JWT; only their SHA-256 is stored.
 */
@ApplicationScoped
@Transactional
public class GatehouseTokens {

    public static final String PREFIX = "ght_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    GatehouseSettings settings;

    @Inject
    AuditLog audit;

    /** A new token and its row; the plaintext token exists only in the returned value. */
    public record Issued(String token, IssuedToken row) {
        @Override
        public String toString() {
            return "Issued[id=" + row.id() + ", token=***]";
        }
    }

    public Issued issue(Identity identity, Integer lifetimeSeconds, String purpose, Actor actor) {
        if ("gatehouse-token".equals(identity.authMethod())) {
            // Exchanging a Gatehouse token for another would let a stolen token outlive its expiry forever.
            throw new ValidationFailedException(List.of(new FieldError("authorization",
                    "present a Keycloak access token; a Gatehouse token cannot be exchanged for another")));
        }
        Duration lifetime = lifetimeSeconds == null ? settings.defaultTokenLifetime() : Duration.ofSeconds(lifetimeSeconds);
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(settings.maxTokenLifetime()) > 0) {
            throw new ValidationFailedException(List.of(new FieldError("lifetimeSeconds",
                    "must be between 1 and " + settings.maxTokenLifetime().toSeconds())));
        }
        if (purpose != null && purpose.length() > 255) {
            throw new ValidationFailedException(List.of(new FieldError("purpose", "must be at most 255 characters")));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        IssuedToken row = new IssuedToken(UUID.randomUUID(), hash(token), identity, now, now.plus(lifetime), purpose);
        em.persist(row);
        audit.append(actor, "token.issued", "token", row.id().toString(), identity.displayName(), "success",
                Map.of("expiresAt", row.expiresAt().toString(), "lifetimeSeconds", lifetime.toSeconds(), "kind", identity.kind().wireName(),
                        "sourceTokenId", String.valueOf(identity.tokenId())));
        return new Issued(token, row);
    }

    // REQUIRED, not SUPPORTS: the data path resolves tokens on executor threads, where only a
    // transaction gives the call a persistence context of its own.
    @Transactional(Transactional.TxType.REQUIRED)
    public Identity resolve(String token) {
        IssuedToken row = em.createQuery("select t from IssuedToken t where t.tokenHash = :hash", IssuedToken.class)
                .setParameter("hash", hash(token))
                .getResultStream().findFirst()
                .orElseThrow(() -> new AuthenticationFailedException("unknown_token", "the Gatehouse token is not known"));
        Instant now = Instant.now();
        if (row.revokedAt() != null) {
            throw new AuthenticationFailedException("revoked", "the Gatehouse token was revoked");
        }
        if (!row.usableAt(now)) {
            throw new AuthenticationFailedException("expired", "the Gatehouse token has expired");
        }
        return row.toIdentity();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IssuedToken> issuedTo(String subject) {
        return em.createQuery("select t from IssuedToken t where t.subject = :subject order by t.issuedAt desc", IssuedToken.class)
                .setParameter("subject", subject).setMaxResults(200).getResultList();
    }

    /** Revokes a token of the caller's own, or any token for an admin. */
    public IssuedToken revoke(UUID id, Identity caller, Actor actor) {
        IssuedToken row = em.find(IssuedToken.class, id);
        boolean admin = caller.hasRole("gatehouse-admin");
        if (row == null || (!admin && !row.subject().equals(caller.subject()))) {
            // The same answer for "absent" and "not yours": token ids are not an oracle.
            throw new TokenNotFoundException(id);
        }
        row.revoke(Instant.now().truncatedTo(ChronoUnit.MICROS), caller.displayName());
        audit.append(actor, "token.revoked", "token", id.toString(), row.username(), "success", Map.of("owner", row.username()));
        return row;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
