package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import dev.gatehouse.proxy.masking.MaskingTally;
import dev.gatehouse.proxy.protocol.postgres.message.Bind;
import dev.gatehouse.proxy.protocol.postgres.message.BindComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CloseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.ParseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.Close;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.Describe;
import dev.gatehouse.proxy.protocol.postgres.message.EmptyQueryResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.Execute;
import dev.gatehouse.proxy.protocol.postgres.message.NoData;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.PortalSuspended;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import dev.gatehouse.proxy.protocol.postgres.message.Sync;
import dev.gatehouse.proxy.protocol.postgres.message.UnknownFrontendMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns the two message streams of one session into recorded statements.
 *
 * <p>The server answers frontend messages strictly in order, so the tracker keeps a FIFO of what
 * each forwarded message still owes an answer for (ParseComplete, BindComplete, a command result,
 * ReadyForQuery …) and pops it when the answer passes. After an error in the extended protocol
 * the server skips everything up to the next Sync; the tracker drops those entries the same way,
 * so only executions that really ran are recorded.
 *
 * <p>A simple-protocol query string is one recorded statement (its command tags list every
 * statement it ran); an extended-protocol execution is one statement with its bind parameters.
 * A portal read in chunks ({@code setFetchSize}) is one statement whose rows add up.
 *
 * <p>Only the event loop of the session touches it; it is not thread-safe.
 */
final class PostgresStatements {

    /** Text parameters longer than this are recorded truncated, with their full length. */
    static final int MAX_RECORDED_PARAMETER_CHARS = 4096;

    private enum Owed { PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, SYNC, QUERY, FUNCTION_CALL }

    /** One answer the server still owes, in the order it will come. */
    private static final class Pending {
        final Owed owed;
        final Execution execution;

        Pending(Owed owed, Execution execution) {
            this.owed = owed;
            this.execution = execution;
        }
    }

    /** A statement being run: the unit that becomes one recorded event. */
    private static final class Execution {
        final String mode;
        final String portal;
        final String sql;
        final List<BoundParameter> parameters;
        final Instant startedAt = Instant.now();
        final long startedNanos = System.nanoTime();
        final List<String> tags = new ArrayList<>(1);
        long countedRows;
        long taggedRows = -1;
        String sqlState;
        String error;
        String decision;
        String decisionRule;
        /** Created when masking first reports something: statements without it allocate nothing. */
        MaskingTally masking;
        /** An Execute has taken this portal's execution, and with what row limit (0: all rows, nothing left to fetch). */
        boolean taken;
        int maxRows;
        /** The text as the client sent it, for lineage (docs/adr/0018); never recorded, {@link #sql} is. */
        String rawSql;

        Execution decided(Decision verdict) {
            if (verdict != null) {
                decision = verdict.outcome();
                decisionRule = verdict.rule();
            }
            return this;
        }

        Execution(String mode, String sql, List<BoundParameter> parameters) {
            this(mode, null, sql, parameters);
        }

        MaskingTally tally() {
            if (masking == null) {
                masking = new MaskingTally();
            }
            return masking;
        }

        Execution(String mode, String portal, String sql, List<BoundParameter> parameters) {
            this.mode = mode;
            this.portal = portal;
            this.sql = sql;
            this.parameters = parameters;
        }
    }

    private record PreparedStatement(String sql, List<Integer> typeOids, String rawSql) {
    }

    /**
     * What the target is answering now, for lineage: the client's own text and which of its
     * statements (a simple query string may hold several; each ends with one command tag).
     */
    record Answering(String sql, int statement) {
    }

    private final UUID sessionId;
    private final Consumer<StatementExecuted> sink;
    private final ArrayDeque<Pending> owed = new ArrayDeque<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Bound portals; an execution is attached once Execute runs and kept while the portal is suspended. */
    private final Map<String, Execution> portals = new HashMap<>();
    private final Map<String, Execution> suspended = new HashMap<>();
    private long sequence;
    /** Masks bind parameters before they are recorded; null while the session masks nothing. */
    private MaskingSession parameterMasking;

