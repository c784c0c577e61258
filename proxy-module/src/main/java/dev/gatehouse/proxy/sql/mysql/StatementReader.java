package dev.gatehouse.proxy.sql.mysql;

import com.alibaba.druid.sql.ast.SQLLimit;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlDeleteStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlExecuteStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlLoadDataInFileStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlPrepareStatement;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.ObjectKind;
import dev.gatehouse.proxy.sql.Operation;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.proxy.sql.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One statement, already cut and canonicalised, reduced to what guardrails decide on. MariaDB's own
 * statements that Druid does not parse (HANDLER, DO, EXECUTE IMMEDIATE, ANALYZE of a statement,
 * SET STATEMENT ... FOR, anonymous compound statements) are recognised by their first words and
 * reduced to statements Druid does parse; everything else goes to Druid whole.
 */
final class StatementReader {

    /** Prepared text inside prepared text inside ...: beyond this depth it is refused. */
    static final int MAX_DEPTH = 4;

    record Result(AnalyzedStatement statement, String error) {
        static Result of(AnalyzedStatement statement) {
            return new Result(statement, null);
        }

        static Result error(String error) {
            return new Result(null, error);
        }
    }

    private StatementReader() {
    }

    static Result read(MySqlScanner.Piece piece, MySqlReading reading, int depth) {
        if (depth > MAX_DEPTH) {
            return Result.error("statements prepared inside prepared statements more than " + MAX_DEPTH + " deep");
        }
        List<MySqlToken> tokens = piece.tokens();
        String first = tokens.get(0).word();
        String second = tokens.size() > 1 ? tokens.get(1).word() : null;
        String text = piece.text();
        if (first != null) {
            switch (first) {
                case "HANDLER" -> {
                    return handler(text, tokens);
                }
                case "DO" -> {
                    return reread(text, "SELECT " + piece.canonical().substring(tokens.get(1).at()), StatementClass.SELECT, reading, depth);
                }
                case "KILL", "SIGNAL", "RESIGNAL", "INSTALL", "UNINSTALL", "CHANGE" -> {
                    return Result.of(simple(text, StatementClass.OTHER));
                }
                case "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA", "START" -> {
                    if (!first.equals("START") || "TRANSACTION".equals(second)) {
                        return Result.of(simple(text, StatementClass.TRANSACTION)); // no tables, no expressions
                    }
                }
                case "BEGIN" -> {
                    if (tokens.size() == 1 || tokens.size() == 2 && "WORK".equals(second)) {
                        return Result.of(simple(text, StatementClass.TRANSACTION));
                    }
                }
                case "DEALLOCATE", "DROP" -> {
                    if ("PREPARE".equals(second) && tokens.size() == 3) {
                        return Result.of(new AnalyzedStatement(text, List.of(Operation.of(StatementClass.DEALLOCATE)), Set.of(), false,
                                false, name(tokens.get(2).text())));
                    }
                }
                case "REPAIR" -> {
                    return Result.of(simple(text, StatementClass.MAINTENANCE));
                }
                case "DESC", "DESCRIBE" -> {
                    return Result.of(simple(text, StatementClass.SHOW)); // DESCRIBE t lists columns; EXPLAIN is spelt EXPLAIN here
                }
                case "EXECUTE" -> {
                    if ("IMMEDIATE".equals(second)) {
                        return executeImmediate(text, tokens, reading, depth);
                    }
                }
                case "ANALYZE" -> {
                    if (second == null || !Set.of("TABLE", "TABLES", "NO_WRITE_TO_BINLOG", "LOCAL").contains(second)) {
                        return runsInner(text, piece.canonical().substring(tokens.get(1).at()), reading, depth);
                    }
                }
                case "SET" -> {
                    if ("STATEMENT".equals(second)) {
                        int forAt = forIndex(tokens);
                        if (forAt < 0 || forAt + 1 >= tokens.size()) {
                            return Result.error("SET STATEMENT without FOR and a statement");
                        }
                        return inner(text, piece.canonical().substring(tokens.get(forAt + 1).at()), reading, depth);
                    }
                    if ("ROLE".equals(second) || "DEFAULT".equals(second) && tokens.size() > 2 && tokens.get(2).isWord("ROLE")) {
                        return Result.of(simple(text, StatementClass.SET));
                    }
                }
                default -> {
                }
            }
            if (CompoundStatements.startsCompound(tokens) && !CompoundStatements.isRoutine(tokens)) {
                return anonymousBlock(piece, reading, depth);
            }
        }
        DruidStatement.Parsed parsed = DruidStatement.parse(piece.canonical());
        if (parsed.error() != null) {
            return Result.error(parsed.error());
        }
        return Result.of(describe(text, parsed.statement(), reading, depth));
    }

