package dev.gatehouse.accessreview;

import java.util.Locale;

/** A review operation refused for a reason the caller can act on; {@link Reason#status()} is its HTTP answer. */
public class AccessReviewException extends RuntimeException {

    public enum Reason {
        NOT_FOUND(404),
        SELF_REVIEW(409),
        NOT_INDEPENDENT(409),
        ALREADY_DECIDED(409),
        CAMPAIGN_CLOSED(409),
        ITEMS_PENDING(409),
        ALREADY_LIFTED(409);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public AccessReviewException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