    PostgresStatements(UUID sessionId, Consumer<StatementExecuted> sink) {
        this.sessionId = sessionId;
        this.sink = sink;
    }

    /** From now on, recorded bind parameters go through this session's content detectors. */
    void maskParametersWith(MaskingSession masking) {
        this.parameterMasking = masking;
    }

    /** What masking did to the output of the statement being answered now (rows, errors, notices). */
    void masked(List<MaskingEvidence> evidence) {
        Pending head = owed.peek();
        if (head != null && head.execution != null) {
            head.execution.tally().addAll(evidence);
        }
    }

    /** The statement whose output passes now, or null when none is known (its rows then fail closed). */
    Answering answering() {
        Pending head = owed.peek();
        if (head == null || head.execution == null || head.execution.rawSql == null) {
            return null;
        }
        return new Answering(head.execution.rawSql, head.owed == Owed.QUERY ? head.execution.tags.size() : 0);
    }

    long recorded() {
        return sequence;
    }

    /** Whether the target still owes answers, i.e. something may be running there. */
    boolean awaitingTarget() {
        return !owed.isEmpty();
    }

    // ---- client → server ----

    void clientSent(Object message) {
        clientSent(message, null);
    }

    /**
     * @param decision what guardrails decided about this message (Query, Parse, Execute,
     *                 FunctionCall), or null when the connection has none; recorded with it
     */
    void clientSent(Object message, Decision decision) {
        switch (message) {
            case Query query -> {
                MaskingTally evidence = parameterMasking == null ? null : new MaskingTally();
                Execution execution = new Execution("simple", recordedText(query.sql(), evidence), List.of()).decided(decision);
                execution.rawSql = query.sql();
                if (evidence != null && !evidence.isEmpty()) {
                    execution.tally().addAll(evidence.drain());
                }
                owed.add(new Pending(Owed.QUERY, execution));
            }
            case Parse parse -> {
                String sql = recordedText(parse.query(), null);
                statements.put(parse.statementName(), new PreparedStatement(sql, parse.parameterTypeOids(), parse.query()));
                owed.add(new Pending(Owed.PARSE, new Execution("extended", sql, List.of()).decided(decision)));
            }
            case Bind bind -> bind(bind);
            case Describe describe -> owed.add(new Pending(Owed.DESCRIBE, null));
            case Execute execute -> execute(execute, decision);
            case Close close -> close(close);
            case Sync sync -> owed.add(new Pending(Owed.SYNC, null));
            case UnknownFrontendMessage unknown when unknown.type() == 'F' -> owed.add(new Pending(Owed.FUNCTION_CALL,
                    new Execution("function-call", "<fast-path function call>", List.of()).decided(decision)));
            default -> {
                // Flush, CopyData/CopyDone/CopyFail and Terminate owe no answer of their own.
            }
        }
    }

    /** The statement text as recorded: with masking, detected values in literals are masked. */
    private String recordedText(String sql, MaskingTally evidence) {
        return parameterMasking == null ? sql : parameterMasking.statementText(sql, evidence != null ? evidence : new MaskingTally());
    }

    private void bind(Bind bind) {
        finishSuspended(bind.portal(), "PORTAL REPLACED");
        PreparedStatement statement = statements.get(bind.statement());
        String sql = statement == null ? null : statement.sql();
        List<Integer> oids = statement == null ? List.of() : statement.typeOids();
        List<BoundParameter> parameters = parameters(bind, oids);
        MaskingTally parameterEvidence = null;
        if (parameterMasking != null && !parameters.isEmpty()) {
            parameterEvidence = new MaskingTally();
            parameters = parameterMasking.parameters(parameters, parameterEvidence);
        }
        Execution execution = new Execution("extended", bind.portal(), sql, parameters);
        execution.rawSql = statement == null ? null : statement.rawSql();
        if (parameterEvidence != null && !parameterEvidence.isEmpty()) {
            execution.tally().addAll(parameterEvidence.drain());
        }
        portals.put(bind.portal(), execution);
        owed.add(new Pending(Owed.BIND, portals.get(bind.portal())));
    }

