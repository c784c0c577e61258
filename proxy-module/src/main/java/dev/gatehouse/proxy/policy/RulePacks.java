package dev.gatehouse.proxy.policy;

import static dev.gatehouse.proxy.sql.StatementClass.CURSOR;
import static dev.gatehouse.proxy.sql.StatementClass.DEALLOCATE;
import static dev.gatehouse.proxy.sql.StatementClass.DELETE;
import static dev.gatehouse.proxy.sql.StatementClass.DO;
import static dev.gatehouse.proxy.sql.StatementClass.DROP;
import static dev.gatehouse.proxy.sql.StatementClass.EXECUTE;
import static dev.gatehouse.proxy.sql.StatementClass.EXPLAIN;
import static dev.gatehouse.proxy.sql.StatementClass.PREPARE;
import static dev.gatehouse.proxy.sql.StatementClass.SELECT;
import static dev.gatehouse.proxy.sql.StatementClass.SHOW;
import static dev.gatehouse.proxy.sql.StatementClass.TRANSACTION;
import static dev.gatehouse.proxy.sql.StatementClass.TRUNCATE;
import static dev.gatehouse.proxy.sql.StatementClass.UPDATE;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import dev.gatehouse.proxy.sql.StatementClass;

/**
 * The rule packs an administrator applies with one click. Applying copies the rules, so they
 * can be edited afterwards like any other.
 */
public final class RulePacks {

    public static final String READ_ONLY = "read-only";
    public static final String NO_DESTRUCTIVE_DDL = "no-destructive-ddl";
    public static final String NO_UNBOUNDED_WRITES = "no-unbounded-writes";
    public static final String NO_SERVER_FILE_ACCESS = "no-server-file-access";

    /** Functions that read or write server files, reach other servers, or change server state. */
    public static final Set<String> DANGEROUS_FUNCTIONS = Set.of(
            "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_ls_logdir", "pg_ls_waldir",
            "pg_ls_tmpdir", "pg_ls_archive_statusdir", "lo_import", "lo_export", "lo_from_bytea", "dblink",
            "dblink_exec", "dblink_connect", "dblink_connect_u", "dblink_send_query", "pg_terminate_backend",
            "pg_cancel_backend", "set_config", "pg_reload_conf", "pg_rotate_logfile", "pg_file_write",
            "pg_file_rename", "pg_file_unlink", "pg_logdir_ls", "pg_promote", "pg_switch_wal",
            // These run SQL given as text, whose calls the gateway cannot see: query_to_xml('select pg_read_file(...)', ...).
            "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "ts_stat", "ts_rewrite");

    private RulePacks() {
    }

    /** Pack name → its rules, in the order they are applied. */
    public static Map<String, List<GuardrailRule>> all() {
        return Map.of(READ_ONLY, readOnly(), NO_DESTRUCTIVE_DDL, noDestructiveDdl(),
                NO_UNBOUNDED_WRITES, noUnboundedWrites(), NO_SERVER_FILE_ACCESS, noServerFileAccess());
    }

    public static String description(String pack) {
        return switch (pack) {
            case READ_ONLY -> "Only SELECT, SHOW and EXPLAIN (EXPLAIN ANALYZE only of reads), plus transaction control, cursors and prepared reads.";
            case NO_DESTRUCTIVE_DDL -> "No DROP of any object (including columns and constraints), no TRUNCATE, and no DO blocks, whose code the gateway cannot read.";
            case NO_UNBOUNDED_WRITES -> "No UPDATE or DELETE without a WHERE clause, or with one that is always true (WHERE true, 1=1, id=id).";
            case NO_SERVER_FILE_ACCESS -> "No COPY to or from a program or a server file, and no calls to server file, large-object, dblink or server-control functions, or to functions that run SQL given as text.";
            default -> throw new IllegalArgumentException("unknown rule pack " + pack);
        };
    }

    static List<GuardrailRule> readOnly() {
        return List.of(new GuardrailRule("read-only", RuleAction.DENY,
                new RuleMatch(selectors(SELECT, SHOW, EXPLAIN, TRANSACTION, CURSOR, PREPARE, EXECUTE, DEALLOCATE), true,
                        List.of(), false, Set.of(), false, null, null),
                "this connection is read-only", null));
    }

    static List<GuardrailRule> noDestructiveDdl() {
        return List.of(
                new GuardrailRule("no-drop-or-truncate", RuleAction.DENY,
                        new RuleMatch(selectors(DROP, TRUNCATE), false, List.of(), false, Set.of(), false, null, null),
                        "dropping or truncating objects is not allowed here", null),
                new GuardrailRule("no-do-blocks", RuleAction.DENY,
                        new RuleMatch(selectors(DO), false, List.of(), false, Set.of(), false, null, null),
                        "DO blocks run code the gateway cannot check", null));
    }

    static List<GuardrailRule> noUnboundedWrites() {
        return List.of(new GuardrailRule("no-unbounded-writes", RuleAction.DENY,
                new RuleMatch(selectors(UPDATE, DELETE), false, List.of(), true, Set.of(), false, null, null),
                "UPDATE and DELETE need a WHERE clause that limits the rows", null));
    }

    static List<GuardrailRule> noServerFileAccess() {
        return List.of(
                new GuardrailRule("no-copy-program-or-server-file", RuleAction.DENY,
                        new RuleMatch(Set.of(), false, List.of(), false, Set.of(), true, null, null),
                        "COPY to or from a program or a server file is not allowed", null),
                new GuardrailRule("no-dangerous-functions", RuleAction.DENY,
                        new RuleMatch(Set.of(), false, List.of(), false, DANGEROUS_FUNCTIONS, false, null, null),
                        "this function reaches the server's files, other servers or server control", null));
    }

    private static Set<StatementSelector> selectors(StatementClass... classes) {
        return Arrays.stream(classes).map(StatementSelector::of).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
