package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.MaskingRules;
import dev.gatehouse.proxy.api.TargetCatalog;
import dev.gatehouse.proxy.masking.CellMasker;
import dev.gatehouse.proxy.masking.CellRewriter;
import dev.gatehouse.proxy.masking.ColumnPlanner;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingTally;
import dev.gatehouse.proxy.masking.OriginResolver;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.protocol.postgres.results.DataRowRewriter;
import dev.gatehouse.proxy.masking.MessageTextMasking;
import dev.gatehouse.proxy.protocol.postgres.results.TextMessageMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One session's masking rules and the parts built from them: the planner, the row rewriter, the
 * text masker and the session's view of the catalog. The policy is asked for at the start of the
 * relay and again at every request boundary ({@link #refresh()}), so a new rule, or the end of an
 * unmask grant, reaches sessions that are already open. Until it is known the session holds the
 * target's answers, and when it cannot be had, every result fails closed. Event-loop confined
 * (the policy's stage hops onto the loop).
 */
final class MaskingSession {

    private static final Logger LOG = Logger.getLogger(MaskingSession.class.getName());

    private final MaskingRules rules;
    private final Identity identity;
    private final Executor loop;
    private final TargetCatalog catalog;
    private final Connection connection;
    private final Function<MaskingPolicy, CellMasker> cellMaskers;
    private boolean ready;
    private Runnable whenReady = () -> { };
    /** The answer being waited for (or last taken): a slower, older answer must not replace it. */
    private CompletableFuture<MaskingPolicy> latest;
    /** Null while the policy is being asked for the first time or could not be loaded. */
    private MaskingPolicy policy;
    private boolean unavailable;
    private ColumnPlanner planner;
    private DataRowRewriter rows;
    private MessageTextMasking texts;
    private TextMessageMasker textMessages = new TextMessageMasker(null);
    private OriginResolver origins;
    private ResultLineage lineage;

    private MaskingSession(MaskingRules rules, Identity identity, Executor loop, TargetCatalog catalog, Connection connection,
            Function<MaskingPolicy, CellMasker> cellMaskers) {
        this.rules = rules;
        this.identity = identity;
        this.loop = loop;
        this.catalog = catalog;
        this.connection = connection;
        this.cellMaskers = cellMaskers;
    }

    /**
     * Asks for the policy the first time; {@link #refresh()} asks again at each request boundary.
     *
     * @param connection the session's connection, with the database it opened (catalog OIDs are per database)
     */
    static MaskingSession start(MaskingRules rules, TargetCatalog catalog, Identity identity, Connection connection, Executor loop,
            Function<MaskingPolicy, CellMasker> cellMaskers) {
        return start(rules, catalog, identity, connection, loop, cellMaskers, null);
    }

    /** @param analyzer parses statements for lineage (docs/adr/0018); null: every result's lineage is unknown (fail closed) */
    static MaskingSession start(MaskingRules rules, TargetCatalog catalog, Identity identity, Connection connection, Executor loop,
            Function<MaskingPolicy, CellMasker> cellMaskers, PostgresSqlAnalyzer analyzer) {
        MaskingSession session = new MaskingSession(rules, identity, loop, catalog, connection, cellMaskers);
        session.lineage = new ResultLineage(analyzer, loop, catalog, connection);
        session.refresh();
        return session;
    }

    /**
     * Asks for the policy again; called where no result is in flight (before the target's answer
     * to a new request goes on), so a result never changes plan midway. The same policy instance,
     * already known, changes nothing and costs only the call. A different one rebuilds the
     * planner, rewriters and origins; a pending one makes {@link #ready()} false until it settles
     * (the caller holds the next result); a failed one makes every result fail closed.
     */
    void refresh() {
        CompletableFuture<MaskingPolicy> asked;
        try {
            asked = rules.policyFor(identity, connection).toCompletableFuture();
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        if (ready && asked.isDone() && !asked.isCompletedExceptionally() && asked.join() == policy && policy != null) {
            return;
        }
        latest = asked;
        if (asked.isDone()) {
            boolean failed = asked.isCompletedExceptionally();
            settle(failed ? null : asked.join(), failed ? failure(asked) : null);
            ready = true; // the caller goes on at once: nothing waits to be woken
            return;
        }
        ready = false;
        CompletableFuture<MaskingPolicy> awaited = asked;
        asked.whenComplete((settled, error) -> loop.execute(() -> {
            if (latest == awaited) { // otherwise a later answer has already replaced this one
                settle(settled, error);
                ready = true;
                whenReady.run();
            }
        }));
    }

    /** The connection as this session opened it: the catalog is keyed by connection and database. */
    static Connection withDatabase(Connection target, String database) {
        return new Connection(target.name(), target.type(), target.host(), target.port(), database, target.username(),
                target.tlsMode(), target.labels(), target.allowedRoles(), target.requireClientTls(), target.auditFailClosed(),
                target.requiresJit(), target.allowedStartupParameters());
    }

    boolean ready() {
        return ready;
    }

    /** Runs (on the loop) once the policy is settled, if it was not yet. */
    void whenReady(Runnable task) {
        whenReady = task;
    }

    /** Whether the policy is known and masks nothing (the session can then forward without the masking stage). */
    boolean masksNothing() {
        return ready && policy != null && !policy.masks();
    }

    /** Null when the policy could not be loaded: every result then fails closed. */
    ColumnPlanner planner() {
        return planner;
    }

    OriginResolver origins() {
        return origins;
    }

    ResultLineage lineage() {
        return lineage;
    }

    DataRowRewriter rows() {
        return rows;
    }

    TextMessageMasker texts() {
        return textMessages;
    }

    /** Why a COPY TO STDOUT of this format cannot be masked, or null when it can. */
    String copyRefusal(boolean binary) {
        if (planner == null) {
            return "the masking rules for this session could not be loaded";
        }
        if (binary) {
            return "binary COPY data cannot be masked; use COPY in text or CSV format";
        }
        if (planner.hasColumnRules()) {
            return "COPY TO STDOUT does not describe its columns, so column masking rules cannot apply to it; use SELECT";
        }
        return null;
    }

    /** A command tag passed: DDL may have changed what the cached column origins are called. */
    void commandTag(String tag) {
        if (origins != null && isDdl(tag)) {
            origins.invalidate();
            lineage.invalidateViews();
        }
    }

    static boolean isDdl(String tag) {
        String verb = tag.toUpperCase(Locale.ROOT);
        return verb.startsWith("CREATE") || verb.startsWith("ALTER") || verb.startsWith("DROP");
    }

    /** Why masking failed, in words that never contain the value. */
    String reason(Exception e) {
        if (e instanceof UnmaskableValueException) {
            return e.getMessage();
        }
        LOG.log(Level.WARNING, "masking a value failed unexpectedly on connection " + connection.name()
                + " (" + e.getClass().getName() + ")");
        return "a value could not be masked (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * Recorded bind parameters with the content detectors applied to their text; a value that
     * cannot be masked (or any value while the rules are unknown) is recorded without its text.
     */
    List<BoundParameter> parameters(List<BoundParameter> parameters, MaskingTally tally) {
        if (masksNothing()) {
            return parameters;
        }
        List<BoundParameter> masked = new ArrayList<>(parameters.size());
        for (BoundParameter parameter : parameters) {
            masked.add(parameter.value() == null ? parameter : parameter(parameter, tally));
        }
        return masked;
    }

    /**
     * A statement's text as recorded: literals the content detectors recognise are masked (an
     * {@code INSERT ... VALUES ('536-22-8147')} typed in psql); withheld entirely when that fails.
     */
    String statementText(String sql, MaskingTally tally) {
        if (texts == null || masksNothing()) {
            return sql; // no rules known: the text is recorded as typed, like on unmasked connections
        }
        try {
            String scanned = texts.text(sql, "(statement text)", tally);
            return scanned != null ? scanned : sql;
        } catch (UnmaskableValueException | RuntimeException e) {
            return "<statement text withheld: a value in it could not be masked>";
        }
    }

    private BoundParameter parameter(BoundParameter parameter, MaskingTally tally) {
        String text = null;
        if (texts != null) {
            try {
                String scanned = texts.text(parameter.value(), "(parameter $" + parameter.index() + ")", tally);
                text = scanned != null ? scanned : parameter.value();
            } catch (UnmaskableValueException | RuntimeException e) {
                text = null; // withheld: recorded by type and length only
            }
        }
        return new BoundParameter(parameter.index(), parameter.typeOid(), parameter.binary(), text, parameter.length());
    }

    private void settle(MaskingPolicy settled, Throwable error) {
        MaskingPolicy built = null;
        if (error == null && settled != null) {
            try {
                CellMasker cells = cellMaskers.apply(settled);
                CellRewriter rewriter = new CellRewriter(cells);
                planner = new ColumnPlanner(settled, cells);
                rows = new DataRowRewriter(rewriter);
                texts = new MessageTextMasking(rewriter, settled);
                textMessages = new TextMessageMasker(texts);
                origins = new OriginResolver(catalog, connection, planner.hasCatalogColumnRules(), loop);
                built = settled;
            } catch (RuntimeException e) {
                error = e;
            }
        }
        if (built == null) {
            planner = null;
            rows = null;
            texts = null;
            textMessages = new TextMessageMasker(null);
            origins = null;
            if (!unavailable) { // once per outage, not once per request
                LOG.log(Level.WARNING, "masking rules for connection " + connection.name() + " are unavailable: results fail closed",
                        error);
            }
        }
        policy = built;
        unavailable = built == null;
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }
}
