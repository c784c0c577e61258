package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.policy.SessionGuard;
import dev.gatehouse.proxy.policy.SessionGuard.Verdict;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.Bind;
import dev.gatehouse.proxy.protocol.postgres.message.Close;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.Execute;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.Sync;
import dev.gatehouse.proxy.protocol.postgres.message.UnknownFrontendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import dev.gatehouse.proxy.api.BoundValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Guardrails on the PostgreSQL wire. It says which client messages need a decision (Query, Parse,
 * Execute, fast-path FunctionCall), and what goes to the target in place of a denied one.
 *
 * <p>A denied message is not dropped: it is replaced by one that fails harmlessly at the same
 * point (a Query or Parse of {@code SELECT <marker>}, which names no column that can exist, or an
 * Execute of a portal that does not exist). The target then does exactly what it would have done
 * for a failing statement: it aborts an open transaction, skips the rest of an extended-protocol
 * batch up to Sync, and answers in order with ReadyForQuery. So client and server agree on the
 * transaction state, pipelined requests stay in order, and the gateway never has to synthesize a
 * ReadyForQuery. The target's error for the marker is then rewritten into the guardrail's
 * 42501 error naming the rule.
 *
 * <p>Event-loop confined.
 */
final class PostgresGuard {

    static final String INSUFFICIENT_PRIVILEGE = "42501";

    /** A statement kept on the target under a name: its text and the parameter types Parse declared. */
    private record Prepared(String sql, List<Integer> typeOids) {
    }

    /**
     * A portal: the statement it runs with the values bound to it, and for a portal of the unnamed
     * statement bound in the batch that parsed it, the decision made at that Parse. The target runs
     * a portal's statement at most once, at its first Execute; {@code execution} is the decision
     * on that run, and {@code fetching} says the last Execute asked for a limited number of rows, so
     * the next one fetches more of the same run (docs/adr/0017).
     */
    private static final class BoundPortal {
        final Prepared statement;
        final Bind bind;
        final Verdict parsedInBatch;
        final long segment;
        final long stateVersion;
        Verdict execution;
        boolean fetching;

        BoundPortal(Prepared statement, Bind bind, Verdict parsedInBatch, long segment, long stateVersion) {
            this.statement = statement;
            this.bind = bind;
            this.parsedInBatch = parsedInBatch;
            this.segment = segment;
            this.stateVersion = stateVersion;
        }

