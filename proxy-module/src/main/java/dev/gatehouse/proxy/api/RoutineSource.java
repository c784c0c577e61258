package dev.gatehouse.proxy.api;

/**
 * A function or procedure as the target's catalog holds it, for judging a call by what it runs.
 *
 * @param schema     its schema
 * @param name       its name
 * @param language   {@code pg_language.lanname}: sql, plpgsql, internal, c, plpython3u ...
 * @param definition {@code pg_get_functiondef}: the whole CREATE statement, or null where PostgreSQL
 *                   has none (aggregates)
 */
public record RoutineSource(String schema, String name, String language, String definition) {
}
