package dev.gatehouse.masking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A tokenization key: HMAC key material, sealed with the master key, which leaves this class only
 * through {@link #sealedKey()} to be unsealed for the data path. Never in {@link #toString()}.
 */
@Entity
@Table(name = "masking_token_key")
public class MaskingTokenKey {

    @Id
    @Column(name = "key_id", length = 63)
    private String keyId;

    @Column(name = "sealed_key", nullable = false)
    private String sealedKey;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_by")
    private String retiredBy;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected MaskingTokenKey() {
        // for JPA
    }

    MaskingTokenKey(String keyId, String sealedKey, String actor, Instant now) {
        this.keyId = keyId;
        this.sealedKey = sealedKey;
        this.createdBy = actor;
        this.createdAt = now;
    }

    void retire(String actor, Instant now) {
        this.retiredBy = actor;
        this.retiredAt = now;
    }

    public String keyId() {
        return keyId;
    }

    String sealedKey() {
        return sealedKey;
    }

    public boolean retired() {
        return retiredAt != null;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String retiredBy() {
        return retiredBy;
    }

    public Instant retiredAt() {
        return retiredAt;
    }

    @Override
    public String toString() {
        return "MaskingTokenKey[" + keyId + (retired() ? ", retired" : "") + "]";
    }
}
