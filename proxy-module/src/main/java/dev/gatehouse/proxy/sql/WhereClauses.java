package dev.gatehouse.proxy.sql;

import static dev.gatehouse.proxy.sql.ParseNodes.body;
import static dev.gatehouse.proxy.sql.ParseNodes.list;
import static dev.gatehouse.proxy.sql.ParseNodes.map;
import static dev.gatehouse.proxy.sql.ParseNodes.names;
import static dev.gatehouse.proxy.sql.ParseNodes.typeOf;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a WHERE clause bounds a write. "No WHERE" is easy; the evasions are clauses that
 * are always true: {@code WHERE true}, {@code WHERE 1=1}, {@code WHERE 'a'='a'}, {@code WHERE id =
 * id}, {@code WHERE NOT false}, {@code WHERE x > 0 OR 1=1}. This folds constants the way a reader
 * would; anything it cannot fold counts as a real condition.
 */
final class WhereClauses {

    /** Whether some part of the clause was decided by a literal's value (see {@link SqlAnalysis#literalSensitive}). */
    private boolean literalDecided;

    private WhereClauses() {
    }

    /** Whether the statement's WHERE clause leaves the write unbounded. */
    static boolean unbounded(Map<String, Object> statementBody) {
        return new WhereClauses().judge(statementBody);
    }

    /**
     * Whether judging the clause looked at a literal's value: then the same statement with other
     * literals may be judged differently ({@code 1=1} against {@code 1=2}).
     */
    static boolean dependsOnLiterals(Map<String, Object> statementBody) {
        WhereClauses clauses = new WhereClauses();
        clauses.judge(statementBody);
        return clauses.literalDecided;
    }

    /**
     * Whether a condition bounds nothing: absent, or always true as a WHERE clause would be judged
     * (a MERGE's join condition, a WHEN clause's AND condition).
     */
    static boolean alwaysTrue(Map<String, Object> condition) {
        return condition == null || new WhereClauses().truth(condition) == Boolean.TRUE;
    }

    /** Whether judging the condition looked at a literal's value. */
    static boolean conditionDependsOnLiterals(Map<String, Object> condition) {
        if (condition == null) {
            return false;
        }
        WhereClauses clauses = new WhereClauses();
        clauses.truth(condition);
        return clauses.literalDecided;
    }

    private boolean judge(Map<String, Object> statementBody) {
        Map<String, Object> where = map(statementBody.get("whereClause"));
        return where == null || truth(where) == Boolean.TRUE;
    }

    /** TRUE or FALSE when the expression is constant, null when it depends on the rows. */
    Boolean truth(Map<String, Object> node) {
        String type = typeOf(node);
        if (type == null) {
            return null;
        }
        Map<String, Object> body = body(node);
        return switch (type) {
            case "A_Const" -> constantTruth(body);
            case "TypeCast" -> castTruth(body);
            case "BoolExpr" -> boolTruth(body);
            case "A_Expr" -> comparisonTruth(body);
            case "NullTest" -> nullTestTruth(body);
            default -> null;
        };
    }

    private Boolean constantTruth(Map<String, Object> constant) {
        literalDecided = true;
        Map<String, Object> bool = map(constant.get("boolval"));
        if (bool != null) {
            return Boolean.TRUE.equals(bool.get("boolval"));
        }
        Object value = literal(constant);
        return value instanceof String text ? textTruth(text) : null;
    }

    private Boolean castTruth(Map<String, Object> cast) {
        Map<String, Object> argument = map(cast.get("arg"));
        Map<String, Object> typeName = map(cast.get("typeName"));
        List<String> type = typeName == null ? List.of() : names(typeName.get("names"));
        if (argument == null || type.isEmpty() || !List.of("bool", "boolean").contains(type.get(type.size() - 1))) {
            return null;
        }
        return truth(argument);
    }

