package dev.gatehouse.evidence.collect;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The rows of one appendix, produced on demand and as often as asked: the appendix is written once
 * as CSV and once as JSON (a pack takes one open file at a time), and each pass streams the rows
 * again instead of keeping them.
 */
@FunctionalInterface
interface RowSource {

    void forEachRow(RowSink sink) throws SQLException, IOException;

    @FunctionalInterface
    interface RowSink {
        void row(Object[] cells) throws IOException;
    }
}
