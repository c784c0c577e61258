package dev.gatehouse.proxy.sql;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * PostgreSQL's own parser (libpg_query, from the npm package {@code libpg-query}) as a
 * WebAssembly module, compiled once to JVM bytecode by Chicory's compiler. Each
 * {@link PgQueryParser} is a separate instance of it with its own linear memory, so instances can
 * run on different threads; the compiled code is shared. See docs/adr/0010-sql-parser.md.
 */
final class PgQueryModule {

    static final String RESOURCE = "libpg-query.wasm";

    private static volatile PgQueryModule shared;

    private final WasmModule module;
    private final Function<Instance, Machine> machines;

    private PgQueryModule(WasmModule module) {
        this.module = module;
        this.machines = MachineFactoryCompiler.compile(module);
    }

    /** Loads and compiles the module on first use (about a second); later calls are free. */
    static PgQueryModule shared() {
        PgQueryModule module = shared;
        if (module == null) {
            synchronized (PgQueryModule.class) {
                module = shared;
                if (module == null) {
                    module = new PgQueryModule(load());
                    shared = module;
                }
            }
        }
        return module;
    }

    private static WasmModule load() {
        try (InputStream wasm = PgQueryModule.class.getResourceAsStream(RESOURCE)) {
            if (wasm == null) {
                throw new IllegalStateException("the PostgreSQL parser module " + RESOURCE
                        + " is missing from the class path; the build downloads it (proxy-module/pom.xml)");
            }
            return Parser.parse(wasm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PostgreSQL parser module", e);
        }
    }

    /**
     * The module asks for 128 MiB of linear memory up front (its Emscripten build setting), which
     * the JVM would hold as one array per parser. Its data and stack fit in far less, and the
     * allocator grows the memory when a statement needs more, so an instance starts small.
     */
    static final int INITIAL_PAGES = 128;      // 8 MiB
    /** Growth stops here: a statement that needs more is refused as unparseable (fail closed). */
    static final int MAXIMUM_PAGES = 4096;     // 256 MiB

    Instance newInstance() {
        return Instance.builder(module)
                .withImportValues(EmscriptenHost.imports(module))
                .withMachineFactory(machines)
                .withMemoryFactory(declared -> new ByteArrayMemory(new MemoryLimits(INITIAL_PAGES,
                        Math.min(MAXIMUM_PAGES, declared.maximumPages()))))
                .build();
    }
}
