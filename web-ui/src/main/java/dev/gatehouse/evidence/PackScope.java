package dev.gatehouse.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What an evidence pack covers: the half-open period [from, to), the connections (by name, or by
 * label "key=value"; both empty means every connection) and the controls in scope.
 */
public record PackScope(Instant from, Instant to, List<String> connections, List<String> labels, Set<FfiecControl> controls) {

    public PackScope {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        connections = List.copyOf(connections);
        labels = List.copyOf(labels);
        controls = controls.isEmpty() ? Set.of(FfiecControl.values()) : Set.copyOf(controls);
    }

    public boolean allConnections() {
        return connections.isEmpty() && labels.isEmpty();
    }

    public boolean includes(FfiecControl control) {
        return controls.contains(control);
    }
}
