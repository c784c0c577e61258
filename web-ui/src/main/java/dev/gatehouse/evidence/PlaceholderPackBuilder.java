package dev.gatehouse.evidence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

/**
 * TEMPORARY: replaced by the real builder at integration. Writes a small zip (summary.json: the
 * scope and the number of statements in it) and reports progress in a few steps with short pauses,
 * so the jobs, the Evidence page and their tests run for real before the real pack exists.
 */
@ApplicationScoped
public class PlaceholderPackBuilder implements PackBuilder {

    private static final long PAUSE_MILLIS = 700;
    private static final String COUNT = "select count(*) from data_statement st join data_session s on s.id = st.session_id"
            + " where st.started_at >= ? and st.started_at < ?"
            + " and (? or s.connection_name = any (?) or s.connection_name in (select c.name from connection c"
            + " join connection_label l on l.connection_id = c.id where l.label_key || '=' || l.label_value = any (?)))";

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Override
    public BuiltPack build(String packId, PackScope scope, String requestedBy, OutputStream out, PackProgress progress) throws IOException {
        progress.at("reading the scope", 5);
        pause();
        progress.at("counting statements in scope", 25);
        long statements = countStatements(scope);
        pause();
        progress.at("writing the summary", 60);
        byte[] summary = summary(packId, scope, requestedBy, statements);
        pause();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry("summary.json"));
        zip.write(summary);
        zip.closeEntry();
        zip.finish(); // not close(): the job owns the stream
        progress.at("sealing the pack", 90);
        pause();
        return new BuiltPack(statements, sha256(summary));
    }

    private long countStatements(PackScope scope) throws IOException {
        try (Connection db = dataSource.getConnection(); PreparedStatement count = db.prepareStatement(COUNT)) {
            count.setObject(1, scope.from().atOffset(ZoneOffset.UTC));
            count.setObject(2, scope.to().atOffset(ZoneOffset.UTC));
            count.setBoolean(3, scope.allConnections());
            count.setArray(4, db.createArrayOf("text", scope.connections().toArray()));
            count.setArray(5, db.createArrayOf("text", scope.labels().toArray()));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IOException("the statements in scope could not be counted: " + e.getMessage(), e);
        }
    }

    private static byte[] summary(String packId, PackScope scope, String requestedBy, long statements) {
        JsonArrayBuilder controls = Json.createArrayBuilder();
        scope.controls().stream().sorted().forEach(c -> controls.add(c.name()));
        return Json.createObjectBuilder()
                .add("pack", packId)
                .add("placeholder", "the real pack (report, appendices, signed manifest) replaces this summary")
                .add("requestedBy", requestedBy)
                .add("from", scope.from().toString())
                .add("to", scope.to().toString())
                .add("connections", Json.createArrayBuilder(scope.connections()))
                .add("labels", Json.createArrayBuilder(scope.labels()))
                .add("controls", controls)
                .add("statements", statements)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the pack", e);
        }
    }
}
