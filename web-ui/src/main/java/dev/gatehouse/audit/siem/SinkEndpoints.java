package dev.gatehouse.audit.siem;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sink's endpoint for its transport. Each method throws IllegalArgumentException with a
 * message that completes "endpoint ..." for a field error.
 */
public final class SinkEndpoints {

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]{1,253}):(\\d{1,5})");

    /** A host and port of a syslog collector. */
    public record HostPort(String host, int port) {
    }

    private SinkEndpoints() {
    }

    /**
     * A file inside the export directory: a relative path is resolved against it, an absolute one must
     * lie in it, so a sink can never append to arbitrary files of the gateway's account.
     */
    public static Path file(String endpoint, Path directory) {
        if (endpoint == null || endpoint.isBlank() || endpoint.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("must be a file name inside " + directory);
        }
        try {
            Path base = directory.toAbsolutePath().normalize();
            Path file = base.resolve(endpoint.trim()).normalize();
            if (!file.startsWith(base) || file.equals(base)) {
                throw new IllegalArgumentException("must be a file inside " + base + " (GATEHOUSE_SIEM_FILE_DIR)");
            }
            return file;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid file name");
        }
    }

    /** An http or https URL without credentials in it: the token field is the only place for those. */
    public static URI http(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint == null ? "" : endpoint.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not contain credentials; put the token in the token field");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a #fragment");
        }
        return uri;
    }

    /** host:port, with an IPv6 address in brackets. */
    public static HostPort hostPort(String endpoint) {
        Matcher m = HOST_PORT.matcher(endpoint == null ? "" : endpoint.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be host:port, e.g. siem.example.com:6514");
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
        String host = m.group(1);
        return new HostPort(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
    }
}
