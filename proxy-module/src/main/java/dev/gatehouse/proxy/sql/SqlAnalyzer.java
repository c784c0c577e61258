package dev.gatehouse.proxy.sql;

import static dev.gatehouse.proxy.sql.ParseNodes.body;
import static dev.gatehouse.proxy.sql.ParseNodes.child;
import static dev.gatehouse.proxy.sql.ParseNodes.flag;
import static dev.gatehouse.proxy.sql.ParseNodes.list;
import static dev.gatehouse.proxy.sql.ParseNodes.map;
import static dev.gatehouse.proxy.sql.ParseNodes.names;
import static dev.gatehouse.proxy.sql.ParseNodes.table;
import static dev.gatehouse.proxy.sql.ParseNodes.text;
import static dev.gatehouse.proxy.sql.ParseNodes.typeOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns libpg_query's parse tree into {@link AnalyzedStatement}s. The top-level node gives the
 * statement's class; then a walk over every node finds what a reader of the text could miss:
 * writes inside CTEs, PREPARE and EXPLAIN ANALYZE bodies, function calls at any depth, and the
 * relations read.
 */
final class SqlAnalyzer {

    private SqlAnalyzer() {
    }

    /**
     * An analysis, and whether it was decided by a literal's value somewhere ({@code WHERE 1=1},
     * {@code EXPLAIN (ANALYZE 'off')}): such an analysis holds for this exact text only, not for
     * the same statement with other literals.
     */
    record Outcome(SqlAnalysis analysis, boolean literalSensitive) {
    }

    static SqlAnalysis analyze(String sql, PgQueryParser.RawParse parsed) {
        return judge(sql, parsed).analysis();
    }

    static Outcome judge(String sql, PgQueryParser.RawParse parsed) {
        return judge(sql, parsed, null, 0);
    }

    /**
     * @param parser reads the code bodies of CREATE FUNCTION and PROCEDURE (null: string bodies are opaque)
     * @param depth  how deep in bodies this text is
     */
    static Outcome judge(String sql, PgQueryParser.RawParse parsed, PgQueryParser parser, int depth) {
        if (parsed.failed()) {
            // PostgreSQL's message quotes the text near the error, literals included.
            return new Outcome(SqlAnalysis.unparseable(parsed.error(), parsed.errorPosition()), true);
        }
        Map<String, Object> tree = map(JsonTree.parse(parsed.json()));
        if (tree == null) {
            throw new IllegalArgumentException("the parse tree is not an object");
        }
        // SET client_encoding = 'UTF8' and = 'SJIS' share a shape: a reading of settings holds for this text only.
        String json = parsed.json();
        boolean settingDependsOnLiteral = json.contains("\"VAR_") || json.contains("set_config") || json.contains("pg_settings");
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        List<AnalyzedStatement> statements = new ArrayList<>();
        boolean literalSensitive = false;
        for (Object raw : list(tree.get("stmts"))) {
            Map<String, Object> wrapper = map(raw);
            Map<String, Object> statement = wrapper == null ? null : map(wrapper.get("stmt"));
            if (statement == null || typeOf(statement) == null) {
                continue; // an empty statement between two semicolons
            }
            Walk walk = new Walk();
            statements.add(statement(walk, slice(bytes, wrapper), typeOf(statement), body(statement), parser, depth));
            literalSensitive |= walk.literalSensitive;
        }
        return new Outcome(SqlAnalysis.of(statements), literalSensitive || settingDependsOnLiteral);
    }

