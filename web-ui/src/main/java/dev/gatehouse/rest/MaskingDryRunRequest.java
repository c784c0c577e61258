package dev.gatehouse.rest;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.masking.MaskingDryRun.SampleColumn;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.masking.CatalogColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /masking-rules/dry-run. */
@Schema(name = "MaskingDryRunRequest", description = "One result row to mask as the data path would, for an identity on a connection;"
        + " nothing is stored or recorded")
public class MaskingDryRunRequest {

    @Schema(description = "The connection whose rules apply", required = true, example = "payments-prod")
    public String connection;

    @Schema(description = "Whom to mask for; omitted: the caller")
    public DryRunIdentity identity;

    @Schema(description = "The row's columns, each with its value in PostgreSQL text format", required = true)
    public List<DryRunColumn> columns;

    @Schema(name = "MaskingDryRunIdentity")
    public static class DryRunIdentity {

        @Schema(description = "Username (rules and grants may name it)", example = "eve")
        public String username;

        @Schema(description = "IdP subject (grants may name it)")
        public String subject;

        @Schema(description = "Realm roles", example = "[\"gatehouse-user\"]")
        public List<String> roles;
    }

    @Schema(name = "MaskingDryRunColumn")
    public static class DryRunColumn {

        @Schema(description = "The result column's name as the client sees it", required = true, example = "ssn")
        public String name;

        @Schema(description = "PostgreSQL type name", defaultValue = "text", example = "varchar")
        public String type;

        @Schema(description = "The catalog column the result column comes from, if any", example = "public")
        public String schema;

        @Schema(example = "customers")
        public String table;

        @Schema(example = "ssn")
        public String column;

        @Schema(description = "The value in text format; null for SQL NULL", example = "123-45-6789")
        public String value;
    }

    Identity identityOr(Identity caller) {
        if (identity == null) {
            return caller;
        }
        String username = identity.username == null || identity.username.isBlank() ? "dry-run" : identity.username.trim();
        String subject = identity.subject == null || identity.subject.isBlank() ? "dry-run:" + username : identity.subject.trim();
        return new Identity(subject, username, null, IdentityKind.HUMAN, identity.roles == null ? Set.of() : Set.copyOf(identity.roles),
                Set.of(), null, null, null, "dry-run");
    }

    List<SampleColumn> sampleColumns() {
        if (columns == null) {
            return List.of();
        }
        List<SampleColumn> samples = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            DryRunColumn c = columns.get(i);
            if (c == null) {
                throw new ValidationFailedException(List.of(new FieldError("columns[" + i + "]", "is empty")));
            }
            boolean anyOrigin = c.schema != null || c.table != null || c.column != null;
            if (anyOrigin && (c.schema == null || c.table == null || c.column == null)) {
                throw new ValidationFailedException(List.of(new FieldError("columns[" + i + "]",
                        "a catalog origin needs schema, table and column")));
            }
            samples.add(new SampleColumn(c.name, c.type, anyOrigin ? new CatalogColumn(c.schema, c.table, c.column) : null, c.value));
        }
        return samples;
    }
}
