package dev.gatehouse.rest;

import dev.gatehouse.catalog.ConnectionDraft;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST and PUT /connections. A class with public fields rather than a record: Payara's
 * OpenAPI generator reads {@code @Schema} on fields but fails on record accessor methods.
 */
@Schema(name = "ConnectionRequest", description = "A protected target system to register or change")
public class ConnectionRequest {

    @Schema(description = "Unique name; clients use it as the database user on the gateway", example = "payments-prod", required = true)
    public String name;

    @Schema(description = "Target type", enumeration = {"postgres"}, required = true)
    public String type;

    @Schema(required = true, example = "db.internal")
    public String host;

    @Schema(required = true, example = "5432", minimum = "1", maximum = "65535")
    public Integer port;

    @Schema(description = "Database name (postgres)")
    public String database;

    @Schema(description = "Account the gateway uses on the target")
    public String username;

    @Schema(description = "Password the gateway uses on the target. Write-only: never returned. Omit to keep the stored one.", writeOnly = true)
    public String secret;

    @Schema(description = "Remove the stored secret")
    public Boolean clearSecret;

    @Schema(description = "TLS towards the target (libpq sslmode names)", enumeration = {"disable", "prefer", "require", "verify-ca", "verify-full"}, defaultValue = "prefer")
    public String tlsMode;

    @Schema(description = "Refuse clients that do not use TLS towards the gateway, even on loopback", defaultValue = "false")
    public Boolean requireClientTls;

    @Schema(description = "Refuse new sessions and statements while the audit store cannot record them (fail-closed)", defaultValue = "true")
    public Boolean auditFailClosed;

    @Schema(description = "Refuse sessions to anyone without a live just-in-time access grant (POST /api/v1/approvals)", defaultValue = "false")
    public Boolean requiresJit;

    @Schema(description = "Free-form key=value labels, e.g. env=prod")
    public Map<String, String> labels;

    @Schema(description = "Realm roles, groups or agent clients allowed to use this connection; empty means nobody")
    public Set<String> allowedRoles;

    @Schema(description = "Startup parameters (and settings inside options) clients may send beyond the harmless ones"
            + " (application_name, client_encoding UTF8, DateStyle, TimeZone, extra_float_digits, IntervalStyle, ...); options is one such name",
            example = "[\"options\", \"statement_timeout\"]")
    public Set<String> allowedStartupParameters;

    ConnectionDraft toDraft() {
        return new ConnectionDraft(name, type, host, port, database, username, secret, Boolean.TRUE.equals(clearSecret),
                tlsMode, Boolean.TRUE.equals(requireClientTls), labels, allowedRoles, !Boolean.FALSE.equals(auditFailClosed),
                Boolean.TRUE.equals(requiresJit), allowedStartupParameters);
    }

    @Override
    public String toString() {
        return toDraft().toString();
    }
}
