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
 * names; the mapping below is the one its JavaScript glue ({@code libpg-query.js} of the pinned
 * package version) declares, and the build pins that version by checksum.
 *
 * <p>The parser reports syntax errors with {@code ereport}, i.e. {@code longjmp}. Emscripten
 * implements that by calling the host's {@code invoke_*} trampolines, which call a table
 * function and, when it "throws" a longjmp, restore the stack and set the module's threw flag.
 * A Java exception plays the part of the JavaScript one.
 */
final class EmscriptenHost {

    /** Exports, by their minified names. */
    static final String MEMORY_MALLOC = "s";
    static final String MEMORY_FREE = "u";
    static final String PARSE_QUERY = "r";
    static final String FREE_PARSE_RESULT = "v";
    private static final String STACK_RESTORE = "y";
    private static final String STACK_CURRENT = "z";
    private static final String SET_THREW = "x";

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
            case "a", "i", "o" -> invoke(instance, args, true);   // invoke_ii, invoke_i, invoke_iii
            case "h" -> invoke(instance, args, false);            // invoke_v
            case "m" -> throw new Longjmp();                      // _emscripten_throw_longjmp
            case "n" -> growMemory(instance, args[0]);            // emscripten_resize_heap
            case "e" -> fdWrite(instance, args);                  // fd_write (stderr chatter: dropped)
            case "c", "d", "f" -> new long[] {0};                 // fd_read, fd_seek, fd_close: nothing to read
            case "l" -> new long[] {0};                           // _setitimer_js: no statement timeouts here
            case "k" -> null;                                     // keepalive_clear
            case "g" -> throw new IllegalStateException("the PostgreSQL parser aborted");
            case "b", "j" -> throw new IllegalStateException("the PostgreSQL parser exited");
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