    private void execute(Execute execute, Decision decision) {
        Execution running = suspended.remove(execute.portal());
        if (running == null) {
            Execution bound = portals.get(execute.portal());
            if (bound != null && bound.taken && bound.maxRows == 0) {
                // The portal executed again after a run for all its rows: not more rows of that run but an
                // execution of its own, with its own decision (an approval is one run, docs/adr/0017).
                Execution again = new Execution("extended", bound.portal, bound.sql, bound.parameters);
                again.rawSql = bound.rawSql;
                bound = again;
                portals.put(execute.portal(), bound);
            }
            running = bound != null ? bound : new Execution("extended", execute.portal(), null, List.of());
        }
        running.taken = true;
        running.maxRows = execute.maxRows();
        owed.add(new Pending(Owed.EXECUTE, running.decided(decision)));
    }

    private void close(Close close) {
        if (close.kind() == 'P') {
            finishSuspended(close.name(), "PORTAL CLOSED");
            portals.remove(close.name());
        } else {
            statements.remove(close.name());
        }
        owed.add(new Pending(Owed.CLOSE, null));
    }

    // ---- server → client ----

    void serverSent(Object message) {
        switch (message) {
            case DataRow row -> {
                Pending head = owed.peek();
                if (head != null && head.execution != null) {
                    head.execution.countedRows++;
                }
            }
            case CommandComplete complete -> commandComplete(complete.tag());
            case EmptyQueryResponse empty -> {
                Pending head = owed.peek();
                if (head != null && head.owed == Owed.EXECUTE) {
                    finish(owed.poll().execution);
                }
            }
            case PortalSuspended portalSuspended -> {
                Pending head = owed.poll();
                if (head != null && head.execution != null && head.execution.portal != null) {
                    suspended.put(head.execution.portal, head.execution);
                }
            }
            case ErrorResponse error -> error(error);
            case ReadyForQuery ready -> readyForQuery(ready);
            case RowDescription description -> popIf(Owed.DESCRIBE);
            case NoData noData -> popIf(Owed.DESCRIBE);
            case ParseComplete parsed -> popIf(Owed.PARSE);
            case BindComplete bound -> popIf(Owed.BIND);
            case CloseComplete closed -> popIf(Owed.CLOSE);
            default -> {
                // ParameterStatus, NoticeResponse, NotificationResponse, Copy* and
                // ParameterDescription arrive without settling anything owed.
            }
        }
    }

    private void commandComplete(String tag) {
        Pending head = owed.peek();
        if (head == null || head.execution == null) {
            return;
        }
        Execution execution = head.execution;
        execution.tags.add(tag);
        long count = rowsIn(tag);
        if (count >= 0) {
            execution.taggedRows = Math.max(execution.taggedRows, 0) + count;
        }
        if (head.owed == Owed.EXECUTE) {
            owed.poll();
            finish(execution);
        }
    }

    private void error(ErrorResponse error) {
        Pending head = owed.peek();
        if (head == null) {
            return; // e.g. a FATAL administrator shutdown with nothing in flight
        }
        if (head.owed == Owed.QUERY || head.owed == Owed.FUNCTION_CALL) {
            // The simple protocol stops at the first error and still ends with ReadyForQuery.
            head.execution.sqlState = error.sqlState();
            head.execution.error = error.message();
            return;
        }
        owed.poll();
        if (head.execution != null && head.owed != Owed.SYNC) {
            head.execution.sqlState = error.sqlState();
            head.execution.error = error.message();
            finish(head.execution);
        }
        // The server now ignores everything up to Sync: so do we.
        while (!owed.isEmpty() && owed.peek().owed != Owed.SYNC) {
            owed.poll();
        }
    }

