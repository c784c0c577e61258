package dev.gatehouse.proxy.masking;

import java.util.Objects;
import java.util.regex.Pattern;

/** A content detector: finds sensitive values inside text. */
public sealed interface Detector {

    /** The stable name shown in rules, evidence and the UI, e.g. {@code us-ssn} or {@code custom:employee-id}. */
    String name();

    /** Built in, with the checksum each kind has (Luhn for PANs, mod-97 for IBANs, ABA for routing numbers). */
    record BuiltIn(Kind kind) implements Detector {
        public BuiltIn {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String name() {
            return kind.ruleName();
        }
    }

    /** A named regular expression; every match is a finding. */
    record Custom(String label, Pattern pattern) implements Detector {
        public Custom {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String name() {
            return "custom:" + label;
        }
    }

    enum Kind {
        US_SSN("us-ssn"), PAYMENT_CARD("payment-card"), IBAN("iban"), EMAIL("email"), PHONE("phone"),
        US_ROUTING_NUMBER("us-routing-number");

        private final String ruleName;

        Kind(String ruleName) {
            this.ruleName = ruleName;
        }

        public String ruleName() {
            return ruleName;
        }
    }
}
