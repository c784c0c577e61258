package dev.gatehouse.proxy.api;

import java.util.Objects;

/**
 * What guardrails decided about one statement (or one query string), and the rule that decided
 * it. {@code rule} is null only for an {@link Allow} that no rule matched.
 */
public sealed interface Decision {

    String rule();

    /** ALLOW, DENY, REQUIRE_APPROVAL or ALLOW_AND_ALERT: the form recordings and reports use. */
    String outcome();

    default boolean permitsExecution() {
        return this instanceof Allow || this instanceof AllowAndAlert;
    }

    record Allow(String rule) implements Decision {
        public String outcome() {
            return "ALLOW";
        }
    }

    record Deny(String rule, String message) implements Decision {
        public Deny {
            Objects.requireNonNull(rule, "rule");
        }

        public String outcome() {
            return "DENY";
        }
    }

    /** @param chain the approval chain the rule names; the approvals workflow picks its steps */
    record RequireApproval(String rule, String chain, String message) implements Decision {
        public RequireApproval {
            Objects.requireNonNull(rule, "rule");
        }

        public String outcome() {
            return "REQUIRE_APPROVAL";
        }
    }

    record AllowAndAlert(String rule) implements Decision {
        public AllowAndAlert {
            Objects.requireNonNull(rule, "rule");
        }

        public String outcome() {
            return "ALLOW_AND_ALERT";
        }
    }
}
