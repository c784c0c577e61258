package dev.gatehouse.bench.mysqlparsers;

import java.util.Locale;

/**
 * One coarse vocabulary for statement kinds, the one guardrail rules decide on (Gatehouse's
 * StatementClass plus MySQL's own: LOAD, HANDLER, KILL, USE). The server's kinds
 * (performance_schema's statement/sql/&lt;kind&gt;) and each candidate's class names are mapped onto
 * it, so "insert_select" and "MySqlInsertStatement" compare equal.
 */
final class Kinds {

    /** EXPLAIN and DESCRIBE: performance_schema names an EXPLAIN by the statement it explains, so it matches any kind. */
    static final String EXPLAIN = "EXPLAIN";

    private Kinds() {
    }

    /** The server's kind, from {@code statement/sql/<kind>}. */
    static String ofServer(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "select", "do" -> "SELECT";
            case "insert", "insert_select", "replace", "replace_select" -> "INSERT";
            case "update", "update_multi" -> "UPDATE";
            case "delete", "delete_multi" -> "DELETE";
            case "truncate" -> "TRUNCATE";
            case "load" -> "LOAD";
            case "create_user", "alter_user", "rename_user", "create_role" -> "ALTER_ROLE";
            case "drop_user", "drop_role" -> "DROP";
            case "grant", "grant_role" -> "GRANT";
            case "revoke", "revoke_all", "revoke_role" -> "REVOKE";
            case "rename_table" -> "ALTER";
            case "set_option" -> "SET";
            case "help" -> "SHOW";
            case "begin", "commit", "rollback", "savepoint", "rollback_to_savepoint", "release_savepoint" -> "TRANSACTION";
            case "lock_tables", "unlock_tables" -> "LOCK";
            case "prepare_sql" -> "PREPARE";
            case "execute_sql", "execute_immediate" -> "EXECUTE";
            case "dealloc_sql" -> "DEALLOCATE";
            case "call_procedure" -> "CALL";
            case "compound_sql" -> "DO";
            case "ha_open", "ha_read", "ha_close" -> "HANDLER";
            case "kill" -> "KILL";
            case "change_db" -> "USE";
            case "optimize", "analyze", "check", "repair", "flush", "reset", "purge", "purge_before_date" -> "MAINTENANCE";
            default -> k.startsWith("create_") ? "CREATE" : k.startsWith("alter_") ? "ALTER" : k.startsWith("drop_") ? "DROP"
                    : k.startsWith("show_") ? "SHOW" : k.startsWith("xa_") ? "TRANSACTION" : "OTHER";
        };
    }

    /**
     * A parser's statement class name ("MySqlInsertStatement", "SQLDropTableStatement", "CreateTable",
     * Calcite's "DROP_TABLE") onto the coarse kinds, by the words it starts with.
     */
    static String ofClassName(String className) {
        String n = className.replace("_", "").replaceFirst("(?i)^(mysql|sql)", "").replaceFirst("Statement$", "")
                .replaceFirst("Stmt$", "").toLowerCase(Locale.ROOT);
        if (n.startsWith("select") || n.startsWith("plainselect") || n.startsWith("setoperationlist") || n.startsWith("parenthesedselect")
                || n.startsWith("withitem") || n.equals("values") || n.equals("orderby") || n.equals("union") || n.equals("do")) {
            return "SELECT";
        }
        if (n.startsWith("insert") || n.startsWith("replace") || n.startsWith("upsert")) {
            return "INSERT";
        }
        if (n.startsWith("update")) {
            return "UPDATE";
        }
        if (n.startsWith("delete")) {
            return "DELETE";
        }
        if (n.startsWith("truncate")) {
            return "TRUNCATE";
        }
        if (n.startsWith("load")) {
            return "LOAD";
        }
        if (n.matches("(create|alter|rename)(user|role).*") || n.startsWith("setpassword")) {
            return "ALTER_ROLE";
        }
        if (n.startsWith("grant")) {
            return "GRANT";
        }
        if (n.startsWith("revoke")) {
            return "REVOKE";
        }
        if (n.startsWith("create")) {
            return "CREATE";
        }
        if (n.startsWith("alter") || n.startsWith("rename")) {
            return "ALTER";
        }
        if (n.startsWith("drop")) {
            return "DROP";
        }
        if (n.startsWith("explain") || n.startsWith("desc")) {
            return EXPLAIN;
        }
        if (n.startsWith("show") || n.startsWith("help")) {
            return "SHOW";
        }
        if (n.startsWith("set")) {
            return "SET";
        }
        if (n.startsWith("starttransaction") || n.startsWith("begin") || n.startsWith("commit") || n.startsWith("rollback")
                || n.startsWith("savepoint") || n.startsWith("release") || n.startsWith("xa")) {
            return "TRANSACTION";
        }
        if (n.startsWith("lock") || n.startsWith("unlock")) {
            return "LOCK";
        }
        if (n.startsWith("prepare")) {
            return "PREPARE";
        }
        if (n.startsWith("execute")) {
            return "EXECUTE";
        }
        if (n.startsWith("deallocate") || n.startsWith("dealloc")) {
            return "DEALLOCATE";
        }
        if (n.startsWith("call")) {
            return "CALL";
        }
        if (n.startsWith("block") || n.startsWith("if") || n.startsWith("while") || n.startsWith("loop") || n.startsWith("repeat")) {
            return "DO";
        }
        if (n.startsWith("handler")) {
            return "HANDLER";
        }
        if (n.startsWith("kill")) {
            return "KILL";
        }
        if (n.startsWith("use")) {
            return "USE";
        }
        if (n.startsWith("optimize") || n.startsWith("analyze") || n.startsWith("check") || n.startsWith("repair")
                || n.startsWith("flush") || n.startsWith("reset") || n.startsWith("purge")) {
            return "MAINTENANCE";
        }
        return "OTHER";
    }
}
