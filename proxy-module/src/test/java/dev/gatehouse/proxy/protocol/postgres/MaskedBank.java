package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.testing.TargetPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The seeded schema of the masking acceptance tests: customers, accounts and cards with realistic
 * fake values. Values with a valid checksum are what must never reach a client; values with an
 * invalid checksum sit in free-text columns and show the detectors do not mask what only looks
 * like a number of that kind.
 */
final class MaskedBank {

    // Valid: area/group/serial rules for SSNs, Luhn for PANs, mod-97 for IBANs, ABA for routing numbers.
    static final String SSN_1 = "536-22-8147";
    static final String SSN_2 = "219-09-9999";
    static final String PAN_1 = "4111111111111111";
    static final String PAN_2 = "5500005555555559";
    static final String IBAN_1 = "DE89370400440532013000";
    static final String IBAN_2 = "GB82WEST12345698765432";
    static final String ROUTING_1 = "021000021";
    static final String ROUTING_2 = "011000015";
    static final String EMAIL_1 = "alice.smith@example.com";
    static final String EMAIL_2 = "bob.jones@example.org";
    static final String PHONE_1 = "+14155550123";
    static final String PHONE_2 = "(415) 555-0199";
    static final int CVV_1 = 737;

    // Invalid checksums, in free text: not masked by the detectors.
    static final String NOT_A_PAN = "4111111111111112";
    static final String NOT_AN_IBAN = "DE89370400440532013001";
    static final String NOT_A_ROUTING_NUMBER = "021000022";

    /** Every value the acceptance criteria say must never reach psql or JDBC output. */
    static final List<String> RAW = List.of(SSN_1, SSN_2, PAN_1, PAN_2, IBAN_1, IBAN_2, ROUTING_1, ROUTING_2, EMAIL_1,
            EMAIL_2, PHONE_1, "4155550123", "415) 555-0199");

    static final String[] SCHEMA = {
        "drop view if exists customer_contacts",
        "drop table if exists cards, accounts, customers",
        "create table customers(id int primary key, name text, ssn text unique, email text, phone text, notes text)",
        "create table accounts(id int primary key, customer_id int references customers, iban text, routing text,"
                + " balance numeric(12,2), opened date)",
        "create table cards(id int primary key, account_id int references accounts, pan text, expires date, cvv int,"
                + " photo bytea, label text)",
        "insert into customers values (1, 'Alice Smith', '" + SSN_1 + "', '" + EMAIL_1 + "', '" + PHONE_1 + "',"
                + " 'card on file " + NOT_A_PAN + " was a typo'),"
                + " (2, 'Bob Jones', '" + SSN_2 + "', '" + EMAIL_2 + "', '" + PHONE_2 + "', 'iban draft " + NOT_AN_IBAN + "')",
        "insert into accounts values (10, 1, '" + IBAN_1 + "', '" + ROUTING_1 + "', 1234.56, '2019-04-01'),"
                + " (20, 2, '" + IBAN_2 + "', '" + ROUTING_2 + "', 98765.43, '2021-11-30')",
        "insert into cards values (100, 10, '" + PAN_1 + "', '2028-09-30', " + CVV_1 + ", '\\xdeadbeef', 'routing " + NOT_A_ROUTING_NUMBER + "'),"
                + " (200, 20, '" + PAN_2 + "', '2027-01-31', 123, '\\xcafe', 'gold')",
        "create view customer_contacts as select id, name, ssn, email from customers",
        "alter table customers owner to " + TargetPostgres.SCRAM_USER,
        "alter table accounts owner to " + TargetPostgres.SCRAM_USER,
        "alter table cards owner to " + TargetPostgres.SCRAM_USER,
        "alter view customer_contacts owner to " + TargetPostgres.SCRAM_USER,
    };

    static MaskingRule column(String id, String table, String column, MaskMethod method) {
        return new MaskingRule(id, table + "." + column, new MaskTarget.Column(new CatalogColumn("public", table, column)), method);
    }

    static MaskingRule content(Detector.Kind kind) {
        return new MaskingRule("content-" + kind.ruleName(), kind.ruleName() + " anywhere",
                new MaskTarget.Content(new Detector.BuiltIn(kind)), new MaskMethod.Redact("[" + kind.ruleName() + "]"));
    }

    /** Column rules for the catalog columns, a name rule for emails, and every built-in detector. */
    static MaskingPolicy policy() {
        List<MaskingRule> rules = new ArrayList<>(columnRules());
        rules.addAll(contentRules());
        return new MaskingPolicy(rules, Map.of());
    }

    static List<MaskingRule> columnRules() {
        return List.of(column("ssn", "customers", "ssn", new MaskMethod.Partial(0, 4, '*')),
                column("pan", "cards", "pan", new MaskMethod.Partial(0, 4, '*')),
                column("iban", "accounts", "iban", new MaskMethod.Redact("XX00XXXX")),
                column("cvv", "cards", "cvv", new MaskMethod.Redact("0")),
                column("balance", "accounts", "balance", new MaskMethod.Redact("0")),
                column("expires", "cards", "expires", new MaskMethod.Redact("x")),
                column("photo", "cards", "photo", new MaskMethod.Redact("x")),
                new MaskingRule("emails", "email columns", new MaskTarget.ColumnName(Pattern.compile("(?i).*e_?mail.*")),
                        new MaskMethod.Redact("<email>")));
    }

    static List<MaskingRule> contentRules() {
        List<MaskingRule> rules = new ArrayList<>();
        for (Detector.Kind kind : Detector.Kind.values()) {
            rules.add(content(kind));
        }
        return rules;
    }

    private MaskedBank() {
    }
}
