package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL text of the evidence queries with its three named parameters bound: {@code :from} and
 * {@code :to} (the period, timestamptz) and {@code :scope} (the connection names, text[]). Named,
 * because most queries use the period several times and positional binding would be a trap.
 */
final class StoreQuery {

    /** Rows a cursor fetches per round trip: enough to stream fast, small enough to bound memory. */
    static final int FETCH_SIZE = 1000;

    private static final Pattern NAMED = Pattern.compile("(?<!:):(from|to|scope)\\b");

    private final String sql;
    private final List<String> order = new ArrayList<>();
    private final OffsetDateTime from;
    private final OffsetDateTime to;
    private final String[] scope;

    StoreQuery(String namedSql, PackScope period, Set<String> connections) {
        Matcher m = NAMED.matcher(namedSql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            order.add(m.group(1));
            m.appendReplacement(positional, m.group(1).equals("scope") ? "?::text[]" : "?::timestamptz");
        }
        m.appendTail(positional);
        this.sql = positional.toString();
        this.from = utc(period.from());
        this.to = utc(period.to());
        this.scope = connections.toArray(String[]::new);
    }

    /** Prepared with the parameters bound and a cursor fetch size (effective when autocommit is off). */
    PreparedStatement prepare(Connection store) throws SQLException {
        PreparedStatement ps = store.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(FETCH_SIZE);
        for (int i = 0; i < order.size(); i++) {
            switch (order.get(i)) {
                case "from" -> ps.setObject(i + 1, from);
                case "to" -> ps.setObject(i + 1, to);
                default -> ps.setArray(i + 1, store.createArrayOf("text", scope));
            }
        }
        return ps;
    }

    /** The first column of the single row the query returns, 0 for SQL null. */
    long singleLong(Connection store) throws SQLException {
        try (PreparedStatement ps = prepare(store); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            long value = rs.getLong(1);
            return rs.wasNull() ? 0 : value;
        }
    }

    /** Small results only (aggregates, grouped counts): every row as its typed values. */
    List<Object[]> rows(Connection store) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(store); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows.add(CellValues.read(rs, columns));
            }
        }
        return rows;
    }

    String sql() {
        return sql;
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
