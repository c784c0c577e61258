package dev.gatehouse.proxy.protocol.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code options} startup parameter read exactly as PostgreSQL reads it (pg_split_opts and the
 * backend's switch parser): words split at whitespace, a backslash takes the next character
 * literally (so {@code -c\ search_path=evil} is one word), then {@code -c name=value},
 * {@code -cname=value} and {@code --name=value} each set a run-time parameter. PostgreSQL folds
 * the name's hyphens to underscores. Any other switch is returned as a word the caller refuses.
 */
final class StartupOptions {

    /** One setting, or a switch that is not a setting ({@code name} null, {@code value} the word). */
    record Setting(String name, String value) {
    }

    private StartupOptions() {
    }

    static List<Setting> parse(String options) {
        List<String> words = split(options);
        List<Setting> settings = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String assignment;
            if (word.equals("-c")) {
                if (i + 1 >= words.size()) {
                    settings.add(new Setting(null, word));
                    continue;
                }
                assignment = words.get(++i);
            } else if (word.startsWith("-c")) {
                assignment = word.substring(2);
            } else if (word.startsWith("--")) {
                assignment = word.substring(2);
            } else {
                settings.add(new Setting(null, word));
                continue;
            }
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                settings.add(new Setting(null, word));
                continue;
            }
            // PostgreSQL's ParseLongOption: hyphens in the name are underscores.
            settings.add(new Setting(assignment.substring(0, equals).replace('-', '_'), assignment.substring(equals + 1)));
        }
        return settings;
    }

    /** pg_split_opts: whitespace separates words; a backslash makes the next character part of the word. */
    static List<String> split(String options) {
        List<String> words = new ArrayList<>();
        int at = 0;
        int length = options.length();
        while (at < length) {
            while (at < length && isSpace(options.charAt(at))) {
                at++;
            }
            if (at >= length) {
                break;
            }
            StringBuilder word = new StringBuilder();
            while (at < length && !isSpace(options.charAt(at))) {
                char c = options.charAt(at++);
                if (c == '\\') {
                    if (at >= length) {
                        break; // a trailing backslash escapes nothing and is dropped, as PostgreSQL does
                    }
                    c = options.charAt(at++);
                }
                word.append(c);
            }
            words.add(word.toString());
        }
        return words;
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
