package dev.gatehouse.evidence.collect;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An appendix read from the store through a server-side cursor: the query's columns, in order,
 * are the appendix's columns, and rows arrive {@link StoreQuery#FETCH_SIZE} at a time. PostgreSQL
 * only uses a cursor inside a transaction, so the connection must have autocommit off.
 */
record SqlRows(Connection store, StoreQuery query) implements RowSource {

    @Override
    public void forEachRow(RowSink sink) throws SQLException, IOException {
        if (store.getAutoCommit()) {
            throw new IllegalStateException("appendix queries stream through a cursor: autocommit must be off");
        }
        try (PreparedStatement ps = query.prepare(store); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                sink.row(CellValues.read(rs, columns));
            }
        }
    }
}
