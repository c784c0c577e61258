package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.policy.SessionGuard;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The relay's client-to-target direction with guardrails in it: each message goes on once its
 * decision is made, in the order the client sent it, and a denied one goes as its stand-in
 * ({@link PostgresGuard}). On the way back it turns the stand-ins' errors into the guardrail's.
 *
 * <p>A decision that is not ready (a cold parse, a rules refresh) completes off the loop; until
 * then the messages behind it wait here and {@link #waiting()} tells the session to stop reading.
 * Event-loop confined; {@code loop} runs the continuation on it.
 */
final class GuardedForwarding {

    /** The pseudo-rule of a held statement the client cancelled. */
    static final String WAIT_CANCELED = "canceled-while-waiting";

    private final PostgresGuard guard;
    private final PostgresStatements statements;
    private final FrameBatch toTarget;
    private final ByteBufAllocator alloc;
    private final Executor loop;
    private final Runnable readingChanged;
    private final ArrayDeque<FramedMessage> held = new ArrayDeque<>();
    private boolean closed;
    private Consumer<FramedMessage> forwarded = message -> { };

    /** @param readingChanged called when {@link #waiting()} changes, to switch the client's reads */
    GuardedForwarding(PostgresGuard guard, PostgresStatements statements, FrameBatch toTarget, ByteBufAllocator alloc,
            Executor loop, Runnable readingChanged) {
        this.guard = guard;
        this.statements = statements;
        this.toTarget = toTarget;
        this.alloc = alloc;
        this.loop = loop;
        this.readingChanged = readingChanged;
    }

    /** Also tells {@code observer} of every client message as it goes on (the original, even when a stand-in replaces it). */
    void observeForwarded(Consumer<FramedMessage> observer) {
        this.forwarded = observer;
    }

    /** Whether a message is waiting for its decision (the session then reads nothing more). */
    boolean waiting() {
        return !held.isEmpty();
    }

    /** Takes over a client message; it reaches the batch once decided. */
    void fromClient(FramedMessage message) {
        if (!held.isEmpty()) {
            held.add(message); // nothing overtakes a statement awaiting its decision
            return;
        }
        relay(message);
    }

    /** The message to pass to the client for this one from the target (a rewritten error, or itself). */
    FramedMessage fromTarget(FramedMessage message) {
        switch (message) {
            case ErrorResponse error -> {
                Decision blocked = guard.blockedBy(error);
                if (blocked != null) {
                    message.raw().release();
                    return guardrailError(blocked);
                }
            }
            case ReadyForQuery ready -> guard.readyForQuery(ready.status());
            default -> {
            }
        }
        return message;
    }

    /**
     * The client cancelled: the statement waiting for its decision (an approval the client chose to
     * wait for, or a slow parse) is refused instead, and the approval gate stops waiting.
     */
    void cancelWaiting() {
        FramedMessage waiting = held.peekFirst();
        if (closed || waiting == null) {
            return;
        }
        decided(waiting, new SessionGuard.Verdict(new Decision.Deny(WAIT_CANCELED,
                "cancelled by the client while it waited for a decision; the statement did not run"), null));
        // After the refusal is in place: cancelling completes the pending verdict, which may run inline and must find nothing held.
        guard.abandonPendingReview();
    }

    /** Releases what is still held; later decisions are ignored. */
    void close() {
        closed = true;
        held.forEach(message -> message.raw().release());
        held.clear();
    }

    /** False when the message has to wait for its decision. */
    private boolean relay(FramedMessage message) {
        CompletableFuture<SessionGuard.Verdict> check = guard.inspect(message);
        if (check == null) {
            forward(message, null);
            return true;
        }
        if (check.isDone()) {
            forward(message, check.join());
            return true;
        }
        held.addFirst(message);
        readingChanged.run();
        check.whenComplete((verdict, failure) -> loop.execute(() -> decided(message, verdict)));
        return false;
    }

    private void decided(FramedMessage message, SessionGuard.Verdict verdict) {
        if (closed || held.peekFirst() != message) {
            return;
        }
        held.pollFirst();
        // SessionGuard completes normally even when it fails (with a deny), so a null is a bug: fail closed.
        forward(message, verdict != null ? verdict : new SessionGuard.Verdict(
                new Decision.Deny(SessionGuard.GUARDRAILS_UNAVAILABLE, "the gateway could not evaluate its guardrails"), null));
        while (!held.isEmpty()) {
            if (!relay(held.pollFirst())) {
                break;
            }
        }
        toTarget.writeAndFlush();
        readingChanged.run();
    }

    private void forward(FramedMessage message, SessionGuard.Verdict verdict) {
        Decision decision = verdict == null ? null : verdict.decision();
        guard.passing(message, verdict);
        // Unguarded connections record no decision: no rule set, no parse.
        boolean guarded = verdict != null && (verdict.analysis() != null || decision.rule() != null);
        statements.clientSent(message, guarded ? decision : null);
        forwarded.accept(message);
        if (PostgresGuard.forwardsOriginal(message, decision)) {
            toTarget.add(message.raw());
            return;
        }
        toTarget.add(guard.standIn(message, decision, alloc));
        message.raw().release();
    }

    /** The 42501 error the client gets for a blocked statement, in place of the stand-in's error. */
    private ErrorResponse guardrailError(Decision decision) {
        String text = PostgresGuard.messageFor(decision);
        ByteBuf raw = PostgresMessages.errorResponse(alloc, PostgresMessages.SEVERITY_ERROR,
                PostgresGuard.INSUFFICIENT_PRIVILEGE, text, PostgresGuard.detailFor(decision));
        return new ErrorResponse(raw, Map.of('S', PostgresMessages.SEVERITY_ERROR, 'C', PostgresGuard.INSUFFICIENT_PRIVILEGE, 'M', text));
    }
}
