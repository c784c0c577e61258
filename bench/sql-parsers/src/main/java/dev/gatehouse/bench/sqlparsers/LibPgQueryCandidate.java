package dev.gatehouse.bench.sqlparsers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * libpg_query 17 (PostgreSQL 17's own raw parser) as WebAssembly under Chicory, either compiled to JVM
 * bytecode at start-up or interpreted. Kinds come from the parse tree's top-level node of each statement.
 */
final class LibPgQueryCandidate implements Candidate {

    private static final Map<String, String> OVERRIDES = Map.ofEntries(
            Map.entry("Create", "CREATE TABLE"),
            Map.entry("View", "CREATE VIEW"),
            Map.entry("Index", "CREATE INDEX"),
            Map.entry("CreateSeq", "CREATE SEQUENCE"),
            Map.entry("Createdb", "CREATE DATABASE"),
            Map.entry("Dropdb", "DROP DATABASE"),
            Map.entry("DropRole", "DROP ROLE"),
            Map.entry("CreateTrig", "CREATE TRIGGER"),
            Map.entry("CreateEnum", "CREATE TYPE"),
            Map.entry("CompositeType", "CREATE TYPE"),
            Map.entry("Rule", "CREATE RULE"),
            Map.entry("AlterRoleSet", "ALTER ROLE"),
            Map.entry("Truncate", "TRUNCATE TABLE"),
            Map.entry("VariableShow", "SHOW"),
            Map.entry("Lock", "LOCK TABLE"),
            Map.entry("CheckPoint", "CHECKPOINT"),
            Map.entry("RefreshMatView", "REFRESH MATERIALIZED VIEW"),
            Map.entry("DeclareCursor", "DECLARE CURSOR"),
            Map.entry("Comment", "COMMENT"));

    private final String name;
    private final PgQueryWasm wasm;

    LibPgQueryCandidate(Path wasmFile, boolean compile) {
        this.name = compile ? "libpg_query" : "libpg_query-interp";
        this.wasm = new PgQueryWasm(wasmFile, compile);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome parse(String sql) {
        PgQueryWasm.Result result = wasm.parse(sql);
        if (result.error() != null) {
            return Outcome.refused(result.error() + " (at " + result.cursor() + ")");
        }
        Map<?, ?> tree = (Map<?, ?>) MiniJson.parse(result.json());
        List<String> kinds = new ArrayList<>();
        Object stmts = tree.get("stmts");
        if (stmts instanceof List<?> list) {
            for (Object raw : list) {
                Map<?, ?> stmt = (Map<?, ?>) ((Map<?, ?>) raw).get("stmt");
                var node = stmt.entrySet().iterator().next();
                kinds.add(kind((String) node.getKey(), (Map<?, ?>) node.getValue()));
            }
        }
        return Outcome.parsed(kinds);
    }

    /** The PostgreSQL command tag of a raw statement node (what {@code CreateCommandTag} would say). */
    static String kind(String node, Map<?, ?> f) {
        return switch (node) {
            case "SelectStmt" -> f.containsKey("intoClause") ? "SELECT INTO" : "SELECT";
            case "DropStmt" -> "DROP " + objectType(f.get("removeType"));
            case "RenameStmt" -> "ALTER " + objectType(f.get("renameType"));
            case "AlterTableStmt" -> "ALTER " + objectType(f.get("objtype"));
            case "CreateTableAsStmt" -> "OBJECT_MATVIEW".equals(f.get("objtype"))
                    ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS";
            case "CreateFunctionStmt" -> Boolean.TRUE.equals(f.get("is_procedure")) ? "CREATE PROCEDURE" : "CREATE FUNCTION";
            case "GrantStmt" -> Boolean.TRUE.equals(f.get("is_grant")) ? "GRANT" : "REVOKE";
            case "GrantRoleStmt" -> Boolean.TRUE.equals(f.get("is_grant")) ? "GRANT ROLE" : "REVOKE ROLE";
            case "VacuumStmt" -> Boolean.TRUE.equals(f.get("is_vacuumcmd")) ? "VACUUM" : "ANALYZE";
            case "FetchStmt" -> Boolean.TRUE.equals(f.get("ismove")) ? "MOVE" : "FETCH";
            case "DeallocateStmt" -> Boolean.TRUE.equals(f.get("isall")) ? "DEALLOCATE ALL" : "DEALLOCATE";
            case "VariableSetStmt" -> String.valueOf(f.get("kind")).startsWith("VAR_RESET") ? "RESET" : "SET";
            case "DiscardStmt" -> "DISCARD " + String.valueOf(f.get("target")).substring("DISCARD_".length());
            case "TransactionStmt" -> switch (String.valueOf(f.get("kind"))) {
                case "TRANS_STMT_BEGIN" -> "BEGIN";
                case "TRANS_STMT_START" -> "START TRANSACTION";
                case "TRANS_STMT_COMMIT" -> "COMMIT";
                case "TRANS_STMT_ROLLBACK", "TRANS_STMT_ROLLBACK_TO" -> "ROLLBACK";
                case "TRANS_STMT_SAVEPOINT" -> "SAVEPOINT";
                case "TRANS_STMT_RELEASE" -> "RELEASE";
                case "TRANS_STMT_PREPARE" -> "PREPARE TRANSACTION";
                case "TRANS_STMT_COMMIT_PREPARED" -> "COMMIT PREPARED";
                case "TRANS_STMT_ROLLBACK_PREPARED" -> "ROLLBACK PREPARED";
                default -> "TRANSACTION?";
            };
            default -> Kinds.fromCamelCase(node, "", "Stmt", OVERRIDES);
        };
    }

    private static String objectType(Object type) {
        String t = String.valueOf(type).replace("OBJECT_", "");
        return switch (t) {
            case "MATVIEW" -> "MATERIALIZED VIEW";
            case "FOREIGN_TABLE" -> "FOREIGN TABLE";
            default -> t.replace('_', ' ');
        };
    }
}
