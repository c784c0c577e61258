package dev.gatehouse.recording;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The primary key of a recorded statement: its session and its place in it. */
public class StatementKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private UUID sessionId;
    private long sequence;

    protected StatementKey() {
        // for JPA
    }

    public StatementKey(UUID sessionId, long sequence) {
        this.sessionId = sessionId;
        this.sequence = sequence;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatementKey key && sequence == key.sequence && Objects.equals(sessionId, key.sessionId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, sequence);
    }
}
