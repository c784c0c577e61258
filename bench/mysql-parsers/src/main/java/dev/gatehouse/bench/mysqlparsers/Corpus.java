package dev.gatehouse.bench.mysqlparsers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The corpus: one query string per line, with what MariaDB does with it. Columns (tab-separated):
 * id, mode, validity, kinds, sql. {@code mode} is the session the string runs in: {@code -} (the
 * server's default sql_mode and utf8mb4), {@code ansi_quotes}, {@code no_backslash_escapes},
 * {@code ansi}, or a character set such as {@code gbk} for the client. {@code sql} uses U+23CE for a
 * line feed; a value starting with {@code hex:} is the string's exact bytes in hexadecimal.
 */
record Corpus(List<String> header, List<Entry> entries) {

    static final char NEWLINE_MARK = '\u23CE';

    record Entry(String id, String mode, boolean valid, List<String> kinds, String sqlField) {
        /** The bytes the client sends. */
        byte[] bytes() {
            if (sqlField.startsWith("hex:")) {
                return HexFormat.of().parseHex(sqlField.substring(4));
            }
            return sqlField.replace(NEWLINE_MARK, '\n').getBytes(StandardCharsets.UTF_8);
        }

        /** The text a parser that reads UTF-8 gets (what the gateway would decode). */
        String sql() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        boolean defaultMode() {
            return mode.equals("-");
        }

        String line() {
            return String.join("\t", id, mode, valid ? "valid" : "invalid", kinds.isEmpty() ? "-" : String.join(";", kinds), sqlField);
        }
    }

    static Corpus load(Path file) throws IOException {
        List<String> header = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                if (entries.isEmpty()) {
                    header.add(line);
                }
                continue;
            }
            String[] f = line.split("\t", 5);
            if (f.length != 5) {
                throw new IllegalArgumentException("bad corpus line: " + line);
            }
            List<String> kinds = f[3].equals("-") || f[3].equals("?") ? List.of() : List.of(f[3].split(";"));
            entries.add(new Entry(f[0], f[1], f[2].equals("valid"), kinds, f[4]));
        }
        return new Corpus(header, entries);
    }
}
