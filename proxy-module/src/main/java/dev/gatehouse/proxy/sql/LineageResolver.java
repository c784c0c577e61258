package dev.gatehouse.proxy.sql;

import static dev.gatehouse.proxy.sql.ParseNodes.body;
import static dev.gatehouse.proxy.sql.ParseNodes.child;
import static dev.gatehouse.proxy.sql.ParseNodes.list;
import static dev.gatehouse.proxy.sql.ParseNodes.map;
import static dev.gatehouse.proxy.sql.ParseNodes.names;
import static dev.gatehouse.proxy.sql.ParseNodes.text;
import static dev.gatehouse.proxy.sql.ParseNodes.typeOf;

import dev.gatehouse.proxy.sql.ColumnLineage.Kind;
import dev.gatehouse.proxy.sql.ColumnLineage.RowField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows every output column of a statement back to the base columns it is computed from, over
 * libpg_query's parse tree (docs/adr/0018). Names are resolved the way PostgreSQL scopes them (FROM
 * items, then outer queries; CTEs by name), but without the catalog: a name that could belong to
 * several base tables belongs to all of them, and a relation's alias used as a value is a whole-row
 * reference. Both only ever widen what counts as a source, so the answer errs on the masked side.
 * Anything it cannot follow is marked unknown, which the planner masks (fail closed).
 */
final class LineageResolver {

    /** Aggregates that cannot reveal a value of their argument: masking-preserving by default. */
    static final Set<String> PRESERVING = Set.of("count");

    /** Functions whose result, over a whole-row argument, is a JSON structure keyed by column name. */
    private static final Set<String> ROW_STRUCTURES = Set.of("row_to_json", "to_json", "to_jsonb", "json_agg", "jsonb_agg",
            "json_agg_strict", "jsonb_agg_strict");

    /** Recursive CTEs are iterated to a fixed point of their sources; it never needs more than a few rounds. */
    private static final int MAX_RECURSION_ROUNDS = 8;

    private sealed interface Item permits BaseItem, DerivedItem, AnyItem {
        String alias();
    }

    private record BaseItem(String alias, String schema, String table) implements Item {
    }

    private record DerivedItem(String alias, List<ColumnLineage> columns) implements Item {
    }

    /** Any column name resolves to the same lineage (a set-returning function, a renamed table). */
    private record AnyItem(String alias, ColumnLineage any) implements Item {
    }

    private static final class Scope {
        final Scope parent;
        final List<Item> items = new ArrayList<>();
        final Map<String, List<ColumnLineage>> ctes = new HashMap<>();
        /** Base columns that WHERE, JOIN ... ON, HAVING and ORDER BY read, anywhere in the statement: shared by all scopes. */
        final Set<SourceColumn> filters;

        Scope(Scope parent) {
            this.parent = parent;
            this.filters = parent != null ? parent.filters : new LinkedHashSet<>();
            if (parent != null) {
                ctes.putAll(parent.ctes);
            }
        }
    }

    private LineageResolver() {
    }

