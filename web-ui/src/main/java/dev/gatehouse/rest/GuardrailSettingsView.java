package dev.gatehouse.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A connection's guardrail settings; also the body of PUT /guardrails/settings/{connection}. */
@Schema(name = "GuardrailSettings", description = "allowUnparseable lets statements PostgreSQL's parser refuses through with an alert"
        + " instead of denying them (default false: fail closed)")
public class GuardrailSettingsView {

    public String connection;

    public Boolean allowUnparseable;

    public GuardrailSettingsView() {
        // for JSON-B
    }

    GuardrailSettingsView(String connection, boolean allowUnparseable) {
        this.connection = connection;
        this.allowUnparseable = allowUnparseable;
    }
}
