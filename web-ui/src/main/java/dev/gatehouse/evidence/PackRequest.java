package dev.gatehouse.evidence;

import java.time.Instant;
import java.util.List;

/**
 * What an auditor asked for, before it is checked: the period [from, to), connection names,
 * labels as "key=value", and control ids ("C7"); a null list of controls means all of them.
 */
public record PackRequest(Instant from, Instant to, List<String> connections, List<String> labels, List<String> controls) {

    public PackRequest {
        connections = connections == null ? List.of() : connections.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
        labels = labels == null ? List.of() : labels.stream().filter(l -> l != null && !l.isBlank()).map(String::strip).toList();
        controls = controls == null ? null : controls.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
    }
}
