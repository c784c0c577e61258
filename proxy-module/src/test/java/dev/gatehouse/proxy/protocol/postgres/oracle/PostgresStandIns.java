package dev.gatehouse.proxy.protocol.postgres.oracle;

import dev.gatehouse.proxy.oracle.SessionEvidence;
import dev.gatehouse.proxy.oracle.StandIns;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ADR 0011's stand-ins: exactly {@code SELECT gatehouse_blocked_<marker>_<n>}, where the marker is
 * one random hexadecimal value for the whole session. The first stand-in of a session fixes its
 * marker; a statement with another marker is the client's own, and a violation.
 */
final class PostgresStandIns implements StandIns {

    private static final Pattern STAND_IN = Pattern.compile("SELECT gatehouse_blocked_([0-9a-f]{1,16})_(\\d{1,9})");
    private final Map<String, String> markers = new HashMap<>();

    @Override
    public int number(SessionEvidence session, String executed) {
        Matcher matcher = STAND_IN.matcher(executed);
        if (!matcher.matches()) {
            return -1;
        }
        String marker = markers.computeIfAbsent(session.name(), name -> matcher.group(1));
        return marker.equals(matcher.group(1)) ? Integer.parseInt(matcher.group(2)) : -1;
    }
}
