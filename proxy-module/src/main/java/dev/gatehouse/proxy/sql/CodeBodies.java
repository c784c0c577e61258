package dev.gatehouse.proxy.sql;

import static dev.gatehouse.proxy.sql.ParseNodes.body;
import static dev.gatehouse.proxy.sql.ParseNodes.list;
import static dev.gatehouse.proxy.sql.ParseNodes.map;
import static dev.gatehouse.proxy.sql.ParseNodes.names;
import static dev.gatehouse.proxy.sql.ParseNodes.text;
import static dev.gatehouse.proxy.sql.ParseNodes.typeOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The code a {@code CREATE FUNCTION} or {@code CREATE PROCEDURE} stores, read so that it is judged
 * like the statements it contains (docs/adr/0016). A {@code BEGIN ATOMIC} body is already part of
 * the statement's tree; a string body in {@code LANGUAGE sql} is parsed as SQL; one in
 * {@code plpgsql} goes through PL/pgSQL's own parser, and every SQL statement and expression in it
 * is parsed. What cannot be read is opaque: dynamic {@code EXECUTE}, any other language, bodies
 * nested deeper than {@link #MAX_DEPTH}, and anything a parser refuses.
 */
final class CodeBodies {

    /** Functions whose bodies create functions whose bodies ...: past this, opaque. */
    static final int MAX_DEPTH = 4;

    /** PL/pgSQL statements that run SQL built at run time. */
    private static final List<String> DYNAMIC = List.of("PLpgSQL_stmt_dynexecute", "PLpgSQL_stmt_dynfors");

    /** An assignment target PL/pgSQL accepts without expressions in it: names, dots, quotes. */
    private static final Pattern PLAIN_TARGET = Pattern.compile("\\s*[\\p{L}\\p{N}_$.\"\\s]+");

    /** The statements found in a body, and whether part of it could not be read. */
    record Body(List<SqlAnalysis> parsed, boolean opaque) {
        static final Body OPAQUE = new Body(List.of(), true);
        static final Body NONE = new Body(List.of(), false);
    }

    /** Parses SQL text for a body: the analysis of one string, one level deeper. */
    interface Reader {
        SqlAnalysis sql(String text);

        PgQueryParser.RawParse plpgsql(String createFunction);
    }

    private CodeBodies() {
    }

    /** The body of a CreateFunctionStmt, read; {@code statementText} is the whole statement (for PL/pgSQL's parser). */
    static Body of(Map<String, Object> createFunction, String statementText, Reader reader) {
        if (createFunction.get("sql_body") != null) {
            return Body.NONE; // BEGIN ATOMIC: its statements are in the tree, and the walk judges them
        }
        String language = "sql";
        String source = null;
        int sourceParts = 0;
        for (Object item : list(createFunction.get("options"))) {
            Map<String, Object> option = map(item);
            Map<String, Object> element = option == null ? null : body(option);
            if (element == null) {
                continue;
            }
            String name = text(element, "defname");
            if ("language".equals(name)) {
                Map<String, Object> value = map(element.get("arg"));
                language = value == null ? "" : String.valueOf(body(value).get("sval")).toLowerCase(Locale.ROOT);
            } else if ("as".equals(name)) {
                Map<String, Object> value = map(element.get("arg"));
                List<String> parts = value == null ? List.of() : names("List".equals(typeOf(value)) ? body(value).get("items") : List.of(value));
                sourceParts = parts.size();
                source = parts.isEmpty() ? null : parts.get(0);
            }
        }
        if (source == null || sourceParts != 1) {
            return Body.OPAQUE; // no body, or a C function's object file and symbol
        }
        return switch (language) {
            case "sql" -> readable(List.of(reader.sql(source)));
            case "plpgsql" -> plpgsql(statementText, reader);
            default -> Body.OPAQUE;
        };
    }

    private static Body readable(List<SqlAnalysis> parsed) {
        for (SqlAnalysis analysis : parsed) {
            if (!analysis.parsed()) {
                return new Body(parsed, true);
            }
        }
        return new Body(parsed, false);
    }

    private static Body plpgsql(String statementText, Reader reader) {
        PgQueryParser.RawParse compiled = reader.plpgsql(statementText);
        if (compiled.failed()) {
            return Body.OPAQUE;
        }
        Object tree = JsonTree.parse(compiled.json());
        List<SqlAnalysis> parsed = new ArrayList<>();
        boolean[] opaque = {false};
        collect(tree, reader, parsed, opaque);
        Body body = readable(parsed);
        return opaque[0] ? new Body(body.parsed(), true) : body;
    }

    private static void collect(Object value, Reader reader, List<SqlAnalysis> parsed, boolean[] opaque) {
        if (value instanceof List<?> items) {
            for (Object item : items) {
                collect(item, reader, parsed, opaque);
            }
            return;
        }
        Map<String, Object> node = map(value);
        if (node == null) {
            return;
        }
        for (Map.Entry<String, Object> field : node.entrySet()) {
            String key = field.getKey();
            Map<String, Object> inner = map(field.getValue());
            if (DYNAMIC.contains(key) || inner != null && inner.get("dynquery") != null) {
                opaque[0] = true; // EXECUTE of a string, RETURN QUERY EXECUTE, OPEN ... FOR EXECUTE
            }
            if ("PLpgSQL_expr".equals(key) && inner != null) {
                SqlAnalysis analysis = expression(inner, reader);
                if (analysis == null) {
                    opaque[0] = true;
                } else {
                    parsed.add(analysis);
                }
                continue;
            }
            collect(field.getValue(), reader, parsed, opaque);
        }
    }

    /** One embedded SQL text by how PL/pgSQL parses it (RawParseMode); null when it cannot be read safely. */
    private static SqlAnalysis expression(Map<String, Object> expr, Reader reader) {
        String query = expr.get("query") == null ? null : String.valueOf(expr.get("query"));
        int mode = expr.get("parseMode") instanceof Number n ? n.intValue() : 0;
        if (query == null) {
            return null;
        }
        return switch (mode) {
            case 0 -> reader.sql(query);                 // a whole statement
            case 1 -> SqlAnalysis.of(List.of());         // a type name
            case 2 -> reader.sql("SELECT " + query);     // an expression
            case 3, 4, 5 -> assignment(query, reader);   // target := expression
            default -> null;
        };
    }

    private static SqlAnalysis assignment(String query, Reader reader) {
        int at = query.indexOf(":=");
        int width = 2;
        if (at < 0) {
            at = query.indexOf('=');
            width = 1;
        }
        if (at < 0 || !PLAIN_TARGET.matcher(query.substring(0, at)).matches()) {
            return null; // a subscript or other expression in the target: not read here
        }
        return reader.sql("SELECT " + query.substring(at + width));
    }
}
