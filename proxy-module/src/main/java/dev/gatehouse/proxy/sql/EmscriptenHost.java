package dev.gatehouse.proxy.sql;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few host functions the Emscripten build of libpg_query imports. Emscripten minifies their
 * names, and they differ from one build to the next; the mapping below is the one the JavaScript
 * glue ({@code wasm/libpg-query.js} of the pinned {@code @libpg-query/parser} version) declares, and
 * the build pins that version by checksum. A new version means reading the new glue's
 * {@code wasmImports} and {@code wasmExports} lines again (docs/adr/0010-sql-parser.md).
 *
 * <p>The parser reports syntax errors with {@code ereport}, i.e. {@code longjmp}. Emscripten
 * implements that by calling the host's {@code invoke_*} trampolines, which call a table
 * function and, when it "throws" a longjmp, restore the stack and set the module's threw flag.
 * A Java exception plays the part of the JavaScript one.
 */
final class EmscriptenHost {

    /** Exports, by their minified names. */
    static final String MEMORY_MALLOC = "y";
    static final String MEMORY_FREE = "A";
    static final String PARSE_QUERY = "B";           // wasm_parse_query_raw: a PgQueryParseResult struct
    static final String FREE_PARSE_RESULT = "C";
    static final String PARSE_PLPGSQL = "E";         // wasm_parse_plpgsql: a JSON string or an error text
    static final String FREE_STRING = "M";
    static final String CALL_CONSTRUCTORS = "w";     // __wasm_call_ctors, run once per instance
    private static final String SET_THREW = "N";
    private static final String STACK_RESTORE = "O";
    private static final String STACK_CURRENT = "P";

    private EmscriptenHost() {
    }

    /** Thrown by {@code emscripten_throw_longjmp}; caught by the nearest invoke trampoline. */
    static final class Longjmp extends RuntimeException {
        Longjmp() {
            super("longjmp", null, false, false);
        }
    }

    static ImportValues imports(WasmModule module) {
        List<ImportFunction> functions = new ArrayList<>();
        module.importSection().stream().forEach(imported -> {
            if (imported instanceof FunctionImport function) {
                FunctionType type = module.typeSection().types()[function.typeIndex()];
                String name = function.name();
                functions.add(new HostFunction(function.module(), name, type, (instance, args) -> call(name, instance, args)));
            }
        });
        return ImportValues.builder().withFunctions(functions).build();
    }

    private static long[] call(String name, Instance instance, long... args) {
        return switch (name) {
            // invoke_i, invoke_ii, invoke_iii, invoke_iiii, invoke_iiiii, invoke_iiiiii, invoke_ji
            case "g", "b", "a", "d", "h", "l", "n" -> invoke(instance, args, true);
            // invoke_v, invoke_vi, invoke_vii, invoke_viii, invoke_viiii
            case "f", "e", "i", "k", "j" -> invoke(instance, args, false);
            case "p" -> throw new Longjmp();                      // _emscripten_throw_longjmp
            case "q" -> growMemory(instance, args[0]);            // emscripten_resize_heap
            case "m" -> fdWrite(instance, args);                  // fd_write (stderr chatter: dropped)
            case "r", "s", "t" -> new long[] {0};                 // fd_read, fd_seek, fd_close: nothing to read
            case "c" -> throw new IllegalStateException("the PostgreSQL parser failed an assertion");
            case "u" -> throw new IllegalStateException("the PostgreSQL parser aborted");
            case "o" -> throw new IllegalStateException("the PostgreSQL parser exited");
            default -> throw new IllegalStateException("the PostgreSQL parser called an unknown host function " + name);
        };
    }

    private static long[] invoke(Instance instance, long[] args, boolean returnsValue) {
        long stack = instance.export(STACK_CURRENT).apply()[0];
        try {
            int function = instance.table(0).requiredRef((int) args[0]);
            long[] result = instance.getMachine().call(function, Arrays.copyOfRange(args, 1, args.length));
            return returnsValue ? result : null;
        } catch (Longjmp jump) {
            instance.export(STACK_RESTORE).apply(stack);
            instance.export(SET_THREW).apply(1, 0);
            return returnsValue ? new long[] {0} : null;
        }
    }

    private static long[] growMemory(Instance instance, long requestedBytes) {
        long current = (long) instance.memory().pages() * 65_536;
        int pages = (int) ((requestedBytes - current + 65_535) / 65_536);
        return new long[] {pages <= 0 || instance.memory().grow(pages) >= 0 ? 1 : 0};
    }

    private static long[] fdWrite(Instance instance, long[] args) {
        var memory = instance.memory();
        int vectors = (int) args[1];
        int count = (int) args[2];
        int written = 0;
        for (int i = 0; i < count; i++) {
            written += memory.readInt(vectors + 8 * i + 4);
        }
        memory.writeI32((int) args[3], written);
        return new long[] {0};
    }
}
