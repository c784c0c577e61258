package dev.gatehouse.proxy.sql;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;

/**
 * One instance of PostgreSQL's parser. It turns statement text into libpg_query's JSON parse
 * tree, or into the error PostgreSQL itself would give. Not thread-safe: each thread of the
 * parsing pool owns one.
 */
final class PgQueryParser {

    /** The outcome of one parse: exactly one of {@code json} and {@code error} is set. */
    record RawParse(String json, String error, int errorPosition) {
        boolean failed() {
            return error != null;
        }
    }

    private final Instance instance;
    private final Memory memory;
    private final ExportFunction malloc;
    private final ExportFunction free;
    private final ExportFunction parse;
    private final ExportFunction freeResult;
    private final ExportFunction parsePlpgsql;
    private final ExportFunction freeString;

    PgQueryParser(PgQueryModule module) {
        this.instance = module.newInstance();
        this.memory = instance.memory();
        this.malloc = instance.export(EmscriptenHost.MEMORY_MALLOC);
        this.free = instance.export(EmscriptenHost.MEMORY_FREE);
        this.parse = instance.export(EmscriptenHost.PARSE_QUERY);
        this.freeResult = instance.export(EmscriptenHost.FREE_PARSE_RESULT);
        this.parsePlpgsql = instance.export(EmscriptenHost.PARSE_PLPGSQL);
        this.freeString = instance.export(EmscriptenHost.FREE_STRING);
        instance.export(EmscriptenHost.CALL_CONSTRUCTORS).apply(); // what the glue does before its first call
    }

    /** Linear memory in bytes: grown by large statements, never shrunk. */
    long memoryBytes() {
        return (long) memory.pages() * 65_536;
    }

    RawParse parse(String sql) {
        int input = cString(sql);
        int result = 0;
        try {
            result = (int) parse.apply(input)[0];
            if (result == 0) {
                throw new IllegalStateException("the PostgreSQL parser is out of memory");
            }
            // struct PgQueryParseResult { char *parse_tree; char *stderr_buffer; PgQueryError *error; }
            int error = memory.readInt(result + 8);
            if (error != 0) {
                // struct PgQueryError { char *message; char *funcname; char *filename; int lineno; int cursorpos; ... }
                String message = memory.readCString(memory.readInt(error), StandardCharsets.UTF_8);
                return new RawParse(null, message, memory.readInt(error + 16));
            }
            return new RawParse(memory.readCString(memory.readInt(result), StandardCharsets.UTF_8), null, 0);
        } finally {
            free.apply(input);
            if (result != 0) {
                freeResult.apply(result);
            }
        }
    }

    /**
     * PL/pgSQL's parser on a whole {@code CREATE FUNCTION} (or {@code DO}) statement whose body is
     * PL/pgSQL: libpg_query's JSON of the compiled function (its statements, with every embedded
     * SQL expression as text), or the error. The SQL inside is not parsed here; the caller parses it.
     */
    RawParse parsePlpgsql(String createFunction) {
        int input = cString(createFunction);
        int result = 0;
        try {
            result = (int) parsePlpgsql.apply(input)[0];
            if (result == 0) {
                throw new IllegalStateException("the PostgreSQL parser is out of memory");
            }
            String text = memory.readCString(result, StandardCharsets.UTF_8);
            String trimmed = text.stripLeading();
            // The glue tells JSON from an error by its first characters; so does this.
            return trimmed.startsWith("[") || trimmed.startsWith("{") ? new RawParse(text, null, 0) : new RawParse(null, text, 0);
        } finally {
            free.apply(input);
            if (result != 0) {
                freeString.apply(result);
            }
        }
    }

    /** Copies the text into the instance's memory as a NUL-terminated UTF-8 string; the caller frees it. */
    private int cString(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        int input = (int) malloc.apply(text.length + 1)[0];
        if (input == 0) {
            throw new IllegalStateException("the PostgreSQL parser is out of memory");
        }
        memory.write(input, text);
        memory.writeByte(input + text.length, (byte) 0);
        return input;
    }
}
