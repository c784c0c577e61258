package dev.gatehouse.proxy.protocol.postgres.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a target with {@code log_statement = all} executed, read from its csvlog: per backend
 * session, the application name it logged in with and the statement texts ({@code statement: ...}
 * for a query string, {@code execute <name>: ...} for each Execute, including fetches from a portal,
 * which PostgreSQL logs as {@code execute fetch from <portal>: ...}).
 */
final class PostgresStatementLog {

    private static final int USER = 1;
    private static final int SESSION = 5;
    private static final int MESSAGE = 13;
    private static final int APPLICATION = 22;

    /** @param runs the statements that started running: the same, less more rows fetched from a running portal */
    record Backend(String applicationName, List<String> statements, List<String> runs) {
    }

    private PostgresStatementLog() {
    }

    /** By backend session id, the sessions of {@code user}. */
    static Map<String, Backend> read(Path csv, String user) throws IOException {
        Map<String, Backend> backends = new LinkedHashMap<>();
        for (List<String> row : rows(Files.readString(csv, StandardCharsets.UTF_8))) {
            if (row.size() <= APPLICATION || !user.equals(row.get(USER))) {
                continue;
            }
            String statement = statement(row.get(MESSAGE));
            if (statement == null) {
                continue;
            }
            Backend backend = backends.computeIfAbsent(row.get(SESSION),
                    id -> new Backend(row.get(APPLICATION), new ArrayList<>(), new ArrayList<>()));
            backend.statements().add(statement);
            if (!row.get(MESSAGE).startsWith("execute fetch from ")) {
                backend.runs().add(statement);
            }
        }
        return backends;
    }

    /** The statement text of a log message, or null when the message is not a statement log line. */
    static String statement(String message) {
        if (message.startsWith("statement: ")) {
            return message.substring("statement: ".length());
        }
        if (message.startsWith("execute ")) {
            int colon = message.indexOf(": ");
            return colon < 0 ? null : message.substring(colon + 2);
        }
        if (message.startsWith("fastpath function call: ")) {
            return message;
        }
        return null;
    }

    /** RFC 4180 as PostgreSQL writes it: quoted fields, doubled quotes, newlines inside quotes. */
    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
