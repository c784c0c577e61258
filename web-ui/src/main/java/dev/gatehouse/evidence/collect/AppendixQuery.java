package dev.gatehouse.evidence.collect;

import java.util.ArrayList;
import java.util.List;

/**
 * One appendix as SQL: its columns, each with the expression that fills it, and the rest of the
 * query (FROM ... ORDER BY). Naming each column next to its expression keeps the header and the
 * select list from drifting apart. Queries use {@code :from}, {@code :to} and {@code :scope}
 * ({@link StoreQuery}).
 */
final class AppendixQuery {

    private final String name;
    private String with = "";
    private final List<String> columns = new ArrayList<>();
    private final List<String> expressions = new ArrayList<>();
    private String rest;

    private AppendixQuery(String name) {
        this.name = name;
    }

    static AppendixQuery named(String name) {
        return new AppendixQuery(name);
    }

    /** Common table expressions, without the leading WITH. */
    AppendixQuery with(String ctes) {
        this.with = "with " + ctes + " ";
        return this;
    }

    AppendixQuery column(String column, String expression) {
        columns.add(column);
        expressions.add(expression);
        return this;
    }

    AppendixQuery from(String rest) {
        this.rest = rest;
        return this;
    }

    String name() {
        return name;
    }

    List<String> columns() {
        return List.copyOf(columns);
    }

    String sql() {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            select.add(expressions.get(i) + " as \"" + columns.get(i) + "\"");
        }
        return with + "select " + String.join(", ", select) + " " + rest;
    }
}
