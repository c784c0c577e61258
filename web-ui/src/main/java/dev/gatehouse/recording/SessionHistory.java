package dev.gatehouse.recording;

import java.util.UUID;

/** Reads the recorded data-path sessions, for the sessions pages and the REST API alike. */
public interface SessionHistory {

    /** Newest first. */
    ResultPage<SessionSummary> sessions(SessionFilter filter, int page, int size);

    /** How many sessions match, without loading any (the UI's paginator asks separately). */
    long count(SessionFilter filter);

    SessionSummary session(UUID id);

    /** In sequence order. */
    ResultPage<RecordedStatement> statements(UUID sessionId, int page, int size);
}
