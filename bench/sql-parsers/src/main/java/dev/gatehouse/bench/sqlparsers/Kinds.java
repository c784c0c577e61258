package dev.gatehouse.bench.sqlparsers;

import java.util.Map;

/** Turns parser class or node names into PostgreSQL command tags. */
final class Kinds {

    private Kinds() {
    }

    /**
     * "DropTable" -> "DROP TABLE": camel case split into upper-case words, after stripping the given
     * prefix and suffix, with exceptions taken from {@code overrides} (keyed by the stripped name).
     */
    static String fromCamelCase(String name, String prefix, String suffix, Map<String, String> overrides) {
        String core = name;
        if (!prefix.isEmpty() && core.startsWith(prefix)) {
            core = core.substring(prefix.length());
        }
        if (!suffix.isEmpty() && core.endsWith(suffix)) {
            core = core.substring(0, core.length() - suffix.length());
        }
        String override = overrides.get(core);
        if (override != null) {
            return override;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(core.charAt(i - 1))) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }
}
