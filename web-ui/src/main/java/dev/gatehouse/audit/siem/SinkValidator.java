package dev.gatehouse.audit.siem;

import dev.gatehouse.audit.siem.transport.TrustMaterial;
import dev.gatehouse.catalog.FieldError;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a sink draft field by field; every message completes the field's name. */
public final class SinkValidator {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final int MAX_TOKEN = 4096;
    private static final int MAX_CA_PEM = 65_536;

    private SinkValidator() {
    }

    /**
     * @param creating    whether the sink is new (startAt is only accepted then)
     * @param tokenStored whether the existing sink has a token that the draft would keep
     */
    public static List<FieldError> check(SinkDraft draft, boolean creating, boolean tokenStored, Path fileDirectory) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || draft.name().isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (!NAME.matcher(draft.name()).matches()) {
            errors.add(new FieldError("name", "must be 1-63 characters of a-z, 0-9, '_', '.', '-' and start with a letter or digit"));
        }
        SinkFormat format = choice(errors, "format", draft.format(), SinkFormat.fromWireName(draft.format()).orElse(null), SinkFormat.names());
        SinkTransportKind transport = choice(errors, "transport", draft.transport(),
                SinkTransportKind.fromWireName(draft.transport()).orElse(null), SinkTransportKind.names());
        if (format != null && transport != null && !format.fits(transport)) {
            errors.add(new FieldError("transport", "format " + format.wireName() + " is sent over "
                    + format.transports().stream().map(SinkTransportKind::wireName).sorted().collect(Collectors.joining(", ")) + ", not "
                    + transport.wireName()));
        }
        URI http = transport == null ? null : endpoint(errors, draft.endpoint(), transport, fileDirectory);
        checkToken(errors, draft, format, transport, tokenStored);
        checkCaCertificate(errors, draft.tlsCaCertificate(), transport, http);
        if (draft.startAt() != null && !draft.startAt().isEmpty()) {
            if (!creating) {
                errors.add(new FieldError("startAt", "can only be given when the sink is created"));
            } else if (!draft.startAt().equals("beginning") && !draft.startAt().equals("now")) {
                errors.add(new FieldError("startAt", "must be beginning or now"));
            }
        }
        return errors;
    }

    private static <T> T choice(List<FieldError> errors, String field, String given, T parsed, String allowed) {
        if (given == null || given.isEmpty()) {
            errors.add(new FieldError(field, "is required; one of " + allowed));
        } else if (parsed == null) {
            errors.add(new FieldError(field, "unknown " + field + " '" + given + "'; one of " + allowed));
        }
        return parsed;
    }

    /** Returns the URL of an http endpoint, for the CA check. */
    private static URI endpoint(List<FieldError> errors, String endpoint, SinkTransportKind transport, Path fileDirectory) {
        if (endpoint == null || endpoint.isBlank()) {
            errors.add(new FieldError("endpoint", "is required"));
            return null;
        }
        try {
            return switch (transport) {
                case FILE -> {
                    SinkEndpoints.file(endpoint, fileDirectory);
                    yield null;
                }
                case HTTP -> SinkEndpoints.http(endpoint);
                case TCP, TLS -> {
                    SinkEndpoints.hostPort(endpoint);
                    yield null;
                }
            };
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("endpoint", e.getMessage()));
            return null;
        }
    }

    private static void checkToken(List<FieldError> errors, SinkDraft draft, SinkFormat format, SinkTransportKind transport, boolean tokenStored) {
        if (draft.tokenGiven()) {
            if (draft.clearToken()) {
                errors.add(new FieldError("token", "cannot be replaced and cleared in the same request"));
            } else if (draft.token().length() > MAX_TOKEN) {
                errors.add(new FieldError("token", "must be at most " + MAX_TOKEN + " characters"));
            } else if (draft.token().chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
                // It travels in an HTTP header: no spaces, no control characters, no header injection.
                errors.add(new FieldError("token", "must not contain spaces or control characters"));
            }
        }
        boolean tokenAfter = draft.tokenGiven() || (tokenStored && !draft.clearToken());
        if (transport != null && transport != SinkTransportKind.HTTP && draft.tokenGiven()) {
            errors.add(new FieldError("token", "is only sent by http sinks"));
        }
        if (format == SinkFormat.HEC && !tokenAfter) {
            errors.add(new FieldError("token", "is required for hec (the HEC token)"));
        }
    }

    private static void checkCaCertificate(List<FieldError> errors, String pem, SinkTransportKind transport, URI http) {
        if (pem == null || pem.isBlank()) {
            return;
        }
        boolean https = http != null && "https".equalsIgnoreCase(http.getScheme());
        if (transport != null && transport != SinkTransportKind.TLS && !https) {
            errors.add(new FieldError("tlsCaCertificate", "is only used by tls sinks and https endpoints"));
            return;
        }
        if (pem.length() > MAX_CA_PEM) {
            errors.add(new FieldError("tlsCaCertificate", "must be at most " + MAX_CA_PEM + " characters"));
            return;
        }
        try {
            TrustMaterial.certificates(pem);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("tlsCaCertificate", e.getMessage()));
        }
    }
}
