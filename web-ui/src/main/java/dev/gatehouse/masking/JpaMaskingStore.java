package dev.gatehouse.masking;

import dev.gatehouse.platform.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

@ApplicationScoped
public class JpaMaskingStore implements MaskingStore {

    private static final Logger LOG = Logger.getLogger(JpaMaskingStore.class.getName());
    /** Binds sealed token keys to their use: a sealed connection secret cannot be replayed as a key. */
    static final String KEY_PURPOSE = "gatehouse/masking-token-key";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Override
    public List<StoredMaskingRule> rules() {
        return em.createQuery("select r from StoredMaskingRule r order by r.position, r.name", StoredMaskingRule.class).getResultList();
    }

    @Override
    public Optional<StoredMaskingRule> rule(UUID id) {
        return Optional.ofNullable(em.find(StoredMaskingRule.class, id));
    }

    @Override
    public Optional<StoredMaskingRule> ruleNamed(String name) {
        return em.createQuery("select r from StoredMaskingRule r where r.name = :name", StoredMaskingRule.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    @Override
    public List<MaskingTokenKey> keys() {
        return em.createQuery("select k from MaskingTokenKey k order by k.createdAt, k.keyId", MaskingTokenKey.class).getResultList();
    }

    @Override
    public Optional<MaskingTokenKey> key(String keyId) {
        return Optional.ofNullable(em.find(MaskingTokenKey.class, keyId));
    }

    @Override
    public List<MaskingExemption> exemptions(boolean openOnly, Instant now) {
        if (!openOnly) {
            return em.createQuery("select e from MaskingExemption e order by e.grantedAt desc", MaskingExemption.class).getResultList();
        }
        return em.createQuery("select e from MaskingExemption e where e.revokedAt is null and e.endsAt > :now order by e.grantedAt desc",
                MaskingExemption.class).setParameter("now", now).getResultList();
    }

    @Override
    public Optional<MaskingExemption> exemption(UUID id) {
        return Optional.ofNullable(em.find(MaskingExemption.class, id));
    }

    @Override
    public void add(Object entity) {
        em.persist(entity);
    }

    @Override
    public void remove(Object entity) {
        em.remove(entity);
    }

    @Override
    public void flush() {
        em.flush();
    }

    /**
     * Its own transaction when called outside one: the data path calls it from executor threads. A
     * key that cannot be unsealed is left out, with a warning that names the key and never its
     * material; the rules that use it then stop their statements (fail closed).
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public MaskingSnapshot snapshot(Instant now) {
        List<ScopedRule> rules = rules().stream()
                .filter(StoredMaskingRule::enabled)
                .map(r -> new ScopedRule(r.id(), r.connection(), Set.copyOf(r.roles()), Set.copyOf(r.identities()), r.toRule()))
                .toList();
        List<ExemptionGrant> grants = exemptions(true, now).stream().map(MaskingExemption::toGrant).toList();
        Map<String, byte[]> keys = new HashMap<>();
        for (MaskingTokenKey key : keys()) {
            if (key.retired()) {
                continue;
            }
            try {
                keys.put(key.keyId(), Base64.getDecoder().decode(cipher.open(key.sealedKey(), KEY_PURPOSE)));
            } catch (RuntimeException unreadable) {
                LOG.warning("masking token key " + key.keyId() + " cannot be unsealed (" + unreadable.getClass().getSimpleName()
                        + "); rules that tokenize with it stop the statements they cover");
            }
        }
        return new MaskingSnapshot(rules, grants, keys);
    }
}