    /** HANDLER t OPEN reads table t from then on; READ and CLOSE work on what OPEN opened. */
    private static Result handler(String text, List<MySqlToken> tokens) {
        int k = 1;
        List<String> name = new ArrayList<>();
        while (k < tokens.size() && (tokens.get(k).kind() == MySqlToken.Kind.WORD || tokens.get(k).kind() == MySqlToken.Kind.QUOTED_IDENTIFIER)) {
            name.add(tokens.get(k).text());
            k++;
            if (k < tokens.size() && tokens.get(k).isSymbol(".")) {
                k++;
            } else {
                break;
            }
        }
        String action = k < tokens.size() ? tokens.get(k).word() : null;
        if (name.isEmpty() || action == null) {
            return Result.error("a HANDLER statement without a table and OPEN, READ or CLOSE");
        }
        if (action.equals("OPEN")) {
            TableRef table = new TableRef(name.size() > 1 ? name.get(0).toLowerCase(Locale.ROOT) : null,
                    name.get(name.size() - 1).toLowerCase(Locale.ROOT));
            return Result.of(new AnalyzedStatement(text, List.of(new Operation(StatementClass.SELECT, null, List.of(table), false)),
                    Set.of(), false, false, null));
        }
        if (action.equals("READ")) {
            for (int j = k; j < tokens.size(); j++) {
                if (tokens.get(j).isSymbol("(") && j > 0 && tokens.get(j - 1).kind() == MySqlToken.Kind.WORD
                        && !tokens.get(j - 1).isWord("IN")) {
                    return Result.error("a function call in HANDLER ... READ, which the gateway does not check");
                }
            }
            return Result.of(simple(text, StatementClass.SELECT));
        }
        return Result.of(simple(text, StatementClass.OTHER));
    }

    /** EXECUTE IMMEDIATE 'literal' runs that text; anything else runs text the gateway cannot see. */
    private static Result executeImmediate(String text, List<MySqlToken> tokens, MySqlReading reading, int depth) {
        if (tokens.size() == 3 && tokens.get(2).kind() == MySqlToken.Kind.STRING) {
            return nested(text, tokens.get(2).text(), reading, depth, null);
        }
        return Result.of(opaque(text, StatementClass.DO));
    }

    /** ANALYZE SELECT/UPDATE/DELETE runs the statement and reports on it: an EXPLAIN that runs. */
    private static Result runsInner(String text, String canonical, MySqlReading reading, int depth) {
        Result inner = inner(text, canonical, reading, depth);
        if (inner.error() != null) {
            return inner;
        }
        List<Operation> operations = new ArrayList<>();
        operations.add(Operation.of(StatementClass.EXPLAIN));
        operations.addAll(inner.statement().operations());
        AnalyzedStatement s = inner.statement();
        return Result.of(new AnalyzedStatement(text, operations, s.functions(), s.serverSideCopy(), s.opaqueCode(), s.preparedName()));
    }

    private static Result inner(String text, String canonical, MySqlReading reading, int depth) {
        MySqlScanner.Scan scan = MySqlScanner.scan(canonical, reading);
        if (scan.failed() || scan.pieces().size() != 1 || scan.pieces().get(0).empty()) {
            return Result.error(scan.failed() ? scan.error() : "no single statement after its prefix");
        }
        Result result = read(scan.pieces().get(0), reading, depth + 1);
        return result.error() != null ? result : Result.of(retext(result.statement(), text));
    }

