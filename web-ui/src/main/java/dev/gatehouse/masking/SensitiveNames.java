package dev.gatehouse.masking;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Guesses from a column's name whether it holds regulated data. Short words (pan, dob, tin) must be
 * a whole part of the name, so {@code company} is not a PAN; longer ones may appear anywhere, so
 * {@code customer_email_address} is an email.
 */
public final class SensitiveNames {

    private static final Set<String> WHOLE_PARTS = Set.of("ssn", "sin", "pan", "dob", "tin", "cc", "ccn", "cvv", "cvc", "msisdn", "bic");
    private static final List<String> ANYWHERE = List.of("social_security", "socialsecurity", "iban", "email", "e_mail", "phone", "mobile",
            "birth", "card", "account", "acct", "routing", "passport", "tax_id", "taxid", "national_id", "salary");

    private SensitiveNames() {
    }

    /** The word that makes the name look sensitive, or empty. */
    public static Optional<String> hint(String columnName) {
        String name = columnName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        for (String part : name.split("[^a-z0-9]+")) {
            if (WHOLE_PARTS.contains(part)) {
                return Optional.of(part);
            }
        }
        String joined = name.replaceAll("[^a-z0-9]+", "_");
        return ANYWHERE.stream().filter(joined::contains).findFirst();
    }
}
