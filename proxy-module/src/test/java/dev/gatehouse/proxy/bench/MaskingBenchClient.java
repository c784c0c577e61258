package dev.gatehouse.proxy.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Streams a query's rows with pgjdbc (a cursor in a transaction, fetchSize rows at a time), reads
 * every column as a string, and prints the row count and the time in milliseconds.
 *
 * <p>Usage: {@code MaskingBenchClient <port> <user> <database> <fetch size> <sql>}
 */
public final class MaskingBenchClient {

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", args[1]);
        properties.setProperty("password", "bench");
        properties.setProperty("sslmode", "disable");
        long started = System.nanoTime();
        long rows = 0;
        long chars = 0;
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + args[0] + "/" + args[2], properties)) {
            db.setAutoCommit(false);
            try (Statement st = db.createStatement()) {
                st.setFetchSize(Integer.parseInt(args[3]));
                try (ResultSet rs = st.executeQuery(args[4])) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            chars += value == null ? 0 : value.length();
                        }
                    }
                }
            }
            db.commit();
        }
        System.out.println(rows + " " + (System.nanoTime() - started) / 1_000_000 + " " + chars);
    }
}
