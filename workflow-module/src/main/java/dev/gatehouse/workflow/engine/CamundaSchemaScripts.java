package dev.gatehouse.workflow.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The DDL scripts that ship inside camunda-engine, in the order the engine itself runs them
 * when it creates its schema. The application runs them from a schema migration as the store's
 * owner, so that the pool's restricted role never needs the right to create tables.
 */
public final class CamundaSchemaScripts {

    private static final List<String> COMPONENTS = List.of(
            "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

    private CamundaSchemaScripts() {
    }

    /** @param databaseType Camunda's name for the database, e.g. {@code postgres} */
    public static List<String> createScripts(String databaseType) {
        return COMPONENTS.stream()
                .map(component -> "org/camunda/bpm/engine/db/create/activiti." + databaseType + ".create." + component + ".sql")
                .toList();
    }

    public static String read(String resource) {
        try (InputStream in = CamundaSchemaScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("camunda-engine does not ship " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
