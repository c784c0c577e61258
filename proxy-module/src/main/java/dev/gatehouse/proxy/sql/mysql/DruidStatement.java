package dev.gatehouse.proxy.sql.mysql;

import com.alibaba.druid.sql.ast.SQLObject;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlSchemaStatVisitor;
import com.alibaba.druid.sql.visitor.SchemaStatVisitor;
import com.alibaba.druid.stat.TableStat;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.proxy.sql.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One canonical statement (see {@link MySqlScanner}) parsed by Alibaba Druid's MySQL parser, the
 * candidate chosen by measurement (docs/adr/0023), and reduced to what guardrails decide on. Druid
 * only ever sees text the gateway has already cut and canonicalised, and it must find exactly one
 * statement in it.
 */
final class DruidStatement {

    /** Druid's schema repository reports every CREATE TABLE it sees at INFO: the statistics visitor is all we use of it. */
    private static final java.util.logging.Logger QUIET = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("com.alibaba.druid.sql.repository.SchemaRepository");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** What Druid read: the statement tree, or its refusal. */
    record Parsed(SQLStatement statement, String error) {
    }

    /** The parts of a tree guardrails look at. */
    record Facts(List<SQLStatement> nested, Set<String> functions, boolean serverFile, List<String> alterDrops) {
    }

    private DruidStatement() {
    }

    static Parsed parse(String canonical) {
        List<SQLStatement> statements;
        try {
            statements = new MySqlStatementParser(canonical).parseStatementList();
        } catch (RuntimeException | StackOverflowError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int newline = message.indexOf('\n');
            return new Parsed(null, newline < 0 ? message : message.substring(0, newline));
        }
        List<SQLStatement> real = statements.stream().filter(s -> !s.getClass().getSimpleName().equals("SQLEmptyStatement")).toList();
        if (real.size() != 1) {
            // The gateway cut one statement here; a parser that reads another number would classify something else.
            return new Parsed(null, "the parser reads " + real.size() + " statements where the server reads one");
        }
        return new Parsed(real.get(0), null);
    }

    /** Everything below the root: nested statements (routine bodies), called functions, server file access. */
    static Facts facts(SQLStatement root) {
        List<SQLStatement> nested = new ArrayList<>();
        Set<String> functions = new LinkedHashSet<>();
        List<String> alterDrops = new ArrayList<>();
        boolean[] serverFile = {false};
        // A plain EXPLAIN plans its statement without running it: what is inside is not done.
        boolean explainOnly = StatementKinds.classOf(root.getClass().getSimpleName()) == StatementClass.EXPLAIN;
        root.accept(new MySqlASTVisitorAdapter() {
            @Override
            public void preVisit(SQLObject node) {
                String name = node.getClass().getSimpleName();
                if (node != root && node instanceof SQLStatement statement && !explainOnly && !name.equals("SQLBlockStatement")
                        && !name.equals("SQLIfStatement") && !name.contains("Loop") && !name.contains("While")
                        && !name.contains("Repeat") && !name.contains("Declare") && !name.contains("Case")) {
                    nested.add(statement);
                } else if (node instanceof SQLMethodInvokeExpr call && call.getMethodName() != null) {
                    String function = call.getMethodName().replace("`", "").toLowerCase(Locale.ROOT);
                    functions.add(function);
                    serverFile[0] |= function.equals("load_file");
                } else if (name.equals("MySqlOutFileExpr")) {
                    serverFile[0] = true; // SELECT ... INTO OUTFILE / DUMPFILE writes a file on the server
                } else if (name.contains("AlterTableDrop")) {
                    alterDrops.add(name.substring(name.indexOf("AlterTableDrop") + "AlterTableDrop".length()));
                }
            }
        });
        return new Facts(nested, functions, serverFile[0], alterDrops);
    }

    /** The tables a statement reads and those it changes, from Druid's own statistics visitor. */
    record Tables(List<TableRef> read, List<TableRef> changed) {
    }

    static Tables tables(SQLStatement statement) {
        SchemaStatVisitor visitor = new MySqlSchemaStatVisitor();
        statement.accept(visitor);
        List<TableRef> read = new ArrayList<>();
        List<TableRef> changed = new ArrayList<>();
        for (Map.Entry<TableStat.Name, TableStat> entry : visitor.getTables().entrySet()) {
            TableRef ref = tableRef(entry.getKey().getName());
            if (ref == null) {
                continue;
            }
            TableStat stat = entry.getValue();
            boolean writes = stat.getInsertCount() + stat.getUpdateCount() + stat.getDeleteCount() + stat.getDropCount()
                    + stat.getCreateCount() + stat.getAlterCount() + stat.getMergeCount() + stat.getCreateIndexCount()
                    + stat.getDropIndexCount() > 0;
            if (writes) {
                changed.add(ref);
            }
            if (stat.getSelectCount() > 0 && !writes) {
                read.add(ref);
            }
        }
        return new Tables(read, changed);
    }

    /**
     * {@code db.table} as Druid names it, backticks removed, folded to lower case: MySQL on Windows
     * and macOS (lower_case_table_names) folds them, so a rule on {@code secrets} must also see
     * {@code SECRETS}.
     */
    static TableRef tableRef(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c == '`') {
                if (quoted && k + 1 < name.length() && name.charAt(k + 1) == '`') {
                    part.append('`');
                    k++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        String table = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2).toLowerCase(Locale.ROOT) : null;
        return table.isEmpty() ? null : new TableRef(schema, table);
    }

    /** Whether the statement is one of the kinds a top-level class comes from (for nested statements too). */
    static StatementClass statementClass(SQLStatement statement) {
        return StatementKinds.classOf(statement.getClass().getSimpleName());
    }
}
