package dev.gatehouse.masking;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.platform.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keys of deterministic tokenization. The gateway makes each key itself (256 random bits), seals
 * it with the master key, and never hands it out: not through the API, the UI, the audit trail or
 * the logs. Retiring a key that a rule still names is refused, since that rule would then stop
 * every statement it covers.
 */
@ApplicationScoped
@Transactional
public class TokenKeys {

    static final String TARGET_TYPE = "masking_key";
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    @Inject
    MaskingStore store;

    @Inject
    SecretCipher cipher;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Inject
    Event<MaskingChanged> changed;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MaskingTokenKey> list() {
        return store.keys();
    }

    public MaskingTokenKey create(String keyId) {
        String id = keyId == null ? null : keyId.trim();
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new ValidationFailedException(List.of(new FieldError("keyId",
                    "must be 1-63 characters of a-z, 0-9, '_', '.', '-' and start with a letter or digit")));
        }
        if (store.key(id).isPresent()) {
            throw new ValidationFailedException(List.of(new FieldError("keyId", "a key named '" + id + "' already exists (keys are never reused)")));
        }
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        String sealed;
        try {
            sealed = cipher.seal(Base64.getEncoder().encodeToString(material), JpaMaskingStore.KEY_PURPOSE);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
        Actor who = actor.get();
        MaskingTokenKey key = new MaskingTokenKey(id, sealed, who.name(), Instant.now());
        store.add(key);
        store.flush();
        audit.append(who, "masking.key_created", TARGET_TYPE, id, id, "success", Map.of("algorithm", "HMAC-SHA-256", "bits", KEY_BYTES * 8));
        changed.fire(new MaskingChanged("key", "created"));
        return key;
    }

    public MaskingTokenKey retire(String keyId) {
        MaskingTokenKey key = store.key(keyId).orElseThrow(() -> MaskingNotFoundException.key(keyId));
        if (key.retired()) {
            return key;
        }
        List<String> users = store.rules().stream().filter(r -> keyId.equals(r.keyId())).map(StoredMaskingRule::name).toList();
        if (!users.isEmpty()) {
            throw new ValidationFailedException(List.of(new FieldError("keyId",
                    "key '" + keyId + "' is used by rules " + users + "; change them to another key first")));
        }
        Actor who = actor.get();
        key.retire(who.name(), Instant.now());
        audit.append(who, "masking.key_retired", TARGET_TYPE, keyId, keyId, "success", Map.of("createdAt", key.createdAt().toString()));
        changed.fire(new MaskingChanged("key", "retired"));
        return key;
    }
}
