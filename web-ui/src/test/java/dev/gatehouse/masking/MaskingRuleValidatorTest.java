package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskingRuleValidatorTest {

    private static final MaskingRuleValidator.Lookups STORE = new MaskingRuleValidator.Lookups(
            Set.of("payments")::contains, Set.of("k1")::contains, Set.of("taken")::contains);

    @Test
    void aCatalogColumnRuleWithPartialMaskingIsAccepted() {
        ValidMaskingRule valid = MaskingRuleValidator.validate(draft("ssn-last4", "payments", "column", "public", "customers", "ssn",
                null, null, null, null, "partial", null, null, 4, null, null), STORE);
        assertThat(valid.target()).isEqualTo(new MaskTarget.Column(new CatalogColumn("public", "customers", "ssn")));
        assertThat(valid.method()).isEqualTo(new MaskMethod.Partial(0, 4, '*'));
    }

    @Test
    void detectorsAreBuiltInOrCustomWithALabel() {
        ValidMaskingRule ssn = MaskingRuleValidator.validate(detector("us-ssn", null, null, "redact"), STORE);
        assertThat(ssn.target()).isEqualTo(new MaskTarget.Content(new Detector.BuiltIn(Detector.Kind.US_SSN)));
        assertThat(ssn.method()).isEqualTo(new MaskMethod.Redact(MaskingRuleValidator.DEFAULT_PLACEHOLDER));

        ValidMaskingRule custom = MaskingRuleValidator.validate(detector("custom", "EMP-\\d{6}", "employee-id", "hash"), STORE);
        assertThat(((MaskTarget.Content) custom.target()).detector().name()).isEqualTo("custom:employee-id");
    }

    @Test
    void aBadRegexIsAFieldError() {
        assertError(detector("custom", "EMP-(\\d", "employee-id", "hash"), "customRegex", "not a valid regular expression");
        assertError(draft("by-name", "*", "column_name", null, null, null, "ssn[", null, null, null, "null", null, null, null, null, null),
                "namePattern", "not a valid regular expression");
        assertError(detector("custom", "x*", "anything", "hash"), "customRegex", "empty string");
        assertError(detector("custom", "EMP-\\d+", null, "hash"), "customLabel", "required");
    }

    @Test
    void anUnknownDetectorOrTargetOrMethodIsAFieldError() {
        assertError(detector("passport", null, null, "hash"), "detector", "unknown detector 'passport'");
        assertError(draft("x", "*", "row", null, null, null, null, null, null, null, "hash", null, null, null, null, null), "target", "unknown target");
        assertError(detector("email", null, null, "scramble"), "method", "unknown method 'scramble'");
    }

    @Test
    void parametersMustBelongToTheMethodAndBeWellFormed() {
        assertError(draft("x", "*", "detector", null, null, null, null, "email", null, null, "hash", "###", null, null, null, null),
                "placeholder", "not a parameter of method hash");
        assertError(draft("x", "*", "detector", null, null, null, null, "email", null, null, "redact", null, 2, null, null, null),
                "keepFirst", "not a parameter of method redact");
        assertError(draft("x", "*", "detector", null, null, null, null, "email", null, null, "partial", null, -1, null, null, null),
                "keepFirst", "between 0 and");
        assertError(draft("x", "*", "detector", null, null, null, null, "email", null, null, "partial", null, null, 4, "##", null),
                "maskChar", "exactly one character");
    }

    @Test
    void placeholdersAndMaskCharactersThatWouldBreakJsonArraysOrCopyLinesAreRefused() {
        for (String placeholder : List.of("\"x\"", "a,b", "{}", "back\\slash", "tab\there", "line\nbreak")) {
            assertError(draft("x", "*", "detector", null, null, null, null, "email", null, null, "redact", placeholder, null, null, null, null),
                    "placeholder", "must not contain");
        }
        assertError(draft("x", "*", "detector", null, null, null, null, "email", null, null, "partial", null, null, 4, ",", null),
                "maskChar", "must not be");
    }

    @Test
    void tokenizeNeedsAnActiveKey() {
        assertError(draft("x", "*", "detector", null, null, null, null, "email", null, null, "tokenize", null, null, null, null, null),
                "keyId", "required");
        assertError(draft("x", "*", "detector", null, null, null, null, "email", null, null, "tokenize", null, null, null, null, "k2"),
                "keyId", "no active token key 'k2'");
        assertThat(MaskingRuleValidator.validate(draft("x", "*", "detector", null, null, null, null, "email", null, null, "tokenize", null,
                null, null, null, "k1"), STORE).method()).isEqualTo(new MaskMethod.Tokenize("k1"));
    }

    @Test
    void anIncompleteCatalogColumnNamesEachMissingPart() {
        List<FieldError> errors = errors(draft("x", "*", "column", "public", null, null, null, null, null, null, "null", null, null, null,
                null, null));
        assertThat(errors).extracting(FieldError::field).contains("table", "column").doesNotContain("schema");
    }

    @Test
    void anUnknownConnectionAndATakenNameAreFieldErrors() {
        assertError(draft("x", "nowhere", "detector", null, null, null, null, "email", null, null, "hash", null, null, null, null, null),
                "connection", "no connection named 'nowhere'");
        assertError(draft("taken", "*", "detector", null, null, null, null, "email", null, null, "hash", null, null, null, null, null),
                "name", "already exists");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<FieldError> errors = errors(draft("Bad Name", "nowhere", "detector", null, null, null, null, "passport", null, null, "scramble",
                null, null, null, null, null));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("name", "connection", "detector", "method");
    }

    static MaskingRuleDraft detector(String detector, String regex, String label, String method) {
        return draft("rule", "*", "detector", null, null, null, null, detector, regex, label, method, null, null, null, null, null);
    }

    static MaskingRuleDraft draft(String name, String connection, String target, String schema, String table, String column,
            String namePattern, String detector, String regex, String label, String method, String placeholder, Integer keepFirst,
            Integer keepLast, String maskChar, String keyId) {
        return new MaskingRuleDraft(name, connection, true, List.of(), List.of(), target, schema, table, column, namePattern, detector, regex,
                label, method, placeholder, keepFirst, keepLast, maskChar, keyId, null);
    }

    private static List<FieldError> errors(MaskingRuleDraft draft) {
        try {
            MaskingRuleValidator.validate(draft, STORE);
        } catch (ValidationFailedException e) {
            return e.errors();
        }
        throw new AssertionError("expected the draft to be refused");
    }

    private static void assertError(MaskingRuleDraft draft, String field, String mentions) {
        assertThatThrownBy(() -> MaskingRuleValidator.validate(draft, STORE)).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(e.errors()).as(e.getMessage()).anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo(field);
                    assertThat(error.message()).contains(mentions);
                }));
    }
}
