package dev.gatehouse.proxy.sql.mysql;

import dev.gatehouse.proxy.sql.ObjectKind;
import dev.gatehouse.proxy.sql.StatementClass;
import java.util.Locale;

/** Druid's statement class names ({@code MySqlInsertStatement}, {@code SQLDropTableStatement}) onto guardrail classes and object kinds. */
final class StatementKinds {

    private StatementKinds() {
    }

    /** The name without its dialect prefix and Statement suffix, lower case: "droptable". */
    static String core(String className) {
        return className.replaceFirst("(?i)^(mysql|sql)", "").replaceFirst("Statement$", "").toLowerCase(Locale.ROOT);
    }

    static StatementClass classOf(String className) {
        String n = core(className);
        if (n.startsWith("select") || n.startsWith("union") || n.startsWith("values")) {
            return StatementClass.SELECT;
        }
        if (n.startsWith("insert") || n.startsWith("replace")) {
            return StatementClass.INSERT;
        }
        if (n.startsWith("update")) {
            return StatementClass.UPDATE;
        }
        if (n.startsWith("delete")) {
            return StatementClass.DELETE;
        }
        if (n.startsWith("truncate")) {
            return StatementClass.TRUNCATE;
        }
        if (n.startsWith("loaddata") || n.startsWith("loadxml")) {
            return StatementClass.COPY;
        }
        if (n.matches("(create|alter|rename)(user|role).*") || n.startsWith("setpassword") || n.startsWith("setdefaultrole")) {
            return StatementClass.ALTER_ROLE;
        }
        if (n.startsWith("grant")) {
            return StatementClass.GRANT;
        }
        if (n.startsWith("revoke")) {
            return StatementClass.REVOKE;
        }
        if (n.startsWith("create")) {
            return StatementClass.CREATE;
        }
        if (n.startsWith("alter") || n.startsWith("renametable")) {
            return StatementClass.ALTER;
        }
        if (n.startsWith("drop") && !n.startsWith("dropprepare")) {
            return StatementClass.DROP;
        }
        if (n.startsWith("explain") && !n.equals("explaintable")) {
            return StatementClass.EXPLAIN;
        }
        if (n.startsWith("show") || n.startsWith("desc") || n.equals("explaintable") || n.startsWith("help")) {
            return StatementClass.SHOW;
        }
        if (n.startsWith("starttransaction") || n.startsWith("begin") || n.startsWith("commit")
                || n.startsWith("rollback") || n.startsWith("savepoint") || n.startsWith("release") || n.startsWith("xa")) {
            return StatementClass.TRANSACTION;
        }
        if (n.startsWith("set")) {
            return StatementClass.SET;
        }
        if (n.startsWith("lock") || n.startsWith("unlock")) {
            return StatementClass.LOCK;
        }
        if (n.startsWith("prepare")) {
            return StatementClass.PREPARE;
        }
        if (n.startsWith("execute")) {
            return StatementClass.EXECUTE;
        }
        if (n.startsWith("deallocate") || n.startsWith("dropprepare")) {
            return StatementClass.DEALLOCATE;
        }
        if (n.startsWith("call")) {
            return StatementClass.CALL;
        }
        if (n.startsWith("block")) {
            return StatementClass.DO;
        }
        if (n.startsWith("optimize") || n.startsWith("analyze") || n.startsWith("check") || n.startsWith("repair")
                || n.startsWith("flush") || n.startsWith("reset") || n.startsWith("purge")) {
            return StatementClass.MAINTENANCE;
        }
        return StatementClass.OTHER;
    }

    /** The object a CREATE, ALTER or DROP is about, from the class name's last word. */
    static ObjectKind kindOf(String className) {
        String n = core(className).replaceFirst("^(create|alter|drop|rename)", "");
        if (n.startsWith("table") || n.startsWith("temporarytable")) {
            return ObjectKind.TABLE;
        }
        if (n.startsWith("view")) {
            return ObjectKind.VIEW;
        }
        if (n.startsWith("index")) {
            return ObjectKind.INDEX;
        }
        if (n.startsWith("database") || n.startsWith("schema")) {
            return ObjectKind.DATABASE;
        }
        if (n.startsWith("sequence")) {
            return ObjectKind.SEQUENCE;
        }
        if (n.startsWith("procedure")) {
            return ObjectKind.PROCEDURE;
        }
        if (n.startsWith("function")) {
            return ObjectKind.FUNCTION;
        }
        if (n.startsWith("trigger")) {
            return ObjectKind.TRIGGER;
        }
        if (n.startsWith("user") || n.startsWith("role")) {
            return ObjectKind.ROLE;
        }
        if (n.startsWith("server")) {
            return ObjectKind.FOREIGN_SERVER;
        }
        if (n.startsWith("tablespace")) {
            return ObjectKind.TABLESPACE;
        }
        return ObjectKind.OTHER;
    }

    /** An ALTER TABLE ... DROP item ("Column", "Index", "PrimaryKey", "ForeignKey") as the kind dropped. */
    static ObjectKind droppedKind(String item) {
        String n = item.toLowerCase(Locale.ROOT);
        if (n.startsWith("column")) {
            return ObjectKind.COLUMN;
        }
        if (n.startsWith("index") || n.startsWith("key")) {
            return ObjectKind.INDEX;
        }
        if (n.contains("key") || n.contains("constraint") || n.contains("check")) {
            return ObjectKind.CONSTRAINT;
        }
        return ObjectKind.OTHER;
    }
}