    private Boolean boolTruth(Map<String, Object> expression) {
        String operator = String.valueOf(expression.get("boolop"));
        List<Object> arguments = list(expression.get("args"));
        switch (operator) {
            case "NOT_EXPR" -> {
                Boolean inner = arguments.isEmpty() ? null : truth(map(arguments.get(0)));
                return inner == null ? null : !inner;
            }
            case "OR_EXPR" -> {
                boolean allFalse = true;
                for (Object argument : arguments) {
                    Boolean value = truth(map(argument));
                    if (value == Boolean.TRUE) {
                        return true;
                    }
                    allFalse &= value == Boolean.FALSE;
                }
                return allFalse ? Boolean.FALSE : null;
            }
            case "AND_EXPR" -> {
                boolean allTrue = true;
                for (Object argument : arguments) {
                    Boolean value = truth(map(argument));
                    if (value == Boolean.FALSE) {
                        return false;
                    }
                    allTrue &= value == Boolean.TRUE;
                }
                return allTrue ? Boolean.TRUE : null;
            }
            default -> {
                return null;
            }
        }
    }

    private Boolean comparisonTruth(Map<String, Object> expression) {
        if (!"AEXPR_OP".equals(expression.get("kind"))) {
            return null;
        }
        List<String> operator = names(expression.get("name"));
        Map<String, Object> left = map(expression.get("lexpr"));
        Map<String, Object> right = map(expression.get("rexpr"));
        if (operator.size() != 1 || left == null || right == null) {
            return null;
        }
        String op = operator.get(0);
        if ("ColumnRef".equals(typeOf(left)) && "ColumnRef".equals(typeOf(right))
                && sameColumn(body(left), body(right))) {
            // x = x is true for every row where x is not null: no real bound.
            return switch (op) {
                case "=", "<=", ">=" -> true;
                case "<>", "!=", "<", ">" -> false;
                default -> null;
            };
        }
        Object a = constantValue(left);
        Object b = constantValue(right);
        if (a == null || b == null) {
            return null;
        }
        literalDecided = true;
        int order;
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            order = x.compareTo(y);
        } else if (a instanceof String x && b instanceof String y) {
            order = x.compareTo(y);
        } else {
            return null;
        }
        return switch (op) {
            case "=" -> order == 0;
            case "<>", "!=" -> order != 0;
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            case ">=" -> order >= 0;
            default -> null;
        };
    }

    /** Same column spelling; the parse tree also records where each appears, which must not count. */
    private static boolean sameColumn(Map<String, Object> left, Map<String, Object> right) {
        List<String> a = names(left.get("fields"));
        return !a.isEmpty() && a.size() == list(left.get("fields")).size() && a.equals(names(right.get("fields")));
    }

    private Boolean nullTestTruth(Map<String, Object> test) {
        Map<String, Object> argument = map(test.get("arg"));
        if (argument == null || constantValue(argument) == null) {
            return null;
        }
        literalDecided = true;
        return "IS_NOT_NULL".equals(test.get("nulltesttype"));
    }

    /** A constant as a BigDecimal (numbers, exactly as written) or String (text), else null. */
    private static Object constantValue(Map<String, Object> node) {
        String type = typeOf(node);
        if ("TypeCast".equals(type)) {
            Map<String, Object> argument = map(body(node).get("arg"));
            return argument == null ? null : constantValue(argument);
        }
        if (!"A_Const".equals(type)) {
            return null;
        }
        return literal(body(node));
    }

    private static Object literal(Map<String, Object> constant) {
        Map<String, Object> integer = map(constant.get("ival"));
        if (integer != null) {
            return integer.get("ival") instanceof Number n ? BigDecimal.valueOf(n.longValue()) : BigDecimal.ZERO;
        }
        Map<String, Object> decimal = map(constant.get("fval"));
        if (decimal != null) {
            try {
                return new BigDecimal(String.valueOf(decimal.get("fval")).replace("_", ""));
            } catch (NumberFormatException e) {
                return null; // 0x..., 0o..., 0b... literals: not folded
            }
        }
        Map<String, Object> string = map(constant.get("sval"));
        if (string != null) {
            return Objects.toString(string.get("sval"), "");
        }
        return null;
    }

    private static Boolean textTruth(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> null;
        };
    }
}
