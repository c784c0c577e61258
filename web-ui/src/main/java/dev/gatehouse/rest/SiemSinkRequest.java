package dev.gatehouse.rest;

import dev.gatehouse.audit.siem.SinkDraft;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST and PUT /audit/sinks. A class with public fields rather than a record: Payara's
 * OpenAPI generator reads {@code @Schema} on fields but fails on record accessor methods.
 */
@Schema(name = "SiemSinkRequest", description = "A SIEM sink to create or change (docs/siem.md)")
public class SiemSinkRequest {

    @Schema(description = "Unique name", example = "splunk-prod", required = true)
    public String name;

    @Schema(required = true, enumeration = {"ndjson", "ocsf", "hec", "cef"},
            description = "ndjson and ocsf go over file or http, hec over http, cef over tcp, tls or file")
    public String format;

    @Schema(required = true, enumeration = {"file", "http", "tcp", "tls"})
    public String transport;

    @Schema(required = true, example = "https://splunk.example.com:8088/services/collector/event",
            description = "file: a file name inside GATEHOUSE_SIEM_FILE_DIR; http: an http(s) URL without credentials; tcp and tls: host:port")
    public String endpoint;

    @Schema(description = "http only: sent as 'Authorization: Splunk <token>' (hec, required) or 'Authorization: Bearer <token>'."
            + " Write-only: never returned. Omit to keep the stored one.", writeOnly = true)
    public String token;

    @Schema(description = "Remove the stored token")
    public Boolean clearToken;

    @Schema(description = "Disabled sinks keep their cursor and resume from it when enabled again", defaultValue = "true")
    public Boolean enabled;

    @Schema(description = "On create only: beginning (every event in the chain) or now (events after the newest one)",
            enumeration = {"beginning", "now"}, defaultValue = "beginning")
    public String startAt;

    @Schema(description = "PEM CA certificate(s) to trust instead of the JVM trust store, for tls sinks and https endpoints")
    public String tlsCaCertificate;

    SinkDraft toDraft() {
        return new SinkDraft(name, format, transport, endpoint, token, Boolean.TRUE.equals(clearToken), enabled, startAt, tlsCaCertificate);
    }

    @Override
    public String toString() {
        return toDraft().toString();
    }
}
