package dev.gatehouse.ui;

import dev.gatehouse.catalog.ConnectionCatalog;
import dev.gatehouse.catalog.ConnectionDraft;
import dev.gatehouse.catalog.ConnectionNotFoundException;
import dev.gatehouse.catalog.ConnectionTestResult;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Backs connection-edit.xhtml, for new and existing connections. The secret field starts empty
 * and is never filled from storage: leaving it empty keeps the stored secret.
 */
@Named
@ViewScoped
public class ConnectionEditPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ConnectionCatalog catalog;

    private String id;
    private boolean loaded;
    private String name;
    private String type = ConnectionType.POSTGRES.wireName();
    private String host = "localhost";
    private Integer port = ConnectionType.POSTGRES.defaultPort();
    private String database;
    private String username;
    private String secret;
    private boolean clearSecret;
    private boolean secretSet;
    private String tlsMode = TlsMode.PREFER.wireName();
    private boolean requireClientTls;
    private boolean auditFailClosed = true;
    private boolean requiresJit;
    private String labels;
    private String allowedRoles;
    private String allowedStartupParameters;
    private ConnectionTestResult lastTest;

    /** Called from f:viewAction; loads once per view so a failed save keeps what was typed. */
    public String load() {
        if (loaded || id == null || id.isBlank()) {
            loaded = true;
            return null;
        }
        try {
            TargetConnection c = catalog.get(UUID.fromString(id));
            name = c.name();
            type = c.type().wireName();
            host = c.host();
            port = c.port();
            database = c.database();
            username = c.username();
            secretSet = c.secretSet();
            tlsMode = c.tlsMode().wireName();
            requireClientTls = c.requireClientTls();
            auditFailClosed = c.auditFailClosed();
            requiresJit = c.requiresJit();
            labels = String.join(", ", c.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
            allowedRoles = String.join(", ", new TreeSet<>(c.allowedRoles()));
            allowedStartupParameters = String.join(", ", new TreeSet<>(c.allowedStartupParameters()));
            loaded = true;
            return null;
        } catch (IllegalArgumentException | ConnectionNotFoundException e) {
            Messages.error("Connection not found", "It may have been deleted.");
            return "connections?faces-redirect=true";
        }
    }

    public String save() {
        try {
            TargetConnection saved = isNew() ? catalog.create(draft()) : catalog.update(UUID.fromString(id), draft());
            Messages.info("Saved", "Connection " + saved.name() + " was " + (isNew() ? "created" : "updated") + ".");
            return "connections?faces-redirect=true";
        } catch (ValidationFailedException invalid) {
            showFieldErrors(invalid.errors());
            return null;
        }
    }

    public void test() {
        try {
            lastTest = catalog.testDraft(draft(), isNew() ? null : UUID.fromString(id));
            Messages.outcome(lastTest.success(), "Connection test", lastTest.message());
        } catch (ValidationFailedException invalid) {
            lastTest = null;
            showFieldErrors(invalid.errors());
        }
    }

    private void showFieldErrors(List<FieldError> errors) {
        for (FieldError error : errors) {
            Messages.field("form:" + error.field(), fieldLabel(error.field()) + " " + error.message());
        }
    }

    private static String fieldLabel(String field) {
        return switch (field) {
            case "tlsMode" -> "TLS mode";
            case "allowedRoles" -> "Allowed roles";
            case "allowedStartupParameters" -> "Allowed startup parameters";
            default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
        };
    }

    private ConnectionDraft draft() {
        return new ConnectionDraft(name, type, host, port, database, username, secret == null || secret.isEmpty() ? null : secret,
                clearSecret, tlsMode, requireClientTls, parseLabels(labels), parseList(allowedRoles), auditFailClosed,
                requiresJit, new java.util.TreeSet<>(parseList(allowedStartupParameters).stream()
                        .map(name -> name.toLowerCase(java.util.Locale.ROOT)).toList()));
    }

    static Map<String, String> parseLabels(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : parseList(text)) {
            int eq = pair.indexOf('=');
            // A label without '=' is kept with an empty value so the validator names it instead of it vanishing.
            result.put(eq < 0 ? pair : pair.substring(0, eq).trim(), eq < 0 ? "" : pair.substring(eq + 1).trim());
        }
        return result;
    }

    static Set<String> parseList(String text) {
        Set<String> items = new TreeSet<>();
        if (text != null) {
            Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        }
        return items;
    }

    public boolean isNew() {
        return id == null || id.isBlank();
    }

    public List<String> getTypes() {
        return Arrays.stream(ConnectionType.values()).filter(ConnectionType::supported).map(ConnectionType::wireName).toList();
    }

    public List<String> getTlsModes() {
        return Arrays.stream(TlsMode.values()).map(TlsMode::wireName).toList();
    }

    public ConnectionTestResult getLastTest() {
        return lastTest;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** Always empty: the stored secret is never sent to the browser. */
    public String getSecret() {
        return null;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public boolean isClearSecret() {
        return clearSecret;
    }

    public void setClearSecret(boolean clearSecret) {
        this.clearSecret = clearSecret;
    }

    public boolean isSecretSet() {
        return secretSet;
    }

    public String getTlsMode() {
        return tlsMode;
    }

    public void setTlsMode(String tlsMode) {
        this.tlsMode = tlsMode;
    }

    public boolean isAuditFailClosed() {
        return auditFailClosed;
    }

    public void setAuditFailClosed(boolean auditFailClosed) {
        this.auditFailClosed = auditFailClosed;
    }

    public boolean isRequiresJit() {
        return requiresJit;
    }

    public void setRequiresJit(boolean requiresJit) {
        this.requiresJit = requiresJit;
    }

    public String getAllowedStartupParameters() {
        return allowedStartupParameters;
    }

    public void setAllowedStartupParameters(String allowedStartupParameters) {
        this.allowedStartupParameters = allowedStartupParameters;
    }

    public boolean isRequireClientTls() {
        return requireClientTls;
    }

    public void setRequireClientTls(boolean requireClientTls) {
        this.requireClientTls = requireClientTls;
    }

    public String getLabels() {
        return labels;
    }

    public void setLabels(String labels) {
        this.labels = labels;
    }

    public String getAllowedRoles() {
        return allowedRoles;
    }

    public void setAllowedRoles(String allowedRoles) {
        this.allowedRoles = allowedRoles;
    }
}
