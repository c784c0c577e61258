package dev.gatehouse.proxy.sql.mysql;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLBooleanExpr;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumberExpr;
import java.math.BigDecimal;

/**
 * Whether a WHERE condition holds for every row whatever the data: {@code TRUE}, {@code 1},
 * {@code 1 = 1}, {@code 'a' = 'a'}, {@code id = id}, {@code x OR 1}. An UPDATE or DELETE with such a
 * condition is as unbounded as one without.
 */
final class WhereTruth {

    private WhereTruth() {
    }

    static boolean alwaysTrue(SQLExpr where) {
        if (where == null) {
            return true;
        }
        if (where instanceof SQLBooleanExpr bool) {
            return bool.getBooleanValue();
        }
        BigDecimal number = number(where);
        if (number != null) {
            return number.signum() != 0;
        }
        if (where instanceof SQLBinaryOpExpr binary) {
            SQLBinaryOperator op = binary.getOperator();
            SQLExpr left = binary.getLeft();
            SQLExpr right = binary.getRight();
            if (op == SQLBinaryOperator.BooleanOr) {
                return alwaysTrue(left) || alwaysTrue(right);
            }
            if (op == SQLBinaryOperator.BooleanAnd) {
                return alwaysTrue(left) && alwaysTrue(right);
            }
            boolean same = left != null && right != null && left.toString().equalsIgnoreCase(right.toString());
            if (op == SQLBinaryOperator.Equality || op == SQLBinaryOperator.GreaterThanOrEqual || op == SQLBinaryOperator.LessThanOrEqual
                    || op == SQLBinaryOperator.LessThanOrEqualOrGreaterThan || op == SQLBinaryOperator.Like) {
                return same;
            }
            if (op == SQLBinaryOperator.NotEqual || op == SQLBinaryOperator.LessThanOrGreater) {
                return left instanceof SQLLiteralExpr && right instanceof SQLLiteralExpr && !same;
            }
        }
        return false;
    }

    /** A numeric literal's value; a string's as MySQL converts it in a boolean context ('1abc' is 1); else null. */
    private static BigDecimal number(SQLExpr expr) {
        if (expr instanceof SQLIntegerExpr integer) {
            return new BigDecimal(integer.getNumber().toString());
        }
        if (expr instanceof SQLNumberExpr decimal) {
            return new BigDecimal(decimal.getNumber().toString());
        }
        if (expr instanceof SQLCharExpr text) {
            String s = text.getText().strip();
            int end = 0;
            while (end < s.length() && (Character.isDigit(s.charAt(end)) || end == 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')
                    || s.charAt(end) == '.')) {
                end++;
            }
            try {
                return end == 0 ? BigDecimal.ZERO : new BigDecimal(s.substring(0, end));
            } catch (NumberFormatException notNumeric) {
                return BigDecimal.ZERO;
            }
        }
        return null;
    }
}
