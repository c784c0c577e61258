package dev.gatehouse.bench.sqlparsers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The corpus: a TSV file of {@code id, pg, kinds, sql}. {@code pg} is what PostgreSQL's parser does with
 * the string ({@code valid}/{@code invalid}); {@code kinds} the command tags of the statements it
 * sees, separated by {@code ;} ({@code -} for none). In {@code sql} the character U+23CE stands for a
 * line feed (the only escape: backslashes are SQL). Lines starting with {@code #} are comments.
 */
record Corpus(List<Entry> entries) {

    static final char NEWLINE_MARK = '\u23CE';

    record Entry(String id, boolean valid, List<String> kinds, String sql) {
    }

    static Corpus load(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 4);
            if (cols.length != 4) {
                throw new IOException("bad corpus line: " + line);
            }
            boolean valid = switch (cols[1]) {
                case "valid" -> true;
                case "invalid" -> false;
                default -> throw new IOException("pg column must be valid or invalid: " + line);
            };
            List<String> kinds = cols[2].equals("-") ? List.of() : Arrays.asList(cols[2].split(";"));
            entries.add(new Entry(cols[0], valid, kinds, cols[3].replace(NEWLINE_MARK, '\n')));
        }
        return new Corpus(List.copyOf(entries));
    }
}
