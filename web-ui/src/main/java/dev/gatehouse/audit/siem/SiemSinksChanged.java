package dev.gatehouse.audit.siem;

import java.util.UUID;

/** A sink was created, changed or deleted; after the commit, this node's workers look again at once. */
public record SiemSinksChanged(UUID sinkId) {
}