        /** The values bound to the placeholders, exactly as sent (built only for an approval gate). */
        List<BoundValue> values() {
            List<byte[]> values = bind.parameterValues();
            List<Short> formats = bind.parameterFormats();
            List<BoundValue> bound = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                short format = formats.isEmpty() ? 0 : formats.size() == 1 ? formats.get(0) : formats.get(i);
                int oid = i < statement.typeOids().size() ? statement.typeOids().get(i) : 0;
                bound.add(new BoundValue(oid, format == 1, values.get(i)));
            }
            return bound;
        }
    }

    /** A denied message whose stand-in is on its way to the target. */
    private record Blocked(Decision decision, long segment) {
    }

    private final SessionGuard guard;
    private final String marker;
    private final Map<String, Prepared> statementSql = new HashMap<>();
    private final Map<String, BoundPortal> portals = new HashMap<>();
    /** The decision on the unnamed statement's latest Parse, and the batch (Sync segment) it was in. */
    private Verdict unnamedVerdict;
    private long unnamedSegment = -1;
    /** The session state (search_path scope) the unnamed statement was decided under. */
    private long unnamedStateVersion;
    /** Whether the target reported an error in the segment it is answering now. */
    private boolean answeringFailed;
    private final Map<Long, Blocked> blocked = new HashMap<>();
    private long nextBlocked;
    private long segmentsSent;
    private long segmentsAnswered;

    /** Tells the approval gate that the session no longer waits for its answer. */
    void abandonPendingReview() {
        guard.abandonPendingReview();
    }

    PostgresGuard(SessionGuard guard) {
        this.guard = guard;
        // Random per session, so a client cannot make the gateway rewrite an error of its own.
        this.marker = "gatehouse_blocked_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** The decision this message needs, or null when it needs none (Bind, Describe, Sync, COPY data ...). */
    CompletableFuture<Verdict> inspect(FramedMessage message) {
        return switch (message) {
            case Query query -> guard.check(query.sql());
            case Parse parse -> guard.checkParse(parse.query());
            case Execute execute -> {
                BoundPortal portal = portals.get(execute.portal());
                if (portal == null) {
                    // A portal the gateway never saw bound does not exist on the target either (or is a
                    // SQL cursor, whose DECLARE was checked): the target refuses it by itself.
                    yield null;
                }
                if (portal.execution != null && portal.fetching) {
                    // More rows of the run already decided: the target does not run the statement again.
                    yield CompletableFuture.completedFuture(portal.execution);
                }
                // The unnamed statement, parsed in this very batch (Parse/Bind/Execute/Sync, as pgbench
                // and drivers send one-off statements), keeps its decision for its first run; a named
                // statement, kept on the target and only bound again, is checked again against the rules
                // of now. Only under the session state it was decided in: a search_path change run in
                // between decides again. A statement that needs approval is asked for at every run.
                Verdict parsed = portal.parsedInBatch;
                yield parsed != null && portal.execution == null && parsed.decision().permitsExecution()
                        && portal.segment == segmentsSent && portal.stateVersion == guard.stateVersion()
                        ? CompletableFuture.completedFuture(parsed)
                        : guard.checkExecution(portal.statement.sql(), portal::values);
            }
            case UnknownFrontendMessage call when call.type() == 'F' -> guard.checkFunctionCall();
            default -> null;
        };
    }

    /** Keeps track of prepared statements and portals as messages pass (allowed or not). */
    void passing(FramedMessage message, Verdict verdict) {
        switch (message) {
            case Parse parse -> {
                boolean allowed = verdict == null || forwardsOriginal(parse, verdict.decision());
                if (allowed) {
                    statementSql.put(parse.statementName(), new Prepared(parse.query(), parse.parameterTypeOids()));
                } else {
                    statementSql.remove(parse.statementName());
                }
                if (parse.statementName().isEmpty()) {
                    unnamedVerdict = allowed ? verdict : null;
                    unnamedSegment = segmentsSent;
                    unnamedStateVersion = guard.stateVersion();
                }
            }
            case Bind bind -> {
                Prepared statement = statementSql.get(bind.statement());
                if (statement == null) {
                    portals.remove(bind.portal());
                } else {
                    boolean parsedInBatch = bind.statement().isEmpty() && unnamedSegment == segmentsSent;
                    portals.put(bind.portal(), new BoundPortal(statement, bind, parsedInBatch ? unnamedVerdict : null, segmentsSent,
                            parsedInBatch ? unnamedStateVersion : -1));
                }
            }
            case Close close -> {
                if (close.kind() == 'S') {
                    statementSql.remove(close.name());
                } else {
                    portals.remove(close.name());
                }
            }
            case Query query -> {
                if (verdict != null) {
                    guard.executed(verdict, segmentsSent);
                }
            }
            case Execute execute -> {
                BoundPortal portal = portals.get(execute.portal());
                boolean fetchingMore = portal != null && portal.execution != null && portal.fetching;
                if (portal != null) {
                    if (!fetchingMore) {
                        portal.execution = verdict;
                    }
                    portal.fetching = execute.maxRows() > 0;
                }
                if (verdict != null && !fetchingMore) {
                    guard.executed(verdict, segmentsSent);
                }
            }
            default -> {
            }
        }
        if (message instanceof Query || message instanceof Sync
                || message instanceof UnknownFrontendMessage call && call.type() == 'F') {
            segmentsSent++;
        }
    }

    /**
     * Whether the client's own message goes to the target under this decision: an allowed one, and
     * the Parse of a statement that needs approval, since parsing runs nothing (each Execute of it
     * is then decided, and approved, on its own).
     */
    static boolean forwardsOriginal(FramedMessage message, Decision decision) {
        return decision == null || decision.permitsExecution()
                || message instanceof Parse && decision instanceof Decision.RequireApproval;
    }

    /** What the target gets instead of a denied message. */
    ByteBuf standIn(FramedMessage message, Decision decision, ByteBufAllocator alloc) {
        long id = nextBlocked++;
        blocked.put(id, new Blocked(decision, segmentsSent));
        String failing = marker + "_" + id;
        return switch (message) {
            case Parse parse -> PostgresMessages.parse(alloc, parse.statementName(), "SELECT " + failing);
            case Execute execute -> PostgresMessages.execute(alloc, failing, 0);
            default -> PostgresMessages.query(alloc, "SELECT " + failing); // Query, FunctionCall
        };
    }

    /**
     * The guardrail error to send instead of this target error, or null when the error is the
     * target's own. The caller releases the target's error.
     */
    Decision blockedBy(ErrorResponse error) {
        answeringFailed = true;
        if (blocked.isEmpty()) {
            return null;
        }
        String text = error.message();
        int at = text == null ? -1 : text.indexOf(marker + "_");
        if (at < 0) {
            return null;
        }
        int from = at + marker.length() + 1;
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        try {
            Blocked entry = blocked.remove(Long.parseLong(text.substring(from, to)));
            return entry == null ? null : entry.decision();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The target answered a Query, Sync or FunctionCall: stand-ins sent before it that never failed
     * were skipped after an earlier error, and are forgotten.
     */
    void readyForQuery(char status) {
        guard.batchAnswered(segmentsAnswered, answeringFailed, status == 'I');
        answeringFailed = false;
        segmentsAnswered++;
        Iterator<Blocked> entries = blocked.values().iterator();
        while (entries.hasNext()) {
            if (entries.next().segment() < segmentsAnswered) {
                entries.remove();
            }
        }
    }

    static String messageFor(Decision decision) {
        if (SessionGuard.AUDIT_UNAVAILABLE.equals(decision.rule()) && decision instanceof Decision.Deny deny) {
            return "statement refused: " + deny.message();
        }
        String reason = switch (decision) {
            case Decision.Deny deny -> deny.message();
            case Decision.RequireApproval approval -> approval.message();
            default -> "not allowed";
        };
        return "blocked by guardrail \"" + decision.rule() + "\": " + reason;
    }

    static String detailFor(Decision decision) {
        if (SessionGuard.AUDIT_UNAVAILABLE.equals(decision.rule())) {
            return "Gatehouse did not run the statement. Its health endpoint reports the audit store; retry once it is UP.";
        }
        return "Gatehouse did not run the statement. An administrator can show why with the guardrails dry run.";
    }
}
