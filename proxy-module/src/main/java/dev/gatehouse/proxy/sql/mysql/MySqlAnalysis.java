package dev.gatehouse.proxy.sql.mysql;

import dev.gatehouse.proxy.sql.SqlAnalysis;

/**
 * A query string as the target will read it, and what it leaves behind for the next one.
 *
 * @param analysis      the statements, or why the gateway cannot read the string (guardrails refuse it)
 * @param readingAfter  how the target reads the session's next string if this one runs to the end
 *                      (a {@code SET sql_mode = 'ANSI_QUOTES'} inside it changes it)
 * @param pinnedRefusal a change the gateway never lets through, guarded connection or not: the
 *                      client character set to a multi-byte set, an sql_mode it cannot follow.
 *                      Null when there is none. The session refuses the whole string.
 */
public record MySqlAnalysis(SqlAnalysis analysis, MySqlReading readingAfter, String pinnedRefusal) {
}