    private static AnalyzedStatement statement(Walk walk, String text, String type, Map<String, Object> node,
            PgQueryParser parser, int depth) {
        walk.roots.put(node, Boolean.TRUE);
        List<Operation> operations = new ArrayList<>(StatementClassifier.classify(type, node));
        operations.forEach(operation -> walk.targets.addAll(operation.tables()));
        walk.visit(node, type);
        operations.addAll(walk.nested);
        if (runsItsQuery(type, node) && "SelectStmt".equals(typeOf(map(node.get("query")) == null ? Map.of() : map(node.get("query"))))) {
            operations.add(Operation.of(StatementClass.SELECT)); // the read a PREPARE, cursor or EXPLAIN ANALYZE holds
        }
        List<TableRef> reads = walk.reads();
        if (!reads.isEmpty()) {
            int select = indexOf(operations, StatementClass.SELECT);
            if (select >= 0 && operations.get(select).tables().isEmpty()) {
                operations.set(select, new Operation(StatementClass.SELECT, null, reads, false));
            } else {
                operations.add(new Operation(StatementClass.SELECT, null, reads, false));
            }
        }
        boolean serverSideCopy = walk.serverSideCopy;
        boolean opaque = "DoStmt".equals(type) || walk.opaque;
        String preparedName = switch (type) {
            case "PrepareStmt", "ExecuteStmt", "DeallocateStmt" -> text(node, "name");
            default -> walk.executes; // EXPLAIN ANALYZE EXECUTE p, CREATE TABLE ... AS EXECUTE p
        };
        SessionEffects effects = SessionSettings.of(type, node);
        if ("CreateFunctionStmt".equals(type)) {
            CodeBodies.Body code = depth >= CodeBodies.MAX_DEPTH ? CodeBodies.Body.OPAQUE : CodeBodies.of(node, text, reader(parser, depth + 1));
            for (SqlAnalysis inner : code.parsed()) {
                for (AnalyzedStatement contained : inner.statements()) {
                    operations.addAll(contained.operations()); // judged like the statements it contains
                    walk.functions.addAll(contained.functions());
                    serverSideCopy |= contained.serverSideCopy();
                    opaque |= contained.opaqueCode();
                    if (effects.refusedSetting() == null && contained.effects().refusedSetting() != null) {
                        effects = new SessionEffects(contained.effects().refusedSetting(), contained.effects().refusal(), effects.searchPath());
                    }
                }
            }
            if (code.opaque()) {
                opaque = true;
                operations.add(Operation.of(StatementClass.DO)); // code the gateway cannot read, as a DO block's
            }
        }
        return new AnalyzedStatement(text, operations, walk.functions, serverSideCopy, opaque, preparedName, effects,
                LineageResolver.of(type, node));
    }

    private static boolean runsItsQuery(String type, Map<String, Object> node) {
        return switch (type) {
            case "PrepareStmt", "DeclareCursorStmt", "CreateTableAsStmt" -> true;
            case "ExplainStmt" -> explainRuns(node);
            default -> false;
        };
    }

    /** Reads body text with the same parser instance, one level deeper; without a parser, every string body is opaque. */
    private static CodeBodies.Reader reader(PgQueryParser parser, int depth) {
        return new CodeBodies.Reader() {
            @Override
            public SqlAnalysis sql(String text) {
                return parser == null ? SqlAnalysis.unparseable("no parser for code bodies", 0)
                        : judge(text, parser.parse(text), parser, depth).analysis();
            }

            @Override
            public PgQueryParser.RawParse plpgsql(String createFunction) {
                return parser == null ? new PgQueryParser.RawParse(null, "no parser for code bodies", 0) : parser.parsePlpgsql(createFunction);
            }
        };
    }

