package dev.gatehouse.evidence.dashboard;

import java.time.Instant;

/**
 * One exception as the dashboard lists it: when it happened, who did it (or holds the access), and
 * what it was in a line. Never a statement's text or a value: identifiers, rules and reasons only.
 */
public record ExceptionEntry(Instant at, String who, String what) {
}
