package dev.gatehouse.proxy.audit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how {@link S3ObjectLockAnchor} stores checkpoints, from the environment
 * (docs/audit-chain.md, "External anchor: S3 Object Lock").
 *
 * @param endpoint        {@code GATEHOUSE_AUDIT_S3_ENDPOINT}: http(s) base URL of any S3-compatible store; requests are path-style
 * @param bucket          {@code GATEHOUSE_AUDIT_S3_BUCKET}: a bucket created with Object Lock enabled
 * @param prefix          {@code GATEHOUSE_AUDIT_S3_PREFIX}, default empty: put before every object name, e.g. {@code gatehouse/audit/}
 * @param region          {@code GATEHOUSE_AUDIT_S3_REGION}, default us-east-1: the region the signature is scoped to
 * @param accessKeyId     {@code GATEHOUSE_AUDIT_S3_ACCESS_KEY_ID}
 * @param secretAccessKey {@code GATEHOUSE_AUDIT_S3_SECRET_ACCESS_KEY}; never printed
 * @param lockMode        {@code GATEHOUSE_AUDIT_S3_LOCK_MODE}, default COMPLIANCE
 * @param retainDays      {@code GATEHOUSE_AUDIT_S3_RETAIN_DAYS}, default 400: how long the store refuses to delete or overwrite
 */
public record S3AnchorSettings(URI endpoint, String bucket, String prefix, String region, String accessKeyId, String secretAccessKey,
        LockMode lockMode, int retainDays) {

    public static final int DEFAULT_RETAIN_DAYS = 400;

    /**
     * COMPLIANCE: nobody, the bucket's root account included, can shorten the retention or delete the
     * version before it ends. GOVERNANCE: users with a special permission can; for trials.
     */
    public enum LockMode { COMPLIANCE, GOVERNANCE }

    /** The settings, or empty when {@code GATEHOUSE_AUDIT_S3_ENDPOINT} is not set (the anchor is off). */
    public static Optional<S3AnchorSettings> from(Map<String, String> env) {
        Optional<String> endpoint = text(env, "GATEHOUSE_AUDIT_S3_ENDPOINT");
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        String bucket = required(env, "GATEHOUSE_AUDIT_S3_BUCKET");
        if (bucket.contains("/")) {
            throw new IllegalArgumentException("GATEHOUSE_AUDIT_S3_BUCKET must be a bucket name without '/'");
        }
        String prefix = text(env, "GATEHOUSE_AUDIT_S3_PREFIX").orElse("");
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("GATEHOUSE_AUDIT_S3_PREFIX must not start with '/' (it is part of the object key)");
        }
        return Optional.of(new S3AnchorSettings(endpoint(endpoint.get()), bucket, prefix,
                text(env, "GATEHOUSE_AUDIT_S3_REGION").orElse("us-east-1"),
                required(env, "GATEHOUSE_AUDIT_S3_ACCESS_KEY_ID"),
                required(env, "GATEHOUSE_AUDIT_S3_SECRET_ACCESS_KEY"),
                lockMode(text(env, "GATEHOUSE_AUDIT_S3_LOCK_MODE").orElse("COMPLIANCE")),
                retainDays(text(env, "GATEHOUSE_AUDIT_S3_RETAIN_DAYS").orElse(String.valueOf(DEFAULT_RETAIN_DAYS)))));
    }

    public S3AnchorSettings {
        if (retainDays < 1 || retainDays > 36500) {
            throw new IllegalArgumentException("the Object Lock retention must be 1 to 36500 days");
        }
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value.replaceAll("/+$", ""));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(value, "not an http(s) base URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            // The value is an address, not a credential: safe to repeat so the operator sees the typo.
            throw new IllegalArgumentException("GATEHOUSE_AUDIT_S3_ENDPOINT must be an http(s) URL such as https://s3.eu-central-1.amazonaws.com"
                    + " (no query, no user info), got '" + value + "'");
        }
    }

    private static LockMode lockMode(String value) {
        try {
            return LockMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEHOUSE_AUDIT_S3_LOCK_MODE must be COMPLIANCE or GOVERNANCE, got '" + value + "'");
        }
    }

    private static int retainDays(String value) {
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= 36500) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("GATEHOUSE_AUDIT_S3_RETAIN_DAYS must be a whole number of days from 1 to 36500, got '" + value + "'");
    }

    private static String required(Map<String, String> env, String name) {
        return text(env, name).orElseThrow(() -> new IllegalArgumentException(name + " must be set when GATEHOUSE_AUDIT_S3_ENDPOINT is"));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        // Records print every component; the secret key must not reach a log line.
        return "S3AnchorSettings[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix + ", region=" + region
                + ", accessKeyId=" + accessKeyId + ", lockMode=" + lockMode + ", retainDays=" + retainDays + "]";
    }
}
