package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.masking.ColumnPlanner;
import dev.gatehouse.proxy.masking.MaskingTally;
import dev.gatehouse.proxy.masking.OriginResolver;
import dev.gatehouse.proxy.masking.ResultColumn;
import dev.gatehouse.proxy.masking.ResultPlan;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import dev.gatehouse.proxy.masking.ViewLineages;
import dev.gatehouse.proxy.sql.StatementLineage;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.results.ResultDescriptions;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CopyData;
import dev.gatehouse.proxy.protocol.postgres.message.CopyOutResponse;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.EmptyQueryResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.NoData;
import dev.gatehouse.proxy.protocol.postgres.message.NoticeResponse;
import dev.gatehouse.proxy.protocol.postgres.message.NotificationResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ParameterStatus;
import dev.gatehouse.proxy.protocol.postgres.message.PortalSuspended;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import dev.gatehouse.proxy.protocol.postgres.message.UnknownBackendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Masking on the target-to-client direction of one session: every message from the target passes
 * here, one at a time, and leaves rewritten (or untouched, the same buffer) in order. Nothing is
 * buffered but the few messages decoded while a result waits for its plan (the catalog lookup of
 * its columns' origins, or the session's policy); meanwhile the session stops reading from the
 * target ({@link #holding()}).
 *
 * <p>A value that cannot be masked fails the statement closed: the client gets a 42501 error in
 * place of the rest of the result, everything the target still sends up to ReadyForQuery is
 * dropped, and the statement is recorded as failed with the reason. No value passes unmasked.
 *
 * <p>Only in place while the session's policy masks something (or is not known yet), see
 * {@link MaskingGate}. Where the answer to a new request starts, the policy is asked again, so a
 * result is planned with the policy current when its request was answered and never changes plan
 * midway. Event-loop confined.
 */
final class PostgresResultMasking {

    static final String MASKING_REFUSED = "42501";
    private static final char FUNCTION_CALL_RESPONSE = 'V';
    static final String DETAIL = "Gatehouse masks this result and could not mask it safely, so the rest of it was withheld;"
            + " the session remains usable. The statement's recording says why.";

    private final MaskingSession rules;
    private final PostgresStatements statements;
    /** Where messages go on: the session's recording, counting and batch to the client. */
    private final Consumer<FramedMessage> out;
    /** Writes what was delivered after a wait, and re-evaluates reading from the target. */
    private final Runnable resumed;
    private final ByteBufAllocator alloc;
    private final ResultDescriptions descriptions;
    private final ArrayDeque<FramedMessage> held = new ArrayDeque<>();
    private final MaskingTally tally = new MaskingTally();
    private ResultPlan current;
    private boolean copying;
    private boolean discarding;
    private boolean closed;
    /** A ReadyForQuery passed: the next answer starts, and the policy is asked again before it goes on. */
    private boolean answerStarts;

    /**
     * @param descriptions the session's, kept while this stage is dropped so rows of statements
     *     described before masking began can still be read
     * @param answerStarts whether the policy must be asked again before the next result (its
     *     answer starts with the next message that is not asynchronous)
     */
    PostgresResultMasking(MaskingSession rules, ResultDescriptions descriptions, boolean answerStarts, PostgresStatements statements,
            Consumer<FramedMessage> out, Runnable resumed, ByteBufAllocator alloc) {
        this.rules = rules;
        this.descriptions = descriptions;
        this.answerStarts = answerStarts;
        this.statements = statements;
        this.out = out;
        this.resumed = resumed;
        this.alloc = alloc;
        rules.whenReady(this::resume);
    }

    /** Whether the session must stop reading from the target until the held messages can go on. */
    boolean holding() {
        return !held.isEmpty() || !rules.ready();
    }

    /**
     * Whether the policy masks nothing and no result is half way through this stage: the session
     * can forward without it (and the policy is asked again where the next answer starts).
     */
    boolean maskingNothing() {
        return rules.masksNothing() && held.isEmpty() && current == null && !copying && !discarding;
    }

    /** Whether the next answer has yet to start (the policy is asked again before it). */
    boolean answerStarts() {
        return answerStarts;
    }

    void fromTarget(FramedMessage message) {
        if (holding()) {
            held.add(message);
            return;
        }
        process(message);
    }

    void close() {
        closed = true;
        held.forEach(FramedMessage::release);
        held.clear();
    }

    private void resume() {
        if (closed) {
            return;
        }
        while (!held.isEmpty() && rules.ready()) {
            if (!process(held.pollFirst())) {
                break;
            }
        }
        resumed.run();
    }

    /** False when the message waits for its plan (it is then first in {@link #held}). */
    private boolean process(FramedMessage message) {
        if (answerStarts) {
            answerStarts = asynchronous(message);
            rules.refresh();
            if (!rules.ready()) {
                held.addFirst(message);
                return false;
            }
        }
        switch (message) {
            case ReadyForQuery ready -> {
                endResult();
                descriptions.readyForQuery();
                discarding = false;
                answerStarts = true;
            }
            case ParameterStatus status -> {
            }
            case NoticeResponse notice -> message = rules.texts().notice(notice, tally, alloc);
            case NotificationResponse notification -> message = rules.texts().notification(notification, tally, alloc);
            default -> {
                if (discarding) {
                    if (message instanceof CommandComplete complete) {
                        rules.commandTag(complete.tag()); // DDL behind a failed result still ran
                    }
                    message.release();
                    return true;
                }
                return result(message);
            }
        }
        flushEvidence();
        if (message != null) {
            out.accept(message);
        }
        return true;
    }

    /** A message the target may send while idle: it does not start the answer to a request. */
    static boolean asynchronous(FramedMessage message) {
        return message instanceof ParameterStatus || message instanceof NoticeResponse || message instanceof NotificationResponse;
    }

    private boolean result(FramedMessage message) {
        switch (message) {
            case RowDescription description -> {
                List<ResultColumn> columns = ResultDescriptions.columns(description);
                if (!descriptions.rowsFollowDescription()) {
                    descriptions.described(columns);
                } else {
                    Planned planned = plan(message, columns);
                    if (planned != Planned.READY) {
                        return planned == Planned.FAILED;
                    }
                }
            }
            case NoData noData -> descriptions.noData();
            case DataRow row -> {
                return row(row);
            }
            case CopyOutResponse copy -> {
                String refusal = rules.copyRefusal(copy.overallFormat() == 1);
                if (refusal != null) {
                    message.release();
                    failClosed(refusal);
                    return true;
                }
                copying = true;
            }
            case CopyData data when copying -> message = rules.texts().copyData(data, tally, alloc);
            case UnknownBackendMessage other when other.type() == FUNCTION_CALL_RESPONSE -> {
                // A fast-path function's result has no description: there is nothing to plan it by.
                message.release();
                failClosed("fast-path function call results cannot be masked; call the function with SELECT");
                return true;
            }
            case CommandComplete complete -> {
                endResult();
                descriptions.resultEnded();
                rules.commandTag(complete.tag());
            }
            case EmptyQueryResponse empty -> {
                endResult();
                descriptions.resultEnded();
            }
            case PortalSuspended suspended -> {
                endResult();
                descriptions.resultEnded();
            }
            case ErrorResponse error -> {
                endResult();
                descriptions.error();
                message = rules.texts().error(error, tally, alloc);
            }
            default -> {
            }
        }
        if (message == null) {
            failClosed(rules.texts().lastFailure());
            return true;
        }
        flushEvidence();
        out.accept(message);
        return true;
    }

    private boolean row(DataRow row) {
        if (current == null) {
            List<ResultColumn> columns = descriptions.executing();
            if (columns == null) {
                row.release();
                failClosed("rows arrived whose columns the gateway never saw described");
                return true;
            }
            Planned planned = plan(row, columns);
            if (planned != Planned.READY) {
                return planned == Planned.FAILED;
            }
        }
        if (current.masksNothing()) {
            out.accept(row);
            return true;
        }
        try {
            ByteBuf rewritten = rules.rows().rewrite(row, current, tally, alloc);
            if (rewritten != null) {
                row.release();
                out.accept(new DataRow(rewritten));
            } else {
                out.accept(row);
            }
        } catch (UnmaskableValueException | RuntimeException e) {
            row.release();
            failClosed(rules.reason(e));
        }
        return true;
    }

    private enum Planned { READY, HELD, FAILED }

    /**
     * Plans the result about to stream. When it cannot go on now, the message is held until the
     * lookup ends, or the result has failed closed (the message is then released).
     */
    private Planned plan(FramedMessage message, List<ResultColumn> columns) {
        ColumnPlanner planner = rules.planner();
        if (planner == null) {
            message.release();
            failClosed("the masking rules for this session could not be loaded");
            return Planned.FAILED;
        }
        StatementLineage lineage = null;
        ViewLineages views = ViewLineages.NONE;
        if (planner.hasColumnRules()) {
            lineage = rules.lineage().lineage(statements.answering(), this::resume);
            views = lineage == null ? null : rules.lineage().views(this::resume);
            if (lineage == null || views == null) {
                held.addFirst(message); // its statement, or the target's views, are being parsed
                return Planned.HELD;
            }
            String refused = planner.predicateRefusal(lineage, views);
            if (refused != null) {
                message.release();
                failClosed(refused);
                return Planned.FAILED;
            }
        }
        switch (rules.origins().resolve(planner.originsToResolve(columns), this::resume)) {
            case KNOWN -> {
                if (current != null) {
                    current.drainInto(tally);
                }
                current = planner.plan(columns, rules.origins().known(), lineage, views);
                return Planned.READY;
            }
            case PENDING -> {
                held.addFirst(message);
                return Planned.HELD;
            }
            default -> {
                message.release();
                failClosed("the target's catalog could not be read to find the result's source columns");
                return Planned.FAILED;
            }
        }
    }

    private void endResult() {
        if (current != null) {
            current.drainInto(tally);
        }
        current = null;
        copying = false;
        flushEvidence();
    }

    private void flushEvidence() {
        if (!tally.isEmpty()) {
            statements.masked(tally.drain());
        }
    }

    /** The statement errors towards the client; the rest of what the target answers, up to ReadyForQuery, is dropped. */
    private void failClosed(String reason) {
        endResult();
        String text = "result withheld by Gatehouse masking: " + reason;
        ByteBuf raw = PostgresMessages.errorResponse(alloc, PostgresMessages.SEVERITY_ERROR, MASKING_REFUSED, text, DETAIL);
        out.accept(new ErrorResponse(raw, Map.of('S', PostgresMessages.SEVERITY_ERROR, 'C', MASKING_REFUSED, 'M', text)));
        descriptions.error();
        discarding = true;
    }
}
