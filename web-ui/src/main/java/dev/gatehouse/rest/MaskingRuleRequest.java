package dev.gatehouse.rest;

import dev.gatehouse.masking.MaskingRuleDraft;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST and PUT /masking-rules: what to mask, how, where and for whom. Public fields for Payara's OpenAPI generator. */
@Schema(name = "MaskingRuleRequest", description = "A masking rule to create or replace. Give the fields of the chosen target and method"
        + " only; fields of another target or method are refused.")
public class MaskingRuleRequest {

    @Schema(description = "Unique; shown in statement evidence", example = "ssn-last4", required = true)
    public String name;

    @Schema(description = "A connection's name, or * for every connection", defaultValue = "*", example = "payments-prod")
    public String connection;

    @Schema(description = "Disabled rules are kept but not applied", defaultValue = "true")
    public Boolean enabled;

    @Schema(description = "Realm roles the rule applies to; with identities both empty: everyone", example = "[\"gatehouse-user\"]")
    public List<String> roles;

    @Schema(description = "Usernames, IdP subjects or agent client ids the rule applies to", example = "[\"eve\"]")
    public List<String> identities;

    @Schema(required = true, enumeration = {"column", "column_name", "detector"})
    public String target;

    @Schema(description = "target column: the catalog column's schema", example = "public")
    public String schema;

    @Schema(description = "target column: its table or view", example = "customers")
    public String table;

    @Schema(description = "target column: the column", example = "ssn")
    public String column;

    @Schema(description = "target column_name: a Java regular expression the whole result column name must match; (?i) for any case",
            example = "(?i).*(ssn|iban).*")
    public String namePattern;

    @Schema(description = "target detector: us-ssn, payment-card, iban, email, phone, us-routing-number or custom", example = "us-ssn")
    public String detector;

    @Schema(description = "detector custom: the Java regular expression every match of which is masked", example = "EMP-\\d{6}")
    public String customRegex;

    @Schema(description = "detector custom: its name in evidence (custom:<label>)", example = "employee-id")
    public String customLabel;

    @Schema(required = true, enumeration = {"redact", "partial", "tokenize", "null", "hash"})
    public String method;

    @Schema(description = "method redact: the text that replaces the value", defaultValue = "****")
    public String placeholder;

    @Schema(description = "method partial: characters kept at the start", defaultValue = "0")
    public Integer keepFirst;

    @Schema(description = "method partial: characters kept at the end", defaultValue = "4 (0 when keepFirst is given)")
    public Integer keepLast;

    @Schema(description = "method partial: the character that replaces the others", defaultValue = "*")
    public String maskChar;

    @Schema(description = "method tokenize: the id of an active key under masking-keys", example = "tokens-2026")
    public String keyId;

    @Schema(description = "1-based place in the order rules are applied; omitted: at the end (new) or unchanged")
    public Integer position;

    MaskingRuleDraft toDraft() {
        return new MaskingRuleDraft(name, connection, enabled, roles, identities, target, schema, table, column, namePattern, detector,
                customRegex, customLabel, method, placeholder, keepFirst, keepLast, maskChar, keyId, position);
    }
}
