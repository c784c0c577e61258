package dev.gatehouse.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret of this application instance's routing probe: a random value made at start and never
 * shown. Only a request that carries it gets an answer from the probe route, so the route tells an
 * outsider nothing (it answers 404 like an unknown path) while the readiness check proves with it
 * that the answer came through this instance's REST stack.
 */
@ApplicationScoped
public class RoutingProbe {

    public static final String HEADER = "X-Gatehouse-Routing-Probe";

    private final String secret;

    public RoutingProbe() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        this.secret = HexFormat.of().formatHex(bytes);
    }

    String secret() {
        return secret;
    }

    /** Whether {@code presented} is this instance's secret (compared in constant time). */
    public boolean accepts(String presented) {
        return presented != null
                && MessageDigest.isEqual(secret.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