    /** The lineage of one top-level statement. Never throws: a surprise in the tree makes it unknown. */
    static StatementLineage of(String type, Map<String, Object> node) {
        try {
            Scope root = new Scope(null);
            return switch (type) {
                case "SelectStmt" -> StatementLineage.of(select(node, root)).filtering(root.filters);
                case "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt" -> StatementLineage.of(returning(type, node, root)).filtering(root.filters);
                case "DeclareCursorStmt" -> {
                    StatementLineage query = of(typeOf(map(node.get("query"))), body(map(node.get("query"))));
                    yield new StatementLineage(query.columns(), query.unknownReason(), text(node, "portalname"), null, null, null)
                            .filtering(query.filters());
                }
                case "PrepareStmt" -> {
                    StatementLineage query = of(typeOf(map(node.get("query"))), body(map(node.get("query"))));
                    yield new StatementLineage(query.columns(), query.unknownReason(), null, null, text(node, "name"), null)
                            .filtering(query.filters());
                }
                case "FetchStmt" -> new StatementLineage(List.of(), null, null, text(node, "portalname"), null, null);
                case "ExecuteStmt" -> new StatementLineage(List.of(), null, null, null, null, text(node, "name"));
                case "ExplainStmt", "VariableShowStmt", "TransactionStmt", "VariableSetStmt", "ListenStmt", "NotifyStmt",
                        "UnlistenStmt", "DiscardStmt", "DeallocateStmt", "ClosePortalStmt", "CheckPointStmt" -> StatementLineage.NO_TABLE_DATA;
                default -> type.startsWith("Create") || type.startsWith("Alter") || type.startsWith("Drop") || "GrantStmt".equals(type)
                        ? StatementLineage.NO_TABLE_DATA
                        : StatementLineage.unknown("the gateway cannot follow the columns of a " + type);
            };
        } catch (RuntimeException e) {
            return StatementLineage.unknown("the gateway could not follow this statement's columns");
        }
    }

    // ---- statements ----

    private static List<ColumnLineage> select(Map<String, Object> node, Scope outer) {
        Scope scope = new Scope(outer);
        with(child(node, "withClause"), scope);
        String op = text(node, "op");
        if (op != null && !"SETOP_NONE".equals(op)) {
            List<ColumnLineage> left = select(child(node, "larg"), scope);
            List<ColumnLineage> right = select(child(node, "rarg"), scope);
            return setOperation(left, right);
        }
        if (node.get("valuesLists") != null) {
            return values(node, scope);
        }
        for (Object item : list(node.get("fromClause"))) {
            from(map(item), scope);
        }
        filters(node, scope);
        List<ColumnLineage> out = new ArrayList<>();
        for (Object target : list(node.get("targetList"))) {
            Map<String, Object> res = body(map(target));
            Map<String, Object> value = map(res.get("val"));
            String alias = text(res, "name");
            if (alias == null && isStar(value)) {
                out.addAll(star(body(value), scope));
                continue;
            }
            ColumnLineage lineage = expr(value, scope);
            out.add(lineage.named(alias != null ? alias : outputName(value)));
        }
        return out;
    }

    /** Records what the statement's predicates and ordering read (for rules that deny filtering on masked columns). */
    private static void filters(Map<String, Object> node, Scope scope) {
        for (String field : List.of("whereClause", "havingClause")) {
            Map<String, Object> predicate = map(node.get(field));
            if (predicate != null) {
                scope.filters.addAll(expr(predicate, scope).sources());
            }
        }
        for (Object sort : list(node.get("sortClause"))) {
            Map<String, Object> by = body(map(sort));
            scope.filters.addAll(expr(map(by.get("node")), scope).sources());
        }
    }

    private static List<ColumnLineage> values(Map<String, Object> node, Scope scope) {
        List<ColumnLineage> out = new ArrayList<>();
        for (Object row : list(node.get("valuesLists"))) {
            List<Object> cells = list(body(map(row)).get("items"));
            for (int i = 0; i < cells.size(); i++) {
                ColumnLineage cell = expr(map(cells.get(i)), scope).named("column" + (i + 1));
                if (out.size() <= i) {
                    out.add(cell);
                } else {
                    out.set(i, union(out.get(i), cell, out.get(i).name()));
                }
            }
        }
        return out;
    }

