package dev.gatehouse.recording;

import dev.gatehouse.audit.Actor;

/**
 * What a statement's or an end's audit row needs from its session: those events carry only the
 * session id, and the audit trail must still answer "who, where, on what" on its own.
 */
record SessionFacts(Actor actor, String connectionName) {
}
