package dev.gatehouse.masking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores masking rules, token keys and unmask grants. */
public interface MaskingStore {

    /** Every rule, in the order the data path applies them. */
    List<StoredMaskingRule> rules();

    Optional<StoredMaskingRule> rule(UUID id);

    Optional<StoredMaskingRule> ruleNamed(String name);

    List<MaskingTokenKey> keys();

    Optional<MaskingTokenKey> key(String keyId);

    /** Grants newest first; only those not ended by {@code now} and not revoked when {@code openOnly}. */
    List<MaskingExemption> exemptions(boolean openOnly, Instant now);

    Optional<MaskingExemption> exemption(UUID id);

    void add(Object entity);

    void remove(Object entity);

    /** Writes pending changes now, so a constraint clash surfaces inside the service. */
    void flush();

    /** What the data path needs, read in one transaction with the keys unsealed. */
    MaskingSnapshot snapshot(Instant now);
}