    private static List<ColumnLineage> setOperation(List<ColumnLineage> left, List<ColumnLineage> right) {
        if (hasStar(left) || hasStar(right) || left.size() != right.size()) {
            // A * of unknown width on either side: positions cannot be paired, so every column takes every source.
            ColumnLineage all = derivedUnion(concat(left, right), "?column?");
            List<ColumnLineage> out = new ArrayList<>();
            int width = Math.max(left.size(), right.size());
            for (int i = 0; i < width; i++) {
                out.add(new ColumnLineage(i < left.size() ? left.get(i).name() : "?column?", Kind.DERIVED, all.sources(), List.of(),
                        true, false));
            }
            return out;
        }
        List<ColumnLineage> out = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            out.add(union(left.get(i), right.get(i), left.get(i).name()));
        }
        return out;
    }

    private static List<ColumnLineage> returning(String type, Map<String, Object> node, Scope outer) {
        Scope scope = new Scope(outer);
        with(child(node, "withClause"), scope);
        Map<String, Object> relation = child(node, "relation");
        if (relation != null) {
            scope.items.add(baseOrCte(relation, scope));
        }
        for (String field : List.of("fromClause", "usingClause")) {
            for (Object item : list(node.get(field))) {
                from(map(item), scope);
            }
        }
        if ("MergeStmt".equals(type) && node.get("sourceRelation") != null) {
            from(map(node.get("sourceRelation")), scope);
        }
        filters(node, scope);
        List<ColumnLineage> out = new ArrayList<>();
        for (Object target : list(node.get("returningList"))) {
            Map<String, Object> res = body(map(target));
            Map<String, Object> value = map(res.get("val"));
            String alias = text(res, "name");
            if (alias == null && isStar(value)) {
                out.addAll(star(body(value), scope));
                continue;
            }
            out.add(expr(value, scope).named(alias != null ? alias : outputName(value)));
        }
        return out;
    }

    private static void with(Map<String, Object> withClause, Scope scope) {
        if (withClause == null) {
            return;
        }
        boolean recursive = Boolean.TRUE.equals(withClause.get("recursive"));
        for (Object raw : list(withClause.get("ctes"))) {
            Map<String, Object> cte = body(map(raw));
            String name = text(cte, "ctename");
            List<String> columnNames = names(cte.get("aliascolnames"));
            Map<String, Object> query = map(cte.get("ctequery"));
            String queryType = typeOf(query);
            List<ColumnLineage> columns;
            if (!"SelectStmt".equals(queryType)) {
                // A data-modifying CTE: what its RETURNING gives.
                columns = returning(queryType, body(query), scope);
            } else if (recursive) {
                columns = recursiveCte(name, columnNames, body(query), scope);
            } else {
                columns = select(body(query), scope);
            }
            scope.ctes.put(name, renamed(columns, columnNames));
        }
    }

    /** Binds the CTE to its non-recursive term, then re-resolves the whole until its sources stop growing. */
    private static List<ColumnLineage> recursiveCte(String name, List<String> columnNames, Map<String, Object> query, Scope scope) {
        String op = text(query, "op");
        List<ColumnLineage> current = "SETOP_NONE".equals(op) || op == null
                ? select(query, scope) : select(child(query, "larg"), scope);
        for (int round = 0; round < MAX_RECURSION_ROUNDS; round++) {
            scope.ctes.put(name, renamed(current, columnNames));
            List<ColumnLineage> next = select(query, scope);
            if (next.equals(current)) {
                break;
            }
            current = next;
            if (round == MAX_RECURSION_ROUNDS - 1) {
                current = current.stream().map(c -> new ColumnLineage(c.name(), Kind.DERIVED, c.sources(), List.of(), true, c.star())).toList();
            }
        }
        return current;
    }

    // ---- FROM ----

    private static void from(Map<String, Object> wrapped, Scope scope) {
        String type = typeOf(wrapped);
        Map<String, Object> node = body(wrapped);
        switch (type) {
            case "RangeVar" -> scope.items.add(baseOrCte(node, scope));
            case "RangeSubselect" -> {
                Map<String, Object> alias = child(node, "alias");
                List<ColumnLineage> columns = select(child(node, "subquery"), scope);
                scope.items.add(new DerivedItem(aliasName(alias, null), renamed(columns, alias == null ? List.of() : names(alias.get("colnames")))));
            }
            case "JoinExpr" -> {
                from(map(node.get("larg")), scope);
                from(map(node.get("rarg")), scope);
                Map<String, Object> quals = map(node.get("quals"));
                if (quals != null) {
                    scope.filters.addAll(expr(quals, scope).sources());
                }
                Map<String, Object> alias = child(node, "alias");
                if (alias != null) {
                    // (a JOIN b) AS j: j.x may be any column of either side.
                    scope.items.add(new AnyItem(aliasName(alias, null), derivedUnion(everything(scope), "?column?")));
                }
            }
            case "RangeFunction" -> {
                List<ColumnLineage> calls = new ArrayList<>();
                String first = null;
                for (Object pair : list(node.get("functions"))) {
                    List<Object> items = list(body(map(pair)).get("items"));
                    if (!items.isEmpty()) {
                        Map<String, Object> call = map(items.get(0));
                        calls.add(expr(call, scope));
                        if (first == null) {
                            first = outputName(call);
                        }
                    }
                }
                ColumnLineage any = derivedUnion(calls, "?column?");
                scope.items.add(new AnyItem(aliasName(child(node, "alias"), first), any));
            }
            case "RangeTableSample" -> from(map(node.get("relation")), scope);
            default -> scope.items.add(new AnyItem(aliasName(child(node, "alias"), null),
                    new ColumnLineage("?column?", Kind.DERIVED, Set.of(), List.of(), true, false)));
        }
    }

    private static Item baseOrCte(Map<String, Object> rangeVar, Scope scope) {
        String table = text(rangeVar, "relname");
        String schema = text(rangeVar, "schemaname");
        Map<String, Object> alias = child(rangeVar, "alias");
        String name = aliasName(alias, table);
        if (schema == null && scope.ctes.containsKey(table)) {
            return new DerivedItem(name, renamed(scope.ctes.get(table), alias == null ? List.of() : names(alias.get("colnames"))));
        }
        if (alias != null && !names(alias.get("colnames")).isEmpty()) {
            // FROM t AS x(a, b): columns renamed by position, which the parse tree alone cannot pair up.
            return new AnyItem(name, new ColumnLineage("?column?", Kind.DERIVED, Set.of(new SourceColumn(schema, table, null)), List.of(), false, false));
        }
        return new BaseItem(name, schema, table);
    }

    private static String aliasName(Map<String, Object> alias, String fallback) {
        String name = alias == null ? null : text(alias, "aliasname");
        return name != null ? name : fallback;
    }

    // ---- expressions ----

    private static ColumnLineage expr(Map<String, Object> wrapped, Scope scope) {
        if (wrapped == null) {
            return ColumnLineage.CONSTANT;
        }
        String type = typeOf(wrapped);
        if (type == null) {
            return generic(wrapped, scope);
        }
        Map<String, Object> node = body(wrapped);
        return switch (type) {
            case "A_Const", "ParamRef", "SQLValueFunction", "SetToDefault" -> ColumnLineage.CONSTANT;
            case "ColumnRef" -> columnRef(list(node.get("fields")), scope);
            case "TypeCast", "CollateClause" -> derived(expr(map(node.get("arg")), scope));
            case "FuncCall" -> function(node, scope);
            case "A_Indirection" -> indirection(node, scope);
            case "SubLink" -> subLink(node, scope);
            case "SelectStmt" -> derivedUnion(select(node, scope), "?column?");
            default -> generic(node, scope);
        };
    }

    /** Any other node: derived from every expression inside it. */
    private static ColumnLineage generic(Map<String, Object> node, Scope scope) {
        List<ColumnLineage> parts = new ArrayList<>();
        for (Object value : node.values()) {
            collect(value, scope, parts);
        }
        return derivedUnion(parts, "?column?");
    }

    private static void collect(Object value, Scope scope, List<ColumnLineage> into) {
        if (value instanceof List<?> items) {
            for (Object item : items) {
                collect(item, scope, into);
            }
            return;
        }
        Map<String, Object> node = map(value);
        if (node == null) {
            return;
        }
        if (typeOf(node) != null) {
            into.add(expr(node, scope));
        } else {
            into.add(generic(node, scope));
        }
    }

    private static ColumnLineage function(Map<String, Object> node, Scope scope) {
        List<String> qualified = names(node.get("funcname"));
        String name = qualified.isEmpty() ? "" : qualified.get(qualified.size() - 1);
        List<Object> args = list(node.get("args"));
        if (PRESERVING.contains(name) && (qualified.size() == 1 || "pg_catalog".equals(qualified.get(0)))) {
            return ColumnLineage.CONSTANT.named(name);
        }
        List<ColumnLineage> parts = new ArrayList<>();
        for (Object arg : args) {
            parts.add(expr(map(arg), scope));
        }
        boolean builtIn = BuiltInFunctions.isBuiltIn(qualified);
        if (builtIn && ROW_STRUCTURES.contains(name) && !parts.isEmpty() && parts.get(0).kind() == Kind.WHOLE_ROW
                && node.get("over") == null) {
            ColumnLineage row = parts.get(0);
            return new ColumnLineage(name, Kind.WHOLE_ROW, row.sources(), row.fields(), row.unknown(), false);
        }
        // FILTER, ORDER BY inside aggregates and window clauses choose and order values; they do not pass them on.
        ColumnLineage result = derivedUnion(parts, name);
        if (!builtIn) {
            // A routine the gateway cannot read may read any table: its result is unknown.
            return new ColumnLineage(name, Kind.DERIVED, result.sources(), List.of(), true, false);
        }
        return result;
    }

    private static ColumnLineage indirection(Map<String, Object> node, Scope scope) {
        ColumnLineage base = expr(map(node.get("arg")), scope);
        List<Object> path = list(node.get("indirection"));
        if (base.kind() == Kind.WHOLE_ROW && path.size() == 1 && "String".equals(typeOf(map(path.get(0))))) {
            String field = String.valueOf(body(map(path.get(0))).get("sval"));
            return fieldOf(base, field);
        }
        List<ColumnLineage> parts = new ArrayList<>(List.of(base));
        collect(path, scope, parts);
        return derivedUnion(parts, "?column?");
    }

    /** {@code (c).ssn}: the field of a whole-row value. */
    private static ColumnLineage fieldOf(ColumnLineage row, String field) {
        Set<SourceColumn> sources = new LinkedHashSet<>();
        boolean direct = true;
        for (RowField f : row.fields()) {
            if (f.key() == null) {
                sources.add(new SourceColumn(f.source().schema(), f.source().table(), field));
            } else if (f.key().equals(field)) {
                sources.add(f.source());
                direct &= f.direct();
            }
        }
        if (sources.isEmpty()) {
            return new ColumnLineage(field, Kind.DERIVED, row.sources(), List.of(), true, false);
        }
        return new ColumnLineage(field, direct ? Kind.DIRECT : Kind.DERIVED, sources, List.of(), row.unknown(), false);
    }

    private static ColumnLineage subLink(Map<String, Object> node, Scope scope) {
        List<ColumnLineage> inner = select(child(node, "subselect"), scope);
        String kind = text(node, "subLinkType");
        if ("EXPR_SUBLINK".equals(kind) && inner.size() == 1 && !inner.get(0).star()) {
            return inner.get(0); // a scalar subquery is its one column
        }
        List<ColumnLineage> parts = new ArrayList<>(inner);
        parts.add(expr(map(node.get("testexpr")), scope));
        return derivedUnion(parts, "?column?");
    }

    private static boolean isStar(Map<String, Object> value) {
        if (!"ColumnRef".equals(typeOf(value))) {
            return false;
        }
        List<Object> fields = list(body(value).get("fields"));
        return !fields.isEmpty() && "A_Star".equals(typeOf(map(fields.get(fields.size() - 1))));
    }

    /** The output columns of {@code *} or {@code x.*} in a target list. */
    private static List<ColumnLineage> star(Map<String, Object> columnRef, Scope scope) {
        List<String> qualifier = qualifier(list(columnRef.get("fields")));
        List<Item> items = qualifier.isEmpty() ? scope.items : findItems(qualifier, scope);
        if (items.isEmpty()) {
            return List.of(new ColumnLineage("?column?", Kind.DERIVED, Set.of(), List.of(), true, true));
        }
        List<ColumnLineage> out = new ArrayList<>();
        for (Item item : items) {
            switch (item) {
                case BaseItem base -> out.add(new ColumnLineage(base.table(), Kind.DIRECT,
                        Set.of(new SourceColumn(base.schema(), base.table(), null)), List.of(), false, true));
                case DerivedItem derived -> out.addAll(derived.columns());
                case AnyItem any -> out.add(new ColumnLineage(any.any().name(), any.any().kind(), any.any().sources(), List.of(),
                        any.any().unknown(), true));
            }
        }
        return out;
    }

    private static List<String> qualifier(List<Object> fields) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields.size() - 1; i++) {
            Map<String, Object> field = map(fields.get(i));
            if ("String".equals(typeOf(field))) {
                names.add(String.valueOf(body(field).get("sval")));
            }
        }
        return names;
    }

    private static ColumnLineage columnRef(List<Object> fields, Scope scope) {
        Map<String, Object> last = map(fields.get(fields.size() - 1));
        if ("A_Star".equals(typeOf(last))) {
            // c.* or * as a value (row_to_json(c.*), count(*) is handled as a preserving aggregate)
            List<String> qualifier = qualifier(fields);
            List<Item> items = qualifier.isEmpty() ? scope.items : findItems(qualifier, scope);
            return items.isEmpty() ? unknown("*") : wholeRow(items);
        }
        List<String> names = names(fields);
        if (names.size() == 1) {
            return unqualified(names.get(0), scope);
        }
        List<Item> items = findItems(names.subList(0, names.size() - 1), scope);
        if (items.isEmpty()) {
            // x.y where x is no FROM item: a field of a composite column (PostgreSQL tries that next).
            ColumnLineage composite = unqualified(names.get(0), scope);
            return composite.kind() == Kind.WHOLE_ROW ? fieldOf(composite, names.get(1)) : derived(composite);
        }
        return columnOf(items, names.get(names.size() - 1));
    }

    private static ColumnLineage unqualified(String name, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            List<Item> aliased = new ArrayList<>();
            for (Item item : s.items) {
                if (name.equals(item.alias())) {
                    aliased.add(item);
                }
            }
            List<ColumnLineage> found = new ArrayList<>();
            for (Item item : s.items) {
                ColumnLineage column = columnIn(item, name);
                if (column != null) {
                    found.add(column);
                }
            }
            if (!aliased.isEmpty()) {
                // A table's alias as a value is its whole row; were it also a column name, the whole row covers it.
                return wholeRow(aliased);
            }
            if (!found.isEmpty()) {
                return found.size() == 1 ? found.get(0).named(name) : unionAll(found, name);
            }
        }
        return unknown(name);
    }

    private static ColumnLineage columnOf(List<Item> items, String name) {
        List<ColumnLineage> found = new ArrayList<>();
        for (Item item : items) {
            ColumnLineage column = columnIn(item, name);
            if (column != null) {
                found.add(column);
            }
        }
        if (found.isEmpty()) {
            return unknown(name);
        }
        return found.size() == 1 ? found.get(0).named(name) : unionAll(found, name);
    }

    /** The column {@code name} of one FROM item, or null when the item has no such column. */
    private static ColumnLineage columnIn(Item item, String name) {
        return switch (item) {
            case BaseItem base -> new ColumnLineage(name, Kind.DIRECT, Set.of(new SourceColumn(base.schema(), base.table(), name)),
                    List.of(), false, false);
            case DerivedItem derived -> {
                ColumnLineage match = null;
                for (ColumnLineage column : derived.columns()) {
                    if (column.star()) {
                        // The subquery's * of unknown width may hold this name.
                        ColumnLineage widened = column.kind() == Kind.DIRECT && column.sources().size() == 1
                                && column.sources().iterator().next().wholeRow()
                                ? new ColumnLineage(name, Kind.DIRECT, Set.of(new SourceColumn(column.sources().iterator().next().schema(),
                                        column.sources().iterator().next().table(), name)), List.of(), false, false)
                                : column.named(name);
                        match = match == null ? widened : union(match, widened, name);
                    } else if (name.equals(column.name())) {
                        match = match == null ? column : union(match, column, name);
                    }
                }
                yield match;
            }
            case AnyItem any -> any.any().named(name);
        };
    }

    private static List<Item> findItems(List<String> qualifier, Scope scope) {
        String alias = qualifier.get(qualifier.size() - 1);
        String schema = qualifier.size() >= 2 ? qualifier.get(qualifier.size() - 2) : null;
        for (Scope s = scope; s != null; s = s.parent) {
            List<Item> found = new ArrayList<>();
            for (Item item : s.items) {
                if (alias.equals(item.alias()) && (schema == null || !(item instanceof BaseItem base) || schema.equals(base.schema())
                        || base.schema() == null)) {
                    found.add(item);
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static ColumnLineage wholeRow(List<Item> items) {
        Set<SourceColumn> sources = new LinkedHashSet<>();
        List<RowField> fields = new ArrayList<>();
        boolean unknown = false;
        for (Item item : items) {
            switch (item) {
                case BaseItem base -> {
                    SourceColumn all = new SourceColumn(base.schema(), base.table(), null);
                    sources.add(all);
                    fields.add(new RowField(null, all, true));
                }
                case DerivedItem derived -> {
                    for (ColumnLineage column : derived.columns()) {
                        sources.addAll(column.sources());
                        unknown |= column.unknown();
                        if (column.star() || column.kind() == Kind.WHOLE_ROW) {
                            for (SourceColumn source : column.sources()) {
                                fields.add(new RowField(column.star() ? null : column.name(), source, false));
                            }
                            fields.addAll(column.fields());
                        } else {
                            for (SourceColumn source : column.sources()) {
                                fields.add(new RowField(column.name(), source, column.kind() == Kind.DIRECT));
                            }
                        }
                    }
                }
                case AnyItem any -> {
                    sources.addAll(any.any().sources());
                    unknown = true; // its keys are unknown
                }
            }
        }
        return new ColumnLineage(items.get(0).alias(), Kind.WHOLE_ROW, sources, fields, unknown, false);
    }

    // ---- combining ----

    private static ColumnLineage unknown(String name) {
        return new ColumnLineage(name, Kind.DERIVED, Set.of(), List.of(), true, false);
    }

    private static ColumnLineage derived(ColumnLineage of) {
        if (of.kind() == Kind.CONSTANT) {
            return of;
        }
        return new ColumnLineage(of.name(), Kind.DERIVED, of.sources(), List.of(), of.unknown(), false);
    }

    private static ColumnLineage derivedUnion(List<ColumnLineage> parts, String name) {
        Set<SourceColumn> sources = new LinkedHashSet<>();
        boolean unknown = false;
        for (ColumnLineage part : parts) {
            sources.addAll(part.sources());
            unknown |= part.unknown();
        }
        if (sources.isEmpty() && !unknown) {
            return ColumnLineage.CONSTANT.named(name);
        }
        return new ColumnLineage(name, Kind.DERIVED, sources, List.of(), unknown, false);
    }

    /** Two lineages for one column (a UNION, an ambiguous name): direct only if both are. */
    private static ColumnLineage union(ColumnLineage a, ColumnLineage b, String name) {
        if (a.kind() == Kind.CONSTANT) {
            return b.named(name);
        }
        if (b.kind() == Kind.CONSTANT) {
            return a.named(name);
        }
        Set<SourceColumn> sources = new LinkedHashSet<>(a.sources());
        sources.addAll(b.sources());
        Kind kind = a.kind() == b.kind() ? a.kind() : Kind.DERIVED;
        List<RowField> fields = kind == Kind.WHOLE_ROW ? concatFields(a.fields(), b.fields()) : List.of();
        return new ColumnLineage(name, kind, sources, fields, a.unknown() || b.unknown(), a.star() || b.star());
    }

    private static ColumnLineage unionAll(List<ColumnLineage> parts, String name) {
        ColumnLineage out = parts.get(0).named(name);
        for (int i = 1; i < parts.size(); i++) {
            out = union(out, parts.get(i), name);
        }
        return out;
    }

    private static List<RowField> concatFields(List<RowField> a, List<RowField> b) {
        List<RowField> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<ColumnLineage> concat(List<ColumnLineage> a, List<ColumnLineage> b) {
        List<ColumnLineage> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean hasStar(List<ColumnLineage> columns) {
        return columns.stream().anyMatch(ColumnLineage::star);
    }

    /** Everything a scope's items hold (for an aliased join, whose columns are not known by name). */
    private static List<ColumnLineage> everything(Scope scope) {
        List<ColumnLineage> all = new ArrayList<>();
        for (Item item : scope.items) {
            all.add(wholeRow(List.of(item)));
        }
        return all;
    }

    private static List<ColumnLineage> renamed(List<ColumnLineage> columns, List<String> names) {
        if (names.isEmpty()) {
            return columns;
        }
        if (hasStar(columns)) {
            // Renaming past a * of unknown width: no name can be trusted.
            ColumnLineage all = derivedUnion(columns, "?column?");
            return names.stream().map(n -> new ColumnLineage(n, Kind.DERIVED, all.sources(), List.of(), true, false)).toList();
        }
        List<ColumnLineage> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            out.add(i < names.size() ? columns.get(i).named(names.get(i)) : columns.get(i));
        }
        return out;
    }

    /** The name PostgreSQL gives an output column without an alias (FigureColname, simplified). */
    private static String outputName(Map<String, Object> wrapped) {
        String type = typeOf(wrapped);
        if (type == null) {
            return "?column?";
        }
        Map<String, Object> node = body(wrapped);
        return switch (type) {
            case "ColumnRef" -> {
                List<String> names = names(node.get("fields"));
                yield names.isEmpty() ? "?column?" : names.get(names.size() - 1);
            }
            case "FuncCall" -> {
                List<String> names = names(node.get("funcname"));
                yield names.isEmpty() ? "?column?" : names.get(names.size() - 1);
            }
            case "TypeCast" -> {
                String inner = outputName(map(node.get("arg")));
                if (!"?column?".equals(inner)) {
                    yield inner;
                }
                List<String> typeName = names(child(node, "typeName") == null ? null : child(node, "typeName").get("names"));
                yield typeName.isEmpty() ? "?column?" : typeName.get(typeName.size() - 1);
            }
            case "A_Indirection" -> {
                List<String> names = names(node.get("indirection"));
                yield names.isEmpty() ? outputName(map(node.get("arg"))) : names.get(names.size() - 1);
            }
            case "CaseExpr" -> "case";
            case "CoalesceExpr" -> "coalesce";
            case "SubLink" -> {
                Map<String, Object> sub = child(node, "subselect");
                List<Object> targets = sub == null ? List.of() : list(sub.get("targetList"));
                yield "EXPR_SUBLINK".equals(text(node, "subLinkType")) && targets.size() == 1
                        ? outputOfTarget(body(map(targets.get(0)))) : "?column?";
            }
            default -> "?column?";
        };
    }

    private static String outputOfTarget(Map<String, Object> res) {
        String alias = text(res, "name");
        return alias != null ? alias : outputName(map(res.get("val")));
    }
}
