package dev.gatehouse.audit.chain;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.platform.SecretCipher;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * The Ed25519 keys that sign checkpoints. The private key is sealed with the master key in the
 * store and unsealed only here; the first checkpoint creates the first key. Rotation retires the
 * active key (it keeps verifying what it signed) and records who rotated it in the chain.
 */
@ApplicationScoped
public class AuditSigningKeys {

    private static final String PURPOSE = "audit-signing-key";
    private static final DateTimeFormatter KEY_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    AuditLog audit;

    private volatile SigningKey cached;

    /**
     * The active key, created if there is none. Checked against the store on every call, so a node
     * signs with the key another node rotated to; checkpoints are rare enough for one query.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public SigningKey active() {
        return work(connection -> {
            String activeId = activeKeyId(connection);
            SigningKey current = cached;
            if (current != null && current.keyId().equals(activeId)) {
                return current;
            }
            if (activeId == null) {
                insert(connection, generate());
                activeId = activeKeyId(connection);
            }
            cached = load(connection, activeId);
            return cached;
        });
    }

    /**
     * Signs {@code bytes} with the active key, the one that signs checkpoints (an evidence pack's
     * manifest is signed this way), so an examiner verifies both with the same published key.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public AuditSignature sign(byte[] bytes) {
        SigningKey key = active();
        try {
            Signature signer = Signature.getInstance(Checkpoint.ALGORITHM);
            signer.initSign(key.privateKey());
            signer.update(bytes);
            return new AuditSignature(key.keyId(), signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with audit key " + key.keyId() + " failed: " + e.getMessage(), e);
        }
    }

    /** The active key's public half and creation time, which an evidence pack ships as PEM and prints by fingerprint. */
    public record ActivePublicKey(String keyId, java.security.PublicKey publicKey, java.time.Instant createdAt) {
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public ActivePublicKey activePublicKey() {
        SigningKey key = active();
        return new ActivePublicKey(key.keyId(), key.publicKey(), key.createdAt());
    }

    /** The id of the key {@link #sign} uses now (created if there is none). */
    @Transactional(Transactional.TxType.REQUIRED)
    public String activeKeyId() {
        return active().keyId();
    }

    /** Retires the active key and makes a new one; returns the new key's id. */
    @Transactional(Transactional.TxType.REQUIRED)
    public String rotate(Actor actor) {
        String[] ids = work(connection -> {
            String old = activeKeyId(connection);
            try (PreparedStatement retire = connection.prepareStatement(
                    "update audit_signing_key set retired_at = ? where retired_at is null")) {
                retire.setTimestamp(1, Timestamp.from(Instant.now()));
                retire.executeUpdate();
            }
            KeyPair fresh = generate();
            insert(connection, fresh);
            return new String[] {old, activeKeyId(connection)};
        });
        cached = null;
        audit.append(actor, "audit.key_rotated", "audit_key", ids[1], ids[1], "success",
                Map.of("previousKeyId", ids[0] == null ? "" : ids[0], "keyId", ids[1], "algorithm", Checkpoint.ALGORITHM));
        return ids[1];
    }

    /** Every key that ever signed, newest first: what a verifier needs. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<PublishedKey> published() {
        return work(connection -> {
            List<PublishedKey> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select key_id, algorithm, public_key, created_at, retired_at from audit_signing_key order by created_at desc");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Timestamp retired = rs.getTimestamp(5);
                    keys.add(new PublishedKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            retired == null ? null : retired.toInstant()));
                }
            }
            return keys;
        });
    }

    /**
     * The keys in-app verification trusts: only those whose sealed private key opens with the master
     * key and signs what the stored public key verifies. Someone who can write to the store but does
     * not hold the master key cannot slip in a key of their own (offline examiners trust their own
     * copy of the published keys instead).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<PublicKeys.TrustedKey> trusted() {
        return work(connection -> {
            List<PublicKeys.TrustedKey> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select key_id, created_at, retired_at from audit_signing_key order by created_at");
                    ResultSet rs = select.executeQuery()) {
                List<String[]> rows = new ArrayList<>();
                List<Timestamp[]> times = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1)});
                    times.add(new Timestamp[] {rs.getTimestamp(2), rs.getTimestamp(3)});
                }
                for (int i = 0; i < rows.size(); i++) {
                    try {
                        SigningKey key = load(connection, rows.get(i)[0]);
                        if (pairMatches(key)) {
                            Timestamp retired = times.get(i)[1];
                            keys.add(new PublicKeys.TrustedKey(key.keyId(), key.publicKey(), times.get(i)[0].toInstant(),
                                    retired == null ? null : retired.toInstant()));
                        }
                    } catch (RuntimeException unreadable) {
                        // Not sealed by this master key: not a key this gateway made, so not trusted.
                    }
                }
            }
            return keys;
        });
    }

    private static boolean pairMatches(SigningKey key) {
        Checkpoint probe = Checkpoint.sign(0, "probe", Instant.EPOCH, key.keyId(), "", key.privateKey());
        return probe.verifiedBy(key.publicKey());
    }

    private static String activeKeyId(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select key_id from audit_signing_key where retired_at is null");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void insert(Connection connection, KeyPair pair) throws SQLException {
        byte[] publicKey = pair.getPublic().getEncoded();
        Instant now = Instant.now();
        String keyId = "ed25519-" + KEY_DATE.format(now) + "-" + Digests.sha256Hex(publicKey).substring(0, 12);
        String sealed = cipher.seal(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), PURPOSE);
        // Two nodes creating the first key at once: the partial unique index keeps one, the other does nothing.
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_signing_key"
                + " (key_id, algorithm, public_key, sealed_private_key, created_at) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            insert.setString(1, keyId);
            insert.setString(2, Checkpoint.ALGORITHM);
            insert.setString(3, Base64.getEncoder().encodeToString(publicKey));
            insert.setString(4, sealed);
            insert.setTimestamp(5, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    private SigningKey load(Connection connection, String keyId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select public_key, sealed_private_key, created_at from audit_signing_key where key_id = ?")) {
            select.setString(1, keyId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("audit signing key " + keyId + " vanished");
                }
                KeyFactory factory = KeyFactory.getInstance(Checkpoint.ALGORITHM);
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rs.getString(1))));
                PrivateKey privateKey = factory.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(cipher.open(rs.getString(2), PURPOSE))));
                return new SigningKey(keyId, publicKey, privateKey, rs.getTimestamp(3).toInstant());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("audit signing key " + keyId + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    private <T> T work(org.hibernate.jdbc.ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
