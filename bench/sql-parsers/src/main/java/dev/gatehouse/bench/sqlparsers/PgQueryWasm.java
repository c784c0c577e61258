package dev.gatehouse.bench.sqlparsers;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * libpg_query (the PostgreSQL 17 parser as a C library) compiled by emscripten, as shipped in the npm
 * package {@code libpg-query} 17.7.3, run by Chicory in pure Java. The module's imports and exports are
 * minified; their meaning comes from the package's JavaScript glue ({@code libpg-query.js}):
 * imports {@code a.i/a/o/h} are {@code invoke_i/ii/iii/v} (calls that may {@code longjmp}),
 * {@code a.m} throws a longjmp, {@code a.n} grows the heap, {@code a.e} is {@code fd_write}; exports
 * {@code q} runs static constructors, {@code r} is {@code wasm_parse_query_raw}, {@code s/u} are
 * {@code malloc/free}, {@code v} frees a parse result, {@code x} is {@code setThrew}, {@code y} restores
 * and {@code z} reads the stack pointer. One instance is single-threaded.
 */
final class PgQueryWasm {

    /** A parse result: the JSON parse tree, or an error message with its 1-based cursor position. */
    record Result(String json, String error, int cursor) {
    }

    /** Unwinds the Java stack of a C {@code longjmp} (PostgreSQL's error handling) to its invoke_*. */
    private static final class Longjmp extends RuntimeException {
        Longjmp() {
            super(null, null, false, false);
        }
    }

    private final Instance instance;
    private final Memory memory;

    PgQueryWasm(Path wasmFile, boolean compile) {
        WasmModule module = Parser.parse(wasmFile);
        List<ImportFunction> functions = new ArrayList<>();
        module.importSection().stream().forEach(imp -> {
            if (imp instanceof FunctionImport fi) {
                FunctionType type = module.typeSection().types()[fi.typeIndex()];
                functions.add(new HostFunction(fi.module(), fi.name(), type, (in, args) -> host(fi.name(), in, args)));
            }
        });
        Instance.Builder builder = Instance.builder(module)
                .withImportValues(ImportValues.builder().withFunctions(functions).build());
        if (compile) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        }
        instance = builder.build();
        memory = instance.memory();
        instance.export("w").apply(); // __wasm_call_ctors of @libpg-query/parser 17.6.10
    }

    Result parse(String sql) {
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        int text = (int) instance.export("y").apply(bytes.length + 1)[0];
        memory.write(text, bytes);
        memory.writeByte(text + bytes.length, (byte) 0);
        int result = (int) instance.export("B").apply(text)[0];
        try {
            int tree = memory.readInt(result);
            int error = memory.readInt(result + 8);
            if (error != 0) {
                return new Result(null, memory.readCString(memory.readInt(error)), memory.readInt(error + 16));
            }
            return new Result(memory.readCString(tree), null, 0);
        } finally {
            instance.export("A").apply(text);
            instance.export("C").apply(result);
        }
    }

    private static long[] host(String name, Instance in, long... args) {
        switch (name) {
            // Minified names of @libpg-query/parser 17.6.10's wasm/libpg-query.js (wasmImports, wasmExports).
            case "p" -> throw new Longjmp();
            case "g", "b", "a", "d", "h", "l", "n", "f", "e", "i", "k", "j" -> {
                boolean returns = "gbadhln".indexOf(name.charAt(0)) >= 0;
                long sp = in.export("P").apply()[0];
                try {
                    int function = in.table(0).requiredRef((int) args[0]);
                    long[] result = in.getMachine().call(function, Arrays.copyOfRange(args, 1, args.length));
                    return returns ? result : null;
                } catch (Longjmp e) {
                    in.export("O").apply(sp);
                    in.export("N").apply(1, 0);
                    return returns ? new long[] {0} : null;
                }
            }
            case "q" -> {
                long wanted = args[0] & 0xFFFFFFFFL;
                long current = (long) in.memory().pages() * 65536;
                int pages = (int) ((wanted - current + 65535) / 65536);
                return new long[] {pages <= 0 || in.memory().grow(pages) >= 0 ? 1 : 0};
            }
            case "m" -> { // fd_write(fd, iov, iovcnt, *written): swallow stdout/stderr
                Memory mem = in.memory();
                int iov = (int) args[1];
                int total = 0;
                for (int k = 0; k < (int) args[2]; k++) {
                    total += mem.readInt(iov + 8 * k + 4);
                }
                mem.writeI32((int) args[3], total);
                return new long[] {0};
            }
            case "r", "s", "t" -> {
                return new long[] {0};
            }
            default -> throw new IllegalStateException("libpg_query called import " + name + " (abort/exit)");
        }
    }
}
