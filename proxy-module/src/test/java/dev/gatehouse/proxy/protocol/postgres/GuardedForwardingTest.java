package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.policy.SessionGuard;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresBackendDecoder;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresFrontendDecoder;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client-to-target direction with guardrails, on embedded channels: order while a decision is
 * pending, stand-ins for denied messages, and the rewrite of their errors. The target is an
 * EmbeddedChannel whose outbound bytes are decoded again to see exactly what the target would get.
 */
class GuardedForwardingTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private static final PostgresSqlAnalyzer ANALYZER = PostgresSqlAnalyzer.withDefaults();
    private static final Identity AGENT = new Identity("sub", "agent", "ci-agent", IdentityKind.AGENT, Set.of(), Set.of(), "jti",
            Instant.now(), Instant.now().plusSeconds(60), "oidc-access-token");
    private static final Connection CONNECTION = new Connection("prod", ConnectionType.POSTGRES, "127.0.0.1", 5432, "db", "app",
            TlsMode.DISABLE, Map.of(), Set.of(), false);

    private final EmbeddedChannel target = new EmbeddedChannel();
    private final EmbeddedChannel clientFrames = new EmbeddedChannel(new PostgresFrontendDecoder());
    private final List<StatementExecuted> recorded = new ArrayList<>();
    private final CompletableFuture<RuleSet> rules = new CompletableFuture<>();
    private int readingChanges;
    private GuardedForwarding forwarding;
    private FrameBatch toTarget;

    @AfterAll
    static void stopParser() {
        ANALYZER.close();
    }

    @AfterEach
    void nothingLeftBehind() {
        forwarding.close();
        target.finishAndReleaseAll();
        clientFrames.finishAndReleaseAll();
    }

    private void start() {
        clientFrames.writeInbound(PostgresMessages.startupMessage(ALLOC, Map.of("user", "prod")));
        clientFrames.<Object>readInbound();
        SessionGuard guard = new SessionGuard(AGENT, CONNECTION, connection -> rules, ANALYZER, ApprovalGate.UNAVAILABLE,
                Clock.systemUTC());
        forwarding = new GuardedForwarding(new PostgresGuard(guard), new PostgresStatements(UUID.randomUUID(), recorded::add),
                toTarget = new FrameBatch(target), ALLOC, task -> target.eventLoop().execute(task), () -> readingChanges++);
    }

    private FramedMessage fromClient(ByteBuf frame) {
        clientFrames.writeInbound(frame);
        return clientFrames.readInbound();
    }

    /** The frontend messages the target received, decoded. */
    private List<FramedMessage> targetReceived() {
        toTarget.writeAndFlush(); // what the session does at the end of each read
        EmbeddedChannel decoder = new EmbeddedChannel(new PostgresFrontendDecoder());
        decoder.writeInbound(PostgresMessages.startupMessage(ALLOC, Map.of("user", "x")));
        decoder.<Object>readInbound();
        for (Object written; (written = target.readOutbound()) != null; ) {
            decoder.writeInbound(written);
        }
        List<FramedMessage> messages = new ArrayList<>();
        for (Object decoded; (decoded = decoder.readInbound()) != null; ) {
            messages.add((FramedMessage) decoded);
        }
        decoder.finishAndReleaseAll();
        return messages;
    }

    private static String sql(FramedMessage message) {
        String text = ((Query) message).sql();
        message.raw().release();
        return text;
    }

    private static ErrorResponse targetError(String sqlState, String message) {
        EmbeddedChannel decoder = new EmbeddedChannel(new PostgresBackendDecoder());
        decoder.writeInbound(PostgresMessages.errorResponse(ALLOC, PostgresMessages.SEVERITY_ERROR, sqlState, message));
        ErrorResponse error = decoder.readInbound();
        decoder.finishAndReleaseAll();
        return error;
    }

    @Test
    void aCancelRefusesTheHeldStatementAndTheOnesBehindItGetTheirOwnDecision() {
        start();
        forwarding.fromClient(fromClient(PostgresMessages.query(ALLOC, "UPDATE accounts SET balance = 0")));
        forwarding.fromClient(fromClient(PostgresMessages.query(ALLOC, "SELECT 1")));
        assertThat(forwarding.waiting()).isTrue();

        forwarding.cancelWaiting();

        List<FramedMessage> refused = targetReceived();
        assertThat(refused).hasSize(1);
        assertThat(sql(refused.get(0))).as("the held statement never reaches the target").startsWith("SELECT gatehouse_blocked_")
                .doesNotContain("UPDATE");
        assertThat(forwarding.waiting()).as("SELECT 1 now waits for its own decision").isTrue();

        rules.complete(new RuleSet(List.of(), false));
        long deadline = System.nanoTime() + 60_000_000_000L; // the first parse also loads the parser module: slow on a loaded machine
        while (forwarding.waiting() && System.nanoTime() < deadline) {
            target.runPendingTasks();
            Thread.onSpinWait();
        }
        List<FramedMessage> next = targetReceived();
        assertThat(next).hasSize(1);
        assertThat(sql(next.get(0))).isEqualTo("SELECT 1");
    }

    @Test
    void messagesWaitInOrderForAPendingDecisionAndADeniedOneGoesAsItsStandIn() {
        start();
        forwarding.fromClient(fromClient(PostgresMessages.query(ALLOC, "DROP TABLE accounts")));
        forwarding.fromClient(fromClient(PostgresMessages.query(ALLOC, "SELECT 1")));

        assertThat(forwarding.waiting()).isTrue();
        assertThat(readingChanges).isEqualTo(1);
        assertThat(targetReceived()).as("nothing reaches the target before the decision").isEmpty();

        rules.complete(new RuleSet(RulePacks.all().get(RulePacks.NO_DESTRUCTIVE_DDL), false));
        // The parse of DROP TABLE completes on a parser thread, which hands the rest to the (embedded) event loop.
        long deadline = System.nanoTime() + 60_000_000_000L; // the first parse also loads the parser module: slow on a loaded machine
        while (forwarding.waiting() && System.nanoTime() < deadline) {
            target.runPendingTasks();
            Thread.onSpinWait();
        }
        List<FramedMessage> sent = targetReceived();
        assertThat(sent).hasSize(2);
        String standIn = sql(sent.get(0));
        assertThat(standIn).startsWith("SELECT gatehouse_blocked_").doesNotContain("DROP");
        assertThat(sql(sent.get(1))).isEqualTo("SELECT 1");
        assertThat(forwarding.waiting()).as("the session may read again").isFalse();

        // The target refuses the stand-in; the client gets the guardrail's error instead.
        String column = standIn.substring("SELECT ".length());
        FramedMessage answer = forwarding.fromTarget(targetError("42703", "column \"" + column + "\" does not exist"));
        assertThat(answer).isInstanceOfSatisfying(ErrorResponse.class, error -> {
            assertThat(error.sqlState()).isEqualTo("42501");
            assertThat(error.message()).isEqualTo("blocked by guardrail \"no-drop-or-truncate\": dropping or truncating objects is not allowed here");
        });
        answer.raw().release();
    }

    @Test
    void theTargetsOwnErrorsPassUnchanged() {
        start();
        rules.complete(new RuleSet(RulePacks.all().get(RulePacks.NO_DESTRUCTIVE_DDL), false));
        ErrorResponse own = targetError("42703", "column \"gatehouse_blocked_forged_0\" does not exist");
        FramedMessage answer = forwarding.fromTarget(own);
        assertThat(answer).isSameAs(own);
        answer.raw().release();
    }

    @Test
    void anUnguardedConnectionForwardsAtOnceAndRecordsNoDecision() {
        start();
        rules.complete(RuleSet.NONE);
        forwarding.fromClient(fromClient(PostgresMessages.query(ALLOC, "DROP TABLE accounts")));

        assertThat(forwarding.waiting()).isFalse();
        assertThat(readingChanges).isZero();
        List<FramedMessage> sent = targetReceived();
        assertThat(sent).hasSize(1);
        assertThat(sql(sent.get(0))).isEqualTo("DROP TABLE accounts");
    }
}
