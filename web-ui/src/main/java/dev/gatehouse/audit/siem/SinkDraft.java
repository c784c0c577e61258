package dev.gatehouse.audit.siem;

/**
 * A sink as an admin asks for it, not yet checked. A blank token means "keep the stored one".
 *
 * @param startAt "beginning" (default) or "now"; only when creating
 */
public record SinkDraft(String name, String format, String transport, String endpoint, String token, boolean clearToken, Boolean enabled,
        String startAt, String tlsCaCertificate) {

    public boolean tokenGiven() {
        return token != null && !token.isEmpty();
    }

    @Override
    public String toString() {
        // Records print every component: the token must not reach a log line or an exception.
        return "SinkDraft[name=" + name + ", format=" + format + ", transport=" + transport + ", endpoint=" + endpoint + ", token="
                + (tokenGiven() ? "(given)" : "(kept)") + ", clearToken=" + clearToken + ", enabled=" + enabled + ", startAt=" + startAt + "]";
    }
}
