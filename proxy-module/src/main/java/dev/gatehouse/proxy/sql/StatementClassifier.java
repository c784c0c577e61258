package dev.gatehouse.proxy.sql;

import static dev.gatehouse.proxy.sql.ParseNodes.body;
import static dev.gatehouse.proxy.sql.ParseNodes.child;
import static dev.gatehouse.proxy.sql.ParseNodes.flag;
import static dev.gatehouse.proxy.sql.ParseNodes.list;
import static dev.gatehouse.proxy.sql.ParseNodes.map;
import static dev.gatehouse.proxy.sql.ParseNodes.names;
import static dev.gatehouse.proxy.sql.ParseNodes.qualified;
import static dev.gatehouse.proxy.sql.ParseNodes.table;
import static dev.gatehouse.proxy.sql.ParseNodes.text;
import static dev.gatehouse.proxy.sql.ParseNodes.typeOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps one parse-tree statement node to the operations it performs by itself (what it contains,
 * such as a DELETE in a CTE, is found by {@link SqlAnalyzer}'s walk). Statement types PostgreSQL
 * adds later fall into CREATE/ALTER/DROP by their name, or OTHER, never into "harmless".
 */
final class StatementClassifier {

    private StatementClassifier() {
    }

    static List<Operation> classify(String type, Map<String, Object> node) {
        return switch (type) {
            case "SelectStmt" -> select(node);
            case "InsertStmt" -> one(StatementClass.INSERT, null, relation(node), false);
            case "UpdateStmt" -> one(StatementClass.UPDATE, null, relation(node), WhereClauses.unbounded(node));
            case "DeleteStmt" -> one(StatementClass.DELETE, null, relation(node), WhereClauses.unbounded(node));
            case "MergeStmt" -> merge(node);
            case "TruncateStmt" -> List.of(new Operation(StatementClass.TRUNCATE, ObjectKind.TABLE, rangeVars(node.get("relations")), false));
            case "CopyStmt" -> one(StatementClass.COPY, null, relation(node), false);
            case "CreateStmt" -> one(StatementClass.CREATE, ObjectKind.TABLE, relation(node), false);
            case "CreateTableAsStmt" -> List.of(new Operation(StatementClass.CREATE, ObjectKind.fromParser(text(node, "objtype")),
                    single(table(child(node, "into") == null ? Map.of() : child(child(node, "into"), "rel"))), false));
            case "ViewStmt" -> one(StatementClass.CREATE, ObjectKind.VIEW, table(child(node, "view")), false);
            case "IndexStmt" -> one(StatementClass.CREATE, ObjectKind.INDEX, relation(node), false);
            case "CreateSeqStmt" -> one(StatementClass.CREATE, ObjectKind.SEQUENCE, table(child(node, "sequence")), false);
            case "CreateSchemaStmt" -> kind(StatementClass.CREATE, ObjectKind.SCHEMA);
            case "CreatedbStmt" -> kind(StatementClass.CREATE, ObjectKind.DATABASE);
            case "CreateFunctionStmt" -> kind(StatementClass.CREATE, flag(node, "is_procedure") ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION);
            case "CreateTrigStmt" -> one(StatementClass.CREATE, ObjectKind.TRIGGER, relation(node), false);
            case "CreateExtensionStmt" -> kind(StatementClass.CREATE, ObjectKind.EXTENSION);
            case "CompositeTypeStmt", "CreateEnumStmt", "CreateRangeStmt" -> kind(StatementClass.CREATE, ObjectKind.TYPE);
            case "DefineStmt" -> kind(StatementClass.CREATE, ObjectKind.fromParser(text(node, "kind")));
            case "CreateDomainStmt" -> kind(StatementClass.CREATE, ObjectKind.DOMAIN);
            case "CreatePolicyStmt" -> one(StatementClass.CREATE, ObjectKind.POLICY, table(child(node, "table")), false);
            case "CreatePublicationStmt" -> kind(StatementClass.CREATE, ObjectKind.PUBLICATION);
            case "CreateSubscriptionStmt" -> kind(StatementClass.CREATE, ObjectKind.SUBSCRIPTION);
            case "CreateTableSpaceStmt" -> kind(StatementClass.CREATE, ObjectKind.TABLESPACE);
            case "CreateForeignTableStmt", "ImportForeignSchemaStmt" -> kind(StatementClass.CREATE, ObjectKind.FOREIGN_TABLE);
            case "CreateForeignServerStmt" -> kind(StatementClass.CREATE, ObjectKind.FOREIGN_SERVER);
            case "RuleStmt" -> one(StatementClass.CREATE, ObjectKind.RULE, relation(node), false);
            case "CreateEventTrigStmt" -> kind(StatementClass.CREATE, ObjectKind.EVENT_TRIGGER);
            case "CreateRoleStmt", "AlterRoleStmt", "AlterRoleSetStmt" -> kind(StatementClass.ALTER_ROLE, ObjectKind.ROLE);
            case "AlterTableStmt" -> alterTable(node);
            case "RenameStmt" -> one(StatementClass.ALTER, ObjectKind.fromParser(text(node, "renameType")), relation(node), false);
            case "AlterFunctionStmt" -> kind(StatementClass.ALTER, ObjectKind.FUNCTION);
            case "AlterDatabaseStmt", "AlterDatabaseSetStmt", "AlterDatabaseRefreshCollStmt" -> kind(StatementClass.ALTER, ObjectKind.DATABASE);
            case "AlterObjectSchemaStmt", "AlterOwnerStmt" -> kind(StatementClass.ALTER, ObjectKind.fromParser(text(node, "objectType")));
            case "AlterSystemStmt", "CommentStmt", "SecLabelStmt" -> kind(StatementClass.ALTER, ObjectKind.OTHER);
            case "ReassignOwnedStmt" -> kind(StatementClass.ALTER, ObjectKind.OWNED);
            case "DropStmt" -> drop(node);
            case "DropRoleStmt" -> kind(StatementClass.DROP, ObjectKind.ROLE);
            case "DropdbStmt" -> kind(StatementClass.DROP, ObjectKind.DATABASE);
            case "DropOwnedStmt" -> kind(StatementClass.DROP, ObjectKind.OWNED);
            case "DropTableSpaceStmt" -> kind(StatementClass.DROP, ObjectKind.TABLESPACE);
            case "DropSubscriptionStmt" -> kind(StatementClass.DROP, ObjectKind.SUBSCRIPTION);
            case "GrantStmt", "GrantRoleStmt" -> List.of(Operation.of(flag(node, "is_grant") ? StatementClass.GRANT : StatementClass.REVOKE));
            case "AlterDefaultPrivilegesStmt" -> {
                Map<String, Object> action = child(node, "action");
                yield List.of(Operation.of(action != null && flag(action, "is_grant") ? StatementClass.GRANT : StatementClass.REVOKE));
            }
            case "CallStmt" -> List.of(Operation.of(StatementClass.CALL));
            case "DoStmt" -> List.of(Operation.of(StatementClass.DO));
            case "VariableSetStmt", "AlterSystemSetStmt" -> List.of(Operation.of(StatementClass.SET));
            case "VariableShowStmt" -> List.of(Operation.of(StatementClass.SHOW));
            case "ExplainStmt" -> List.of(Operation.of(StatementClass.EXPLAIN));
            case "TransactionStmt" -> List.of(Operation.of(StatementClass.TRANSACTION));
            case "PrepareStmt" -> List.of(Operation.of(StatementClass.PREPARE));
            case "ExecuteStmt" -> List.of(Operation.of(StatementClass.EXECUTE));
            case "DeallocateStmt" -> List.of(Operation.of(StatementClass.DEALLOCATE));
            case "DeclareCursorStmt", "FetchStmt", "ClosePortalStmt" -> List.of(Operation.of(StatementClass.CURSOR));
            case "ListenStmt", "UnlistenStmt", "NotifyStmt" -> List.of(Operation.of(StatementClass.LISTEN_NOTIFY));
            case "LockStmt" -> List.of(new Operation(StatementClass.LOCK, null, rangeVars(node.get("relations")), false));
            case "VacuumStmt", "ClusterStmt", "ReindexStmt", "CheckPointStmt", "RefreshMatViewStmt" ->
                    List.of(Operation.of(StatementClass.MAINTENANCE));
            default -> byName(type);
        };
    }

    private static List<Operation> select(Map<String, Object> node) {
        Map<String, Object> into = child(node, "intoClause");
        if (into != null) {
            // SELECT ... INTO t creates a table.
            return List.of(new Operation(StatementClass.CREATE, ObjectKind.TABLE, single(table(child(into, "rel"))), false),
                    Operation.of(StatementClass.SELECT));
        }
        return List.of(Operation.of(StatementClass.SELECT));
    }

    /**
     * MERGE is judged by what its WHEN clauses do: each UPDATE, DELETE or INSERT as that statement on
     * the target table. An UPDATE or DELETE is unbounded when nothing limits the rows it reaches: for
     * WHEN MATCHED, a join condition that folds to true ({@code ON true}, {@code ON 1=1},
     * {@code ON x = x}) and no limiting AND condition; for WHEN NOT MATCHED BY SOURCE (every target
     * row the source lacks, so the join bounds nothing), no limiting AND condition.
     */
    private static List<Operation> merge(Map<String, Object> node) {
        TableRef target = relation(node);
        List<Operation> operations = new ArrayList<>();
        operations.add(new Operation(StatementClass.MERGE, null, single(target), false));
        boolean joinBoundsNothing = WhereClauses.alwaysTrue(map(node.get("joinCondition")));
        for (Object item : list(node.get("mergeWhenClauses"))) {
            Map<String, Object> clause = map(item);
            if (clause == null || !"MergeWhenClause".equals(typeOf(clause))) {
                continue;
            }
            Map<String, Object> when = body(clause);
            String matchKind = String.valueOf(when.get("matchKind"));
            boolean conditionBoundsNothing = WhereClauses.alwaysTrue(map(when.get("condition")));
            boolean unbounded = conditionBoundsNothing
                    && (matchKind.equals("MERGE_WHEN_NOT_MATCHED_BY_SOURCE") || joinBoundsNothing);
            switch (String.valueOf(when.get("commandType"))) {
                case "CMD_UPDATE" -> operations.add(new Operation(StatementClass.UPDATE, null, single(target), unbounded));
                case "CMD_DELETE" -> operations.add(new Operation(StatementClass.DELETE, null, single(target), unbounded));
                case "CMD_INSERT" -> operations.add(new Operation(StatementClass.INSERT, null, single(target), false));
                default -> {
                    // DO NOTHING
                }
            }
        }
        return operations;
    }

    private static List<Operation> alterTable(Map<String, Object> node) {
        List<TableRef> tables = single(relation(node));
        List<Operation> operations = new ArrayList<>();
        operations.add(new Operation(StatementClass.ALTER, ObjectKind.fromParser(text(node, "objtype")), tables, false));
        for (Object item : list(node.get("cmds"))) {
            Map<String, Object> command = map(item);
            if (command == null || !"AlterTableCmd".equals(typeOf(command))) {
                continue;
            }
            String subtype = String.valueOf(body(command).get("subtype"));
            if (subtype.equals("AT_DropColumn")) {
                operations.add(new Operation(StatementClass.DROP, ObjectKind.COLUMN, tables, false));
            } else if (subtype.equals("AT_DropConstraint")) {
                operations.add(new Operation(StatementClass.DROP, ObjectKind.CONSTRAINT, tables, false));
            }
        }
        return operations;
    }

    private static List<Operation> drop(Map<String, Object> node) {
        ObjectKind kind = ObjectKind.fromParser(text(node, "removeType"));
        List<TableRef> objects = new ArrayList<>();
        for (Object object : list(node.get("objects"))) {
            Map<String, Object> names = map(object);
            if (names != null && "List".equals(typeOf(names))) {
                TableRef ref = qualified(names(body(names).get("items")));
                if (ref != null) {
                    objects.add(ref);
                }
            }
        }
        return List.of(new Operation(StatementClass.DROP, kind, objects, false));
    }

    private static List<Operation> byName(String type) {
        if (type.startsWith("Create")) {
            return kind(StatementClass.CREATE, ObjectKind.OTHER);
        }
        if (type.startsWith("Alter")) {
            return kind(StatementClass.ALTER, ObjectKind.OTHER);
        }
        if (type.startsWith("Drop")) {
            return kind(StatementClass.DROP, ObjectKind.OTHER);
        }
        return List.of(Operation.of(StatementClass.OTHER));
    }

    private static TableRef relation(Map<String, Object> node) {
        Map<String, Object> relation = child(node, "relation");
        return relation == null ? null : table(relation);
    }

    private static List<TableRef> rangeVars(Object relations) {
        List<TableRef> tables = new ArrayList<>();
        for (Object item : list(relations)) {
            Map<String, Object> node = map(item);
            if (node != null && typeOf(node) != null) {
                TableRef ref = table(body(node));
                if (ref != null) {
                    tables.add(ref);
                }
            }
        }
        return tables;
    }

    private static List<Operation> one(StatementClass statementClass, ObjectKind kind, TableRef table, boolean unbounded) {
        return List.of(new Operation(statementClass, kind, single(table), unbounded));
    }

    private static List<Operation> kind(StatementClass statementClass, ObjectKind kind) {
        return List.of(new Operation(statementClass, kind, List.of(), false));
    }

    private static List<TableRef> single(TableRef table) {
        return table == null ? List.of() : List.of(table);
    }
}