    private static Result reread(String text, String canonical, StatementClass as, MySqlReading reading, int depth) {
        DruidStatement.Parsed parsed = DruidStatement.parse(canonical);
        if (parsed.error() != null) {
            return Result.error(parsed.error());
        }
        AnalyzedStatement described = describe(text, parsed.statement(), reading, depth);
        List<Operation> operations = new ArrayList<>(described.operations());
        operations.set(0, new Operation(as, null, operations.get(0).tables(), false));
        return Result.of(new AnalyzedStatement(text, operations, described.functions(), described.serverSideCopy(),
                described.opaqueCode(), null));
    }

    /** BEGIN NOT ATOMIC ... END, IF ... END IF and loops outside a routine: code run at once, judged by what it contains. */
    private static Result anonymousBlock(MySqlScanner.Piece piece, MySqlReading reading, int depth) {
        String canonical = piece.canonical();
        String body = piece.tokens().get(0).isWord("BEGIN")
                ? "BEGIN " + canonical.substring(piece.tokens().get(2).at() + piece.tokens().get(2).text().length())
                : "BEGIN " + canonical + "; END";
        DruidStatement.Parsed parsed = DruidStatement.parse("CREATE PROCEDURE gatehouse_block() " + body);
        if (parsed.error() != null) {
            return Result.error(parsed.error());
        }
        AnalyzedStatement described = describe(piece.text(), parsed.statement(), reading, depth);
        List<Operation> operations = new ArrayList<>(described.operations());
        operations.set(0, Operation.of(StatementClass.DO));
        return Result.of(new AnalyzedStatement(piece.text(), operations, described.functions(), described.serverSideCopy(),
                described.opaqueCode(), null));
    }

    /** A statement as Druid parsed it: its class, tables, functions, nested statements and flags. */
    static AnalyzedStatement describe(String text, SQLStatement root, MySqlReading reading, int depth) {
        DruidStatement.Facts facts = DruidStatement.facts(root);
        List<Operation> operations = new ArrayList<>(operationsOf(root));
        Set<String> functions = new LinkedHashSet<>(facts.functions());
        boolean serverFile = facts.serverFile();
        boolean opaque = false;
        String preparedName = null;
        for (String dropped : facts.alterDrops()) {
            operations.add(new Operation(StatementClass.DROP, StatementKinds.droppedKind(dropped), operations.get(0).tables(), false));
        }
        if (root instanceof MySqlLoadDataInFileStatement load) {
            serverFile |= !load.isLocal(); // LOAD DATA INFILE reads a file on the database server; LOCAL, one the client sends
        }
        if (root instanceof MySqlPrepareStatement prepare) {
            preparedName = name(prepare.getName() == null ? null : prepare.getName().getSimpleName());
            if (prepare.getFrom() instanceof SQLCharExpr literal) {
                Result body = nested(text, literal.getText(), reading, depth, preparedName);
                if (body.error() != null) {
                    return new AnalyzedStatement(text, List.of(Operation.of(StatementClass.PREPARE), Operation.of(StatementClass.DO)),
                            functions, serverFile, true, preparedName);
                }
                List<Operation> withBody = new ArrayList<>(List.of(Operation.of(StatementClass.PREPARE)));
                withBody.addAll(body.statement().operations());
                functions.addAll(body.statement().functions());
                return new AnalyzedStatement(text, withBody, functions, serverFile || body.statement().serverSideCopy(),
                        body.statement().opaqueCode(), preparedName);
            }
            // PREPARE ... FROM @variable: the text is whatever the variable holds, which the gateway does not see.
            return new AnalyzedStatement(text, List.of(Operation.of(StatementClass.PREPARE), Operation.of(StatementClass.DO)),
                    functions, serverFile, true, preparedName);
        }
        if (root instanceof MySqlExecuteStatement execute) {
            preparedName = name(execute.getStatementName() == null ? null : execute.getStatementName().getSimpleName());
        }
        if (operations.get(0).statementClass() == StatementClass.DEALLOCATE) {
            preparedName = deallocatedName(text);
        }
        for (SQLStatement inner : facts.nested()) {
            if (inner instanceof MySqlPrepareStatement prepare) {
                Result body = prepare.getFrom() instanceof SQLCharExpr literal ? nested(text, literal.getText(), reading, depth, null) : null;
                if (body == null || body.error() != null) {
                    opaque = true; // dynamic SQL inside a routine body: text the gateway cannot see
                    operations.add(Operation.of(StatementClass.DO));
                } else {
                    operations.addAll(body.statement().operations());
                    functions.addAll(body.statement().functions());
                    serverFile |= body.statement().serverSideCopy();
                }
            } else if (!(inner instanceof MySqlExecuteStatement)) {
                operations.addAll(operationsOf(inner)); // an EXECUTE inside a body runs what its PREPARE, judged above, holds
            }
        }
        return new AnalyzedStatement(text, operations, functions, serverFile, opaque, preparedName);
    }