    private void readyForQuery(ReadyForQuery ready) {
        Pending head = owed.poll();
        if (head != null && (head.owed == Owed.QUERY || head.owed == Owed.FUNCTION_CALL)) {
            finish(head.execution);
        }
        if (ready.status() == 'I') {
            // Outside a transaction every portal is gone: a chunked read that was never finished ends here.
            for (String portal : List.copyOf(suspended.keySet())) {
                finishSuspended(portal, "PORTAL CLOSED");
            }
        }
    }

    /** Records what is still in flight when the session ends, so nothing that ran goes unrecorded. */
    void sessionEnded(String reason) {
        for (Pending pending : owed) {
            if (pending.execution != null && (pending.owed == Owed.EXECUTE || pending.owed == Owed.QUERY)) {
                pending.execution.sqlState = "08006";
                pending.execution.error = "session ended before the statement completed: " + reason;
                finish(pending.execution);
            }
        }
        owed.clear();
        for (String portal : List.copyOf(suspended.keySet())) {
            finishSuspended(portal, "PORTAL CLOSED");
        }
    }

    private void popIf(Owed expected) {
        Pending head = owed.peek();
        if (head != null && head.owed == expected) {
            owed.poll();
        }
    }

    private void finishSuspended(String portal, String tag) {
        Execution execution = suspended.remove(portal);
        if (execution != null) {
            execution.tags.add(tag);
            finish(execution);
        }
    }

    private void finish(Execution execution) {
        long micros = (System.nanoTime() - execution.startedNanos) / 1_000;
        // Tags count a resumed portal's last chunk only, rows counted here cover all chunks;
        // tags also count what no DataRow shows (INSERT, UPDATE): the larger one is the truth.
        long rows = Math.max(execution.taggedRows, execution.countedRows);
        sequence++;
        sink.accept(new StatementExecuted(sessionId, sequence, execution.startedAt,
                execution.startedAt.plusNanos(micros * 1_000), micros, execution.mode,
                execution.sql == null ? "<unknown prepared statement>" : execution.sql, execution.parameters,
                execution.tags, rows, execution.sqlState, execution.error, execution.decision, execution.decisionRule,
                execution.masking == null ? List.of() : execution.masking.drain()));
    }

    /** The row count a command tag carries ("SELECT 5", "INSERT 0 1", "COPY 3"), or -1. */
    static long rowsIn(String tag) {
        int space = tag.lastIndexOf(' ');
        if (space < 0 || space == tag.length() - 1) {
            return -1;
        }
        long value = 0;
        for (int i = space + 1; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static List<BoundParameter> parameters(Bind bind, List<Integer> typeOids) {
        List<byte[]> values = bind.parameterValues();
        if (values.isEmpty()) {
            return List.of();
        }
        List<Short> formats = bind.parameterFormats();
        List<BoundParameter> parameters = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i);
            int oid = i < typeOids.size() ? typeOids.get(i) : 0;
            short format = formats.isEmpty() ? 0 : formats.size() == 1 ? formats.get(0) : formats.get(i);
            boolean binary = format == 1;
            if (value == null) {
                parameters.add(new BoundParameter(i + 1, oid, binary, null, -1));
            } else if (binary) {
                parameters.add(new BoundParameter(i + 1, oid, true, BinaryValues.asText(oid, value), value.length));
            } else {
                String text = new String(value, StandardCharsets.UTF_8);
                if (text.length() > MAX_RECORDED_PARAMETER_CHARS) {
                    text = text.substring(0, MAX_RECORDED_PARAMETER_CHARS);
                }
                parameters.add(new BoundParameter(i + 1, oid, false, text, value.length));
            }
        }
        return parameters;
    }
}
