package dev.gatehouse.proxy.sql;

/**
 * What a statement (or a part of one, such as a DELETE inside a CTE) does, as guardrail rules
 * name it. DDL classes are qualified by an {@link ObjectKind}.
 */
public enum StatementClass {
    SELECT(Category.READ),
    INSERT(Category.WRITE),
    UPDATE(Category.WRITE),
    DELETE(Category.WRITE),
    MERGE(Category.WRITE),
    TRUNCATE(Category.WRITE),
    COPY(Category.WRITE),
    CREATE(Category.DDL),
    ALTER(Category.DDL),
    DROP(Category.DDL),
    GRANT(Category.DCL),
    REVOKE(Category.DCL),
    /** CREATE/ALTER ROLE and role settings; DROP ROLE is {@link #DROP} of kind ROLE. */
    ALTER_ROLE(Category.DCL),
    CALL(Category.CODE),
    /** An anonymous code block: its procedural body is opaque to the gateway. */
    DO(Category.CODE),
    SET(Category.SESSION),
    SHOW(Category.READ),
    EXPLAIN(Category.READ),
    TRANSACTION(Category.SESSION),
    PREPARE(Category.SESSION),
    EXECUTE(Category.SESSION),
    DEALLOCATE(Category.SESSION),
    /** DECLARE, FETCH, MOVE and CLOSE of cursors. */
    CURSOR(Category.SESSION),
    LISTEN_NOTIFY(Category.SESSION),
    LOCK(Category.OTHER),
    /** VACUUM, ANALYZE, CLUSTER, REINDEX, CHECKPOINT, REFRESH MATERIALIZED VIEW. */
    MAINTENANCE(Category.OTHER),
    /** DISCARD, LOAD, and everything else PostgreSQL accepts that no class above names. */
    OTHER(Category.OTHER);

    /** Coarse groups, for people reading rules and reports. */
    public enum Category { READ, WRITE, DDL, DCL, CODE, SESSION, OTHER }

    private final Category category;

    StatementClass(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