    /** The statement's own operation, plus a SELECT of the tables it reads besides those it changes. */
    private static List<Operation> operationsOf(SQLStatement statement) {
        String className = statement.getClass().getSimpleName();
        StatementClass statementClass = DruidStatement.statementClass(statement);
        DruidStatement.Tables tables = DruidStatement.tables(statement);
        ObjectKind kind = switch (statementClass) {
            case CREATE, ALTER, DROP -> StatementKinds.kindOf(className);
            case ALTER_ROLE -> ObjectKind.ROLE;
            default -> null;
        };
        if (statementClass == StatementClass.DROP && kind == ObjectKind.ROLE) {
            kind = ObjectKind.ROLE;
        }
        boolean unbounded = switch (statement) {
            case SQLUpdateStatement update -> WhereTruth.alwaysTrue(update.getWhere()) && noLimit(update.getLimit());
            case MySqlDeleteStatement delete -> WhereTruth.alwaysTrue(delete.getWhere()) && noLimit(delete.getLimit());
            case SQLDeleteStatement delete -> WhereTruth.alwaysTrue(delete.getWhere());
            default -> false;
        };
        List<Operation> operations = new ArrayList<>();
        List<TableRef> own = statementClass == StatementClass.SELECT || statementClass == StatementClass.SHOW
                || statementClass == StatementClass.EXPLAIN ? tables.read() : tables.changed();
        operations.add(new Operation(statementClass, kind, own, unbounded));
        if (statementClass != StatementClass.SELECT && !tables.read().isEmpty()) {
            operations.add(new Operation(StatementClass.SELECT, null, tables.read(), false));
        }
        return operations;
    }

    private static boolean noLimit(SQLLimit limit) {
        return limit == null;
    }

    private static Result nested(String text, String preparedText, MySqlReading reading, int depth, String preparedName) {
        MySqlAnalysis inner = MySqlStatements.analyzeNested(preparedText, reading, depth + 1);
        SqlAnalysis analysis = inner.analysis();
        if (!analysis.parsed() || analysis.statements().size() != 1 || inner.pinnedRefusal() != null) {
            return Result.error(analysis.parsed() ? "prepared text must hold exactly one statement the gateway can read"
                    : analysis.parseError());
        }
        return Result.of(retext(analysis.statements().get(0), text));
    }

    private static AnalyzedStatement retext(AnalyzedStatement statement, String text) {
        return new AnalyzedStatement(text, statement.operations(), statement.functions(), statement.serverSideCopy(),
                statement.opaqueCode(), statement.preparedName());
    }

    static AnalyzedStatement simple(String text, StatementClass statementClass) {
        return new AnalyzedStatement(text, List.of(Operation.of(statementClass)), Set.of(), false, false, null);
    }

    private static AnalyzedStatement opaque(String text, StatementClass statementClass) {
        return new AnalyzedStatement(text, List.of(Operation.of(statementClass)), Set.of(), false, true, null);
    }

    /** Prepared statement names are not case-sensitive in MySQL. */
    private static String name(String name) {
        return name == null ? null : name.replace("`", "").toLowerCase(Locale.ROOT);
    }

    private static String deallocatedName(String text) {
        String[] words = text.strip().split("\\s+");
        return words.length >= 3 ? name(words[2].replace(";", "")) : null;
    }

    private static int forIndex(List<MySqlToken> tokens) {
        int depth = 0;
        for (int k = 0; k < tokens.size(); k++) {
            depth += tokens.get(k).isSymbol("(") ? 1 : tokens.get(k).isSymbol(")") ? -1 : 0;
            if (depth == 0 && tokens.get(k).isWord("FOR")) {
                return k;
            }
        }
        return -1;
    }

}
