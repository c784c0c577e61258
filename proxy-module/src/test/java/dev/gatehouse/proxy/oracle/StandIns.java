package dev.gatehouse.proxy.oracle;

/** Recognises the gateway's own stand-ins for denied statements in one protocol's log (ADR 0011). */
public interface StandIns {

    /**
     * The stand-in's number within its session when {@code executed} is exactly one of the
     * gateway's stand-ins for that session, else -1. An implementation checks the exact form, not a
     * loose pattern: a client's own statement that merely looks similar must not be excused.
     */
    int number(SessionEvidence session, String executed);
}
