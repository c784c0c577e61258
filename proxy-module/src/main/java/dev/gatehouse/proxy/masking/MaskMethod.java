package dev.gatehouse.proxy.masking;

import java.util.Objects;

/**
 * How a value is masked. Every method yields a value of the column's own type, or NULL where the
 * type has no safe masked value (see docs/masking.md for each type).
 */
public sealed interface MaskMethod {

    /** Replace the whole value with a placeholder (for text types; other types get their documented stand-in). */
    record Redact(String placeholder) implements MaskMethod {
        public Redact {
            Objects.requireNonNull(placeholder, "placeholder");
        }
    }

    /** Keep the first and last characters named, replace the rest with {@code maskCharacter}, e.g. keep the last 4. */
    record Partial(int keepFirst, int keepLast, char maskCharacter) implements MaskMethod {
        public Partial {
            if (keepFirst < 0 || keepLast < 0) {
                throw new IllegalArgumentException("kept characters cannot be negative");
            }
        }
    }

    /**
     * Deterministic keyed token (HMAC-SHA-256 under the gateway-held key named here): equal inputs
     * give equal tokens, so joins and GROUP BY still work, and different keys give different tokens.
     */
    record Tokenize(String keyId) implements MaskMethod {
        public Tokenize {
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /** SQL NULL. */
    record Nullify() implements MaskMethod {
    }

    /** Unkeyed SHA-256, hex: stable everywhere, but guessable for small value spaces; tokenize when that matters. */
    record Hash() implements MaskMethod {
    }
}
