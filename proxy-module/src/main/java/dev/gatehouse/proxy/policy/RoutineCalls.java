package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.api.RoutineSource;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.Operation;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.SessionEffects;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Calls of functions and procedures that already exist on the target, judged by their bodies
 * (docs/adr/0016): a statement that calls {@code f} is judged as if it also did what every routine
 * named {@code f} does, in any schema and every overload (which one PostgreSQL picks depends on
 * argument types and the search_path, so all of them count), and what the routines those call do,
 * down to {@link #MAX_DEPTH} levels. A body in another language than sql or plpgsql, a C function
 * outside pg_catalog, an aggregate, or a chain deeper than that is code the gateway cannot read
 * and counts as a DO block. SECURITY DEFINER changes nothing here: the body is judged the same.
 */
final class RoutineCalls {

    static final int MAX_DEPTH = 4;

    /** Reads the routines of the given names from the target's catalog (cached there). */
    interface Reader {
        CompletionStage<List<RoutineSource>> routines(Set<String> names);
    }

    /** What calling every routine of one name may do. */
    private record Summary(List<Operation> operations, Set<String> functions, boolean opaque, boolean serverSideCopy,
            SessionEffects effects) {
        static final Summary NONE = new Summary(List.of(), Set.of(), false, false, SessionEffects.NONE);
        static final Summary OPAQUE = new Summary(List.of(Operation.of(StatementClass.DO)), Set.of(), true, false, SessionEffects.NONE);
    }

    private RoutineCalls() {
    }

    static boolean callsFunctions(SqlAnalysis analysis) {
        for (AnalyzedStatement statement : analysis.statements()) {
            if (!statement.functions().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The analysis with every call's bodies added to the statement that makes it. */
    static CompletableFuture<SqlAnalysis> expand(SqlAnalysis analysis, Reader reader, PostgresSqlAnalyzer analyzer) {
        if (!analysis.parsed() || !callsFunctions(analysis)) {
            return CompletableFuture.completedFuture(analysis);
        }
        Set<String> first = new LinkedHashSet<>();
        analysis.statements().forEach(statement -> first.addAll(statement.functions()));
        Map<String, Summary> summaries = new HashMap<>();
        return summarize(first, 0, summaries, reader, analyzer).thenApply(done -> expanded(analysis, summaries));
    }

    private static CompletableFuture<Void> summarize(Set<String> names, int depth, Map<String, Summary> summaries, Reader reader,
            PostgresSqlAnalyzer analyzer) {
        Set<String> wanted = new LinkedHashSet<>(names);
        wanted.removeAll(summaries.keySet());
        if (wanted.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (depth >= MAX_DEPTH) {
            wanted.forEach(name -> summaries.put(name, Summary.OPAQUE));
            return CompletableFuture.completedFuture(null);
        }
        return reader.routines(wanted).toCompletableFuture().thenCompose(routines -> {
            List<CompletableFuture<Void>> bodies = new ArrayList<>();
            Map<String, List<Summary>> byName = new HashMap<>();
            for (RoutineSource routine : routines) {
                bodies.add(summary(routine, analyzer).thenAccept(summary -> {
                    synchronized (byName) {
                        byName.computeIfAbsent(routine.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(summary);
                    }
                }));
            }
            return CompletableFuture.allOf(bodies.toArray(CompletableFuture[]::new)).thenCompose(all -> {
                Set<String> next = new LinkedHashSet<>();
                for (String name : wanted) {
                    Summary merged = merge(byName.getOrDefault(name, List.of()));
                    summaries.put(name, merged);
                    next.addAll(merged.functions());
                }
                return summarize(next, depth + 1, summaries, reader, analyzer);
            });
        });
    }

    private static CompletableFuture<Summary> summary(RoutineSource routine, PostgresSqlAnalyzer analyzer) {
        String language = routine.language() == null ? "" : routine.language().toLowerCase(Locale.ROOT);
        if (routine.definition() == null || !(language.equals("sql") || language.equals("plpgsql"))) {
            return CompletableFuture.completedFuture(Summary.OPAQUE);
        }
        return analyzer.analyze(routine.definition()).thenApply(parsed -> {
            if (!parsed.parsed() || parsed.statements().size() != 1) {
                return Summary.OPAQUE;
            }
            AnalyzedStatement create = parsed.statements().get(0);
            // The CREATE FUNCTION statement itself is not what a call does: only what its body contains.
            List<Operation> body = create.operations().subList(1, create.operations().size());
            return new Summary(body, create.functions(), create.opaqueCode(), create.serverSideCopy(), create.effects());
        });
    }

    private static Summary merge(List<Summary> overloads) {
        if (overloads.isEmpty()) {
            return Summary.NONE;
        }
        List<Operation> operations = new ArrayList<>();
        Set<String> functions = new LinkedHashSet<>();
        boolean opaque = false;
        boolean serverSideCopy = false;
        SessionEffects effects = SessionEffects.NONE;
        for (Summary overload : overloads) {
            operations.addAll(overload.operations());
            functions.addAll(overload.functions());
            opaque |= overload.opaque();
            serverSideCopy |= overload.serverSideCopy();
            if (effects.refusedSetting() == null && overload.effects().refusedSetting() != null) {
                effects = overload.effects();
            }
        }
        return new Summary(operations, functions, opaque, serverSideCopy, effects);
    }

    private static SqlAnalysis expanded(SqlAnalysis analysis, Map<String, Summary> summaries) {
        List<AnalyzedStatement> statements = new ArrayList<>();
        for (AnalyzedStatement statement : analysis.statements()) {
            if (statement.functions().isEmpty()) {
                statements.add(statement);
                continue;
            }
            List<Operation> operations = new ArrayList<>(statement.operations());
            Set<String> functions = new LinkedHashSet<>(statement.functions());
            boolean opaque = statement.opaqueCode();
            boolean serverSideCopy = statement.serverSideCopy();
            SessionEffects effects = statement.effects();
            Set<String> seen = new LinkedHashSet<>();
            List<String> pending = new ArrayList<>(statement.functions());
            while (!pending.isEmpty()) {
                String name = pending.remove(pending.size() - 1);
                if (!seen.add(name)) {
                    continue;
                }
                Summary summary = summaries.getOrDefault(name, Summary.OPAQUE);
                operations.addAll(summary.operations());
                functions.addAll(summary.functions());
                opaque |= summary.opaque();
                serverSideCopy |= summary.serverSideCopy();
                if (effects.refusedSetting() == null && summary.effects().refusedSetting() != null) {
                    effects = new SessionEffects(summary.effects().refusedSetting(), summary.effects().refusal(), effects.searchPath());
                }
                pending.addAll(summary.functions());
            }
            statements.add(new AnalyzedStatement(statement.text(), operations, functions, serverSideCopy, opaque,
                    statement.preparedName(), effects));
        }
        return SqlAnalysis.of(statements);
    }
}