    private static int indexOf(List<Operation> operations, StatementClass statementClass) {
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).statementClass() == statementClass) {
                return i;
            }
        }
        return -1;
    }

    /** State of one walk over a statement's tree. */
    private static final class Walk {
        final Map<Object, Boolean> roots = new IdentityHashMap<>();
        final List<Operation> nested = new ArrayList<>();
        final Set<TableRef> targets = new HashSet<>();
        final Set<TableRef> rangeVars = new LinkedHashSet<>();
        final Set<String> cteNames = new HashSet<>();
        final Set<String> functions = new LinkedHashSet<>();
        boolean serverSideCopy;
        boolean opaque;
        boolean literalSensitive;
        String executes;

        void visit(Object value, String type) {
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    visit(item, null);
                }
                return;
            }
            Map<String, Object> node = map(value);
            if (node == null) {
                return;
            }
            String wrapped = typeOf(node);
            if (wrapped != null) {
                visitNode(wrapped, body(node));
                return;
            }
            visitNode(type, node);
        }

        private void visitNode(String type, Map<String, Object> node) {
            if (type != null) {
                inspect(type, node);
            } else if (node.containsKey("relname")) {
                TableRef ref = table(node);
                if (ref != null) {
                    rangeVars.add(ref);
                }
            }
            for (Map.Entry<String, Object> field : node.entrySet()) {
                if ("ExplainStmt".equals(type) && "query".equals(field.getKey()) && !explainRuns(node)) {
                    continue; // plain EXPLAIN plans its statement without running it
                }
                visit(field.getValue(), null);
            }
        }

        private void inspect(String type, Map<String, Object> node) {
            switch (type) {
                case "UpdateStmt", "DeleteStmt" -> literalSensitive |= WhereClauses.dependsOnLiterals(node);
                case "MergeStmt" -> literalSensitive = true; // its join and WHEN conditions are folded like WHERE clauses
                case "ExplainStmt" -> literalSensitive |= explainArgumentIsLiteral(node);
                default -> {
                }
            }
            switch (type) {
                case "RangeVar" -> {
                    TableRef ref = table(node);
                    if (ref != null) {
                        rangeVars.add(ref);
                    }
                }
                case "FuncCall" -> {
                    List<String> name = names(node.get("funcname"));
                    if (!name.isEmpty()) {
                        functions.add(name.get(name.size() - 1).toLowerCase(Locale.ROOT));
                    }
                }
                case "A_Indirection" -> {
                    // (expr).name is also a call: PostgreSQL reads ('.').pg_ls_dir as pg_ls_dir('.').
                    names(node.get("indirection")).forEach(name -> functions.add(name.toLowerCase(Locale.ROOT)));
                }
                case "CallStmt" -> {
                    // CALL's FuncCall is a typed field, so the walk meets it unwrapped: name it here.
                    Map<String, Object> call = map(node.get("funccall"));
                    List<String> name = call == null ? List.of() : names(call.get("funcname"));
                    if (!name.isEmpty()) {
                        functions.add(name.get(name.size() - 1).toLowerCase(Locale.ROOT));
                    }
                    nestedStatement(type, node);
                }
                case "CommonTableExpr" -> cteNames.add(String.valueOf(node.get("ctename")));
                case "CopyStmt" -> serverSideCopy |= flag(node, "is_program") || node.get("filename") != null;
                case "DoStmt" -> opaque = true;
                default -> nestedStatement(type, node);
            }
        }

        /** A statement inside the one being judged (in a CTE, a PREPARE, a rule or a function body) counts too. */
        private void nestedStatement(String type, Map<String, Object> node) {
            if (type.endsWith("Stmt") && !"SelectStmt".equals(type) && !roots.containsKey(node)) {
                if ("ExecuteStmt".equals(type)) {
                    executes = text(node, "name");
                }
                List<Operation> inner = StatementClassifier.classify(type, node);
                inner.forEach(operation -> targets.addAll(operation.tables()));
                nested.addAll(inner);
            }
        }

        List<TableRef> reads() {
            List<TableRef> reads = new ArrayList<>();
            for (TableRef ref : rangeVars) {
                boolean cte = ref.schema() == null && cteNames.contains(ref.name());
                if (!cte && !targets.contains(ref)) {
                    reads.add(ref);
                }
            }
            return reads;
        }
    }

    /**
     * EXPLAIN (ANALYZE) runs the statement; {@code ANALYZE false}, {@code off} or {@code 0} does
     * not. Spellings PostgreSQL would reject count as running: the target refuses them anyway.
     */
    static boolean explainRuns(Map<String, Object> explain) {
        for (Object option : list(explain.get("options"))) {
            Map<String, Object> element = child(Map.of("o", option), "o");
            if (element == null || !"analyze".equals(element.get("defname"))) {
                continue;
            }
            Map<String, Object> argument = map(element.get("arg"));
            if (argument == null || typeOf(argument) == null) {
                return true;
            }
            Map<String, Object> value = body(argument);
            return switch (typeOf(argument)) {
                case "Integer" -> !(value.get("ival") == null || Long.valueOf(0).equals(value.get("ival")));
                case "Boolean" -> Boolean.TRUE.equals(value.get("boolval"));
                case "String" -> !isFalse(String.valueOf(value.get("sval")));
                default -> true;
            };
        }
        return false;
    }

    private static boolean explainArgumentIsLiteral(Map<String, Object> explain) {
        for (Object option : list(explain.get("options"))) {
            Map<String, Object> element = child(Map.of("o", option), "o");
            if (element != null && element.get("arg") != null) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's parse_bool spellings of false (unique prefixes of false, no, off, and 0). */
    private static boolean isFalse(String value) {
        return Set.of("f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0")
                .contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** The statement's own text: libpg_query gives byte offsets into the UTF-8 string. */
    private static String slice(byte[] bytes, Map<String, Object> wrapper) {
        int start = wrapper.get("stmt_location") instanceof Number n ? n.intValue() : 0;
        int length = wrapper.get("stmt_len") instanceof Number n ? n.intValue() : 0;
        int end = length == 0 ? bytes.length : Math.min(bytes.length, start + length);
        start = Math.max(0, Math.min(start, end));
        return new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8).strip();
    }
}
