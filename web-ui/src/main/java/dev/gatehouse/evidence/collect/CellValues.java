package dev.gatehouse.evidence.collect;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The few value types an appendix cell holds: String, Long, BigDecimal, Boolean, Instant (UTC),
 * List of String, or null. Reading every column into one of these lets the CSV and the JSON writer
 * agree on what a cell is.
 */
final class CellValues {

    private CellValues() {
    }

    static Object[] read(ResultSet rs, int columns) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Object[] row = new Object[columns];
        for (int c = 1; c <= columns; c++) {
            row[c - 1] = read(rs, c, meta.getColumnType(c), meta.getColumnTypeName(c));
        }
        return row;
    }

    private static Object read(ResultSet rs, int c, int type, String typeName) throws SQLException {
        Object value = switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> rs.getLong(c);
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.REAL -> rs.getBigDecimal(c);
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(c);
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> instant(rs.getObject(c, OffsetDateTime.class));
            case Types.ARRAY -> list(rs.getArray(c));
            default -> rs.getString(c);
        };
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<String> list(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] items = (Object[]) array.getArray();
        return Arrays.stream(items).map(String::valueOf).toList();
    }

    /** The text a cell prints as: ISO-8601 instants, plain decimals, ';'-joined lists. */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case BigDecimal d -> d.toPlainString();
            case List<?> items -> String.join(";", items.stream().map(String::valueOf).toList());
            default -> value.toString();
        };
    }
}
