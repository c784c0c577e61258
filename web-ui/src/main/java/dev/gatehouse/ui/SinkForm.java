package dev.gatehouse.ui;

import dev.gatehouse.audit.siem.SiemSink;
import dev.gatehouse.audit.siem.SinkDraft;
import java.io.Serializable;

/**
 * The add/edit form of siem.xhtml. The token field starts empty and is never filled from the store:
 * left empty on edit, the stored token stays.
 */
public class SinkForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String id;
    private String name;
    private String format = "ndjson";
    private String transport = "http";
    private String endpoint;
    private String token;
    private boolean clearToken;
    private boolean tokenSet;
    private boolean enabled = true;
    private String startAt = "beginning";
    private String tlsCaCertificate;

    static SinkForm of(SiemSink sink) {
        SinkForm form = new SinkForm();
        form.id = sink.id().toString();
        form.name = sink.name();
        form.format = sink.format().wireName();
        form.transport = sink.transport().wireName();
        form.endpoint = sink.endpoint();
        form.tokenSet = sink.tokenSet();
        form.enabled = sink.enabled();
        form.tlsCaCertificate = sink.tlsCaCertificate();
        return form;
    }

    SinkDraft toDraft() {
        return new SinkDraft(name, format, transport, endpoint, token, clearToken, enabled, id == null ? startAt : null, tlsCaCertificate);
    }

    public boolean isCreating() {
        return id == null;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Always empty when the form is shown: the token is write-only. */
    public String getToken() {
        return null;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public boolean isClearToken() {
        return clearToken;
    }

    public void setClearToken(boolean clearToken) {
        this.clearToken = clearToken;
    }

    public boolean isTokenSet() {
        return tokenSet;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getStartAt() {
        return startAt;
    }

    public void setStartAt(String startAt) {
        this.startAt = startAt;
    }

    public String getTlsCaCertificate() {
        return tlsCaCertificate;
    }

    public void setTlsCaCertificate(String tlsCaCertificate) {
        this.tlsCaCertificate = tlsCaCertificate;
    }
}
