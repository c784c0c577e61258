package dev.gatehouse.evidence.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and lists the rows of one exception query over the window. The query selects the columns
 * {@code at, who, what} and takes the window's bounds as its two parameters (from inclusive, to
 * exclusive); the store does the per-day aggregate, so only 30 counts and a few rows come back.
 */
final class WindowedQuery {

    private final ExceptionKind kind;
    private final String rows;

    WindowedQuery(ExceptionKind kind, String rows) {
        this.kind = kind;
        this.rows = rows;
    }

    ExceptionSummary run(Connection connection, DashboardWindow window, int latest) throws SQLException {
        Map<LocalDate, Long> perDay = new HashMap<>();
        try (PreparedStatement count = bound(connection,
                "select (x.at at time zone 'UTC')::date as day, count(*) from (" + rows + ") x group by 1", window);
                ResultSet rs = count.executeQuery()) {
            while (rs.next()) {
                perDay.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
            }
        }
        List<ExceptionEntry> entries = new ArrayList<>();
        try (PreparedStatement list = bound(connection,
                "select x.at, x.who, x.what from (" + rows + ") x order by x.at desc, x.who limit " + latest, window);
                ResultSet rs = list.executeQuery()) {
            while (rs.next()) {
                entries.add(new ExceptionEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getString(3)));
            }
        }
        return new ExceptionSummary(kind, DailySeries.of(window, perDay), entries);
    }

    private PreparedStatement bound(Connection connection, String sql, DashboardWindow window) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setObject(1, OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC));
        statement.setObject(2, OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC));
        return statement;
    }
}
