package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.protocol.postgres.results.ResultDescriptions;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.EmptyQueryResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.NoData;
import dev.gatehouse.proxy.protocol.postgres.message.PortalSuspended;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import java.util.function.BiFunction;

/**
 * Puts the masking stage ({@link PostgresResultMasking}) in the target-to-client path while the
 * session's policy masks something, and takes it out while the policy masks nothing, so a
 * session without rules pays nothing per row.
 *
 * <p>The policy is asked again where the target's answer to a new request starts: the first
 * message after a ReadyForQuery that the target would not also send while idle. No result is in
 * flight there, whichever protocol the client speaks, and the request has already been sent, so
 * a rule added (or an unmask grant ended) before the request applies to its answer. Fetching the
 * next rows of an open portal is such a request too. Without a stage that costs one call and an
 * identity comparison per request.
 *
 * <p>The column descriptions are tracked here, stage or not, so that rows of statements the client
 * described before masking began can still be planned. Event-loop confined.
 */
final class MaskingGate {

    private final MaskingSession rules;
    private final ResultDescriptions descriptions = new ResultDescriptions();
    private final BiFunction<ResultDescriptions, Boolean, PostgresResultMasking> stages;
    /** Null while the policy masks nothing. */
    private PostgresResultMasking stage;
    /**
     * True at first too: a pooled connection may wait long before its first request, and the
     * policy asked when the session started may have changed by then.
     */
    private boolean answerStarts = true;

    /** @param stages builds the stage from the session's descriptions and whether the next answer has yet to start */
    MaskingGate(MaskingSession rules, BiFunction<ResultDescriptions, Boolean, PostgresResultMasking> stages) {
        this.rules = rules;
        this.stages = stages;
        if (!rules.masksNothing()) {
            stage = stages.apply(descriptions, answerStarts);
        }
    }

    /** A client message on its way to the target (after guardrails): tells which description rows will have. */
    void clientSent(FramedMessage message) {
        descriptions.clientSent(message);
        rules.lineage().clientSent(message);
    }

    /** False when the message is not taken: it goes on to the client as it is. */
    boolean fromTarget(FramedMessage message) {
        if (stage == null) {
            if (answerStarts) {
                answerStarts = PostgresResultMasking.asynchronous(message);
                rules.refresh();
                if (!rules.masksNothing()) {
                    stage = stages.apply(descriptions, answerStarts);
                    stage.fromTarget(message);
                    return true;
                }
            }
            if (!(message instanceof DataRow)) {
                passedUnmasked(message);
            }
            return false;
        }
        stage.fromTarget(message);
        dropStageIfIdle();
        return true;
    }

    /** Whether the session must stop reading from the target until held messages can go on. */
    boolean holding() {
        return stage != null && stage.holding();
    }

    /** Takes the stage out once the policy masks nothing and no result is half way through it. */
    void dropStageIfIdle() {
        if (stage != null && stage.maskingNothing()) {
            answerStarts = stage.answerStarts();
            stage.close();
            stage = null;
        }
    }

    void close() {
        if (stage != null) {
            stage.close();
        }
    }

    /** What the stage would note about a message it did not see: which description later rows have, and where answers end. */
    private void passedUnmasked(FramedMessage message) {
        switch (message) {
            case ReadyForQuery ready -> {
                descriptions.readyForQuery();
                answerStarts = true;
            }
            case RowDescription description when !descriptions.rowsFollowDescription() ->
                    descriptions.described(ResultDescriptions.columns(description));
            case NoData noData -> descriptions.noData();
            case ErrorResponse error -> descriptions.error();
            case CommandComplete complete -> descriptions.resultEnded();
            case EmptyQueryResponse empty -> descriptions.resultEnded();
            case PortalSuspended suspended -> descriptions.resultEnded();
            default -> {
            }
        }
    }
}
