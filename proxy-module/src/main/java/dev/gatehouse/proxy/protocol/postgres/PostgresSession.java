package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.GatewayServices;
import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.api.TargetCatalog;
import dev.gatehouse.proxy.masking.EngineCellMasker;
import dev.gatehouse.proxy.policy.SessionGuard;
import dev.gatehouse.proxy.recording.RecordingPipeline;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.CancelRequest;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.GssEncRequest;
import dev.gatehouse.proxy.protocol.postgres.message.ParameterStatus;
import dev.gatehouse.proxy.protocol.postgres.message.PasswordMessage;
import dev.gatehouse.proxy.protocol.postgres.message.ProtocolViolation;
import dev.gatehouse.proxy.protocol.postgres.message.SslRequest;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Terminate;
import dev.gatehouse.proxy.protocol.postgres.upstream.PostgresCancelSender;
import dev.gatehouse.proxy.protocol.postgres.upstream.PostgresUpstreamConnector;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamLink;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamForbiddenException;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamRefusedException;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamUnavailableException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection, from its first byte to its last: TLS, startup, token authentication,
 * authorisation, the upstream connection, then the relay. Lives on the client channel's event loop;
 * every asynchronous step (identity, catalog, secret, upstream) hops back onto that loop before it
 * touches state, so nothing here needs locking and nothing blocks the loop.
 *
 * <p>In the relay, decoded messages go on byte-for-byte ({@code raw()} is written, not
 * re-encoded) and the tracker records statements from their decoded fields.
 */
final class PostgresSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(PostgresSession.class.getName());
    static final String PROTOCOL = "postgres";

    private enum State { STARTUP, AWAITING_PASSWORD, AUTHENTICATING, RELAYING, CLOSED }

    private final PostgresSettings settings;
    private final GatewayServices services;
    private final PostgresUpstreamConnector connector;
    private final PostgresCancelSender cancelSender;
    private final CancelKeys cancelKeys;
    private final TargetCatalog columns;
    private final Runnable resumeAfterRecording = this::recordingCaughtUp;

    private ChannelHandlerContext client;
    private State state = State.STARTUP;
    private boolean clientTls;
    private StartupMessage startup;
    private Identity identity;
    private Connection target;
    private String database;
    private Channel upstream;
    private FrameBatch toUpstream;
    private FrameBatch toClient;
    private UUID sessionId;
    private PostgresStatements statements;
    private CancelKeys.ClientKey clientKey;
    private ScheduledFuture<?> startupTimer;
    private long bytesFromClient;
    private long bytesToClient;
    private String endReason;
    private boolean pausedByRecording;
    private boolean pausedByUpstream;
    private GuardedForwarding forwarding;
    private boolean endRecorded;
    /** The connection as opened, with the session's database: what the target catalog is keyed by. */
    private Connection opened;
    /** Passes results by the masking stage only while the session's policy masks something. */
    private MaskingGate masking;
    private final SettingsTripwire tripwire = new SettingsTripwire();

    PostgresSession(PostgresSettings settings, GatewayServices services, PostgresUpstreamConnector connector,
            PostgresCancelSender cancelSender, CancelKeys cancelKeys, TargetCatalog columns) {
        this.columns = columns;
        this.settings = settings;
        this.services = services;
        this.connector = connector;
        this.cancelSender = cancelSender;
        this.cancelKeys = cancelKeys;
    }

    // ---- client channel events ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx;
        startupTimer = ctx.executor().schedule(this::startupTimedOut, settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.RELAYING) {
            fromClient(msg);
            return;
        }
        try {
            handshake(msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (toUpstream != null) {
            toUpstream.writeAndFlush();
            if (!upstream.isWritable() && !pausedByUpstream) {
                pausedByUpstream = true;
                updateClientAutoRead();
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // The client reads slower than the target answers: stop reading from the target meanwhile.
        updateUpstreamRead();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(endReason != null ? endReason : "client disconnected");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.fine(() -> "client connection error: " + cause);
        } else {
            LOG.log(Level.INFO, "closing a client connection after an error", cause);
        }
        if (endReason == null) {
            endReason = "client connection error";
        }
        ctx.close();
    }

    /** Called by the engine on shutdown, from any thread. */
    void shutdown() {
        client.executor().execute(() -> {
            if (state == State.CLOSED) {
                return;
            }
            endReason = "gateway shutdown";
            PostgresErrors.fatal(client, PostgresErrors.ADMIN_SHUTDOWN, PostgresErrors.SHUTTING_DOWN);
        });
    }

    /**
     * Ends this session with {@code message} (FATAL 57P01) if it is relaying for {@code identityName}
     * on {@code connectionName}, e.g. because the just-in-time grant it ran under ended.
     */
    void endIfFor(String identityName, String connectionName, String message, Runnable ended) {
        client.executor().execute(() -> {
            if (state != State.RELAYING || identity == null || target == null
                    || !identity.displayName().equals(identityName) || !target.name().equals(connectionName)) {
                return;
            }
            endReason = message;
            ended.run();
            PostgresErrors.fatal(client, PostgresErrors.ADMIN_SHUTDOWN, message);
        });
    }

    /** A cancel request for this session: a statement held for its decision does not run. */
    private void cancelHeldStatement() {
        if (forwarding != null && state == State.RELAYING) {
            forwarding.cancelWaiting();
        }
    }

    // ---- startup and authentication ----

    private void handshake(Object msg) {
        switch (msg) {
            case ProtocolViolation violation -> PostgresErrors.fatal(client, violation.sqlState(), violation.message());
            case SslRequest request -> negotiateTls();
            case GssEncRequest request -> client.writeAndFlush(PostgresMessages.sslResponse(client.alloc(), false));
            case CancelRequest request -> forwardCancel(request);
            case StartupMessage message -> startup(message);
            case PasswordMessage password when state == State.AWAITING_PASSWORD -> authenticate(password);
            default -> PostgresErrors.fatal(client, PostgresErrors.PROTOCOL_VIOLATION, PostgresErrors.UNEXPECTED_BEFORE_AUTH);
        }
    }

    private void negotiateTls() {
        boolean accept = settings.serverTls() != null && !clientTls && state == State.STARTUP;
        client.writeAndFlush(PostgresMessages.sslResponse(client.alloc(), accept));
        if (accept) {
            // Added after the 'S' went out: that byte must travel in clear, everything after it encrypted.
            client.pipeline().addFirst("tls", settings.serverTls().newHandler(client.alloc()));
            clientTls = true;
        }
    }

    private void forwardCancel(CancelRequest request) {
        cancelKeys.find(request.processId(), request.secretKey()).ifPresentOrElse(
                backend -> {
                    backend.onCancel().run();
                    cancelSender.cancel(client.channel().eventLoop(), backend.target(), backend.processId(), backend.secretKey())
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                LOG.info("cancel for connection " + backend.target().name() + " failed: " + error.getMessage());
                            }
                        });
                },
                () -> LOG.fine("cancel request with an unknown key ignored"));
        // PostgreSQL answers a cancel request with nothing but closing the connection.
        state = State.CLOSED;
        client.close();
    }

    private void startup(StartupMessage message) {
        if (state != State.STARTUP) {
            PostgresErrors.fatal(client, PostgresErrors.PROTOCOL_VIOLATION, PostgresErrors.UNEXPECTED_BEFORE_AUTH);
            return;
        }
        startup = message;
        if (PostgresStartupRules.asksForReplication(message)) {
            refuse(PostgresErrors.FEATURE_NOT_SUPPORTED, PostgresErrors.REPLICATION_UNSUPPORTED, "replication", null);
            return;
        }
        if (!clientTls && !fromLoopback() && !settings.allowPlaintextPassword()) {
            refuse(PostgresErrors.INVALID_AUTHORIZATION, PostgresErrors.CLEARTEXT_REFUSED, "cleartext_refused", null);
            return;
        }
        state = State.AWAITING_PASSWORD;
        client.writeAndFlush(PostgresMessages.authenticationCleartextPassword(client.alloc()));
    }

    private void authenticate(PasswordMessage password) {
        state = State.AUTHENTICATING;
        client.channel().config().setAutoRead(false);
        String credential = PostgresStartupRules.credential(password.payload());
        CompletableFuture<Identity> resolved;
        try {
            resolved = services.identities().resolve(credential).toCompletableFuture();
        } catch (RuntimeException e) {
            resolved = CompletableFuture.failedFuture(e);
        }
        resolved.whenComplete((who, error) -> onLoop(() -> identified(who, error)));
    }

    private void identified(Identity who, Throwable error) {
        if (state != State.AUTHENTICATING) {
            return;
        }
        if (error != null) {
            Throwable cause = unwrap(error);
            if (cause instanceof AuthenticationFailedException refused) {
                refuse(PostgresErrors.INVALID_PASSWORD, PostgresErrors.authenticationFailed(connectionName(), refused.getMessage()),
                        refused.code(), null);
            } else {
                LOG.log(Level.WARNING, "identity resolution failed", cause);
                refuse(PostgresErrors.INVALID_PASSWORD,
                        PostgresErrors.authenticationFailed(connectionName(), "the credential could not be checked"), "resolver_error", null);
            }
            return;
        }
        identity = who;
        CompletableFuture<Optional<Connection>> found;
        try {
            found = services.catalog().find(connectionName()).toCompletableFuture();
        } catch (RuntimeException e) {
            found = CompletableFuture.failedFuture(e);
        }
        found.whenComplete((connection, failure) -> onLoop(() -> connectionFound(connection, failure)));
    }

    private void connectionFound(Optional<Connection> connection, Throwable error) {
        if (state != State.AUTHENTICATING) {
            return;
        }
        if (error != null) {
            LOG.log(Level.WARNING, "connection catalog lookup failed", unwrap(error));
            refuse(PostgresErrors.CANNOT_CONNECT, "the gateway cannot read its connection catalog right now", "catalog_unavailable", identity);
            return;
        }
        if (connection.isEmpty() || connection.get().type() != ConnectionType.POSTGRES) {
            refuse(PostgresErrors.INVALID_AUTHORIZATION, PostgresErrors.unknownConnection(connectionName()), "unknown_connection", identity);
            return;
        }
        target = connection.get();
        if (target.requireClientTls() && !clientTls) {
            refuse(PostgresErrors.INVALID_AUTHORIZATION, PostgresErrors.requiresTls(target.name()), "tls_required", identity);
            return;
        }
        String refusedParameter = PostgresStartupRules.refusedParameter(startup, target);
        if (refusedParameter != null) {
            refuse(PostgresErrors.INVALID_AUTHORIZATION, refusedParameter, "startup_parameter", identity);
            return;
        }
        if (target.auditFailClosed() && !services.recording().acceptingEvents()) {
            refuse(PostgresErrors.CANNOT_CONNECT, PostgresErrors.auditUnavailable(target.name()), "audit_unavailable", identity);
            return;
        }
        AccessDecision decision = services.access().decide(identity, target);
        if (!decision.allowed()) {
            refuse(PostgresErrors.INVALID_AUTHORIZATION, decision.clientMessage() != null ? decision.clientMessage()
                    : PostgresErrors.notAllowed(identity.displayName(), target.name()), "not_allowed", identity);
            return;
        }
        Optional<String> chosen = PostgresStartupRules.database(startup, target);
        if (chosen.isEmpty()) {
            refuse(PostgresErrors.INVALID_AUTHORIZATION, PostgresErrors.wrongDatabase(target.name(), target.database()),
                    "wrong_database", identity);
            return;
        }
        database = chosen.get();
        String name = target.name();
        CompletableFuture.supplyAsync(() -> services.credentials().secretFor(name), services.blockingWork())
                .whenComplete((secret, failure) -> onLoop(() -> secretRead(secret, failure, decision)));
    }

    private void secretRead(Optional<char[]> secret, Throwable error, AccessDecision decision) {
        if (state != State.AUTHENTICATING) {
            secret.ifPresent(s -> Arrays.fill(s, '\0'));
            return;
        }
        if (error != null) {
            // The credential store's exceptions never carry the secret (it is the reason they exist).
            LOG.log(Level.WARNING, "reading the secret of connection " + target.name() + " failed", unwrap(error));
            refuse(PostgresErrors.CANNOT_CONNECT, PostgresErrors.targetUnavailable(target.name()), "secret_unavailable", identity);
            return;
        }
        char[] password = secret.orElseGet(() -> new char[0]);
        CompletableFuture<UpstreamLink> linked;
        try {
            // The connector drops user, database and protocol options from what the client sent.
            linked = connector.connect(client.channel().eventLoop(), target, database,
                    PostgresStartupRules.forTarget(startup.parameters()), password);
        } catch (RuntimeException e) {
            linked = CompletableFuture.failedFuture(e);
        }
        linked.whenComplete((link, failure) -> {
            Arrays.fill(password, '\0');
            onLoop(() -> upstreamReady(link, failure, decision));
        });
    }

    private void upstreamReady(UpstreamLink link, Throwable error, AccessDecision decision) {
        if (state != State.AUTHENTICATING) {
            if (link != null) {
                link.channel().close();
            }
            return;
        }
        if (error != null) {
            Throwable cause = unwrap(error);
            if (cause instanceof UpstreamForbiddenException forbidden) {
                LOG.warning("refused the target of connection " + target.name() + ": " + forbidden.getMessage());
                refuse(forbidden.sqlState(), forbidden.getMessage(), forbidden.reason(), identity);
            } else if (cause instanceof UpstreamRefusedException refused && refused.sqlState().startsWith("28")) {
                LOG.warning("target of connection " + target.name() + " refused the gateway's credentials: " + refused.sqlState());
                refuse(PostgresErrors.CANNOT_CONNECT, PostgresErrors.targetRefusedGateway(target.name()), "target_refused_gateway", identity);
            } else if (cause instanceof UpstreamRefusedException refused) {
                // e.g. 3D000 database does not exist, 53300 too many clients: the target's own words help.
                refuse(refused.sqlState(), refused.serverMessage(), "target_refused", identity);
            } else {
                LOG.warning("cannot reach the target of connection " + target.name() + ": " + cause.getMessage());
                refuse(PostgresErrors.CANNOT_CONNECT, PostgresErrors.targetUnavailable(target.name()), "target_unavailable", identity);
            }
            return;
        }
        String unreadable = tripwire.atLogin(link.parameterStatus());
        if (unreadable != null) {
            link.channel().close();
            refuse(PostgresGuard.INSUFFICIENT_PRIVILEGE, unreadable, "pinned_setting", identity);
            return;
        }
        startRelay(link, decision);
    }

    /** The target changed a pinned setting ({@link SettingsTripwire}): nothing more of this session reaches the client. */
    private boolean trippedBy(ParameterStatus status) {
        String violation = tripwire.reported(status.name(), status.value());
        if (violation == null) {
            return false;
        }
        status.raw().release();
        LOG.warning("ending a session of connection " + target.name() + ": " + violation);
        endReason = "pinned setting changed: " + status.name();
        state = State.CLOSED;
        upstream.writeAndFlush(PostgresMessages.terminate(upstream.alloc())).addListener(ChannelFutureListener.CLOSE);
        PostgresErrors.fatal(client, PostgresGuard.INSUFFICIENT_PRIVILEGE, violation);
        return true;
    }

    private void startRelay(UpstreamLink link, AccessDecision decision) {
        upstream = link.channel();
        toUpstream = new FrameBatch(upstream);
        toClient = new FrameBatch(client.channel());
        upstream.pipeline().addAfter(PostgresUpstreamConnector.DECODER, "relay", new UpstreamRelay());
        clientKey = cancelKeys.register(new CancelKeys.UpstreamBackend(target, link.processId(), link.secretKey(),
                () -> onLoop(this::cancelHeldStatement)));
        sessionId = UUID.randomUUID();
        statements = new PostgresStatements(sessionId, this::record);
        RecordingPipeline recording = services.recording();
        SessionGuard sessionGuard = new SessionGuard(identity, target, services.guardrails(), services.sql(),
                services.approvals(), Clock.systemUTC(), target.auditFailClosed() ? recording::acceptingEvents : () -> true);
        sessionGuard.waitForApprovals(PostgresStartupRules.approvalWait(startup));
        if (columns != null) {
            Connection catalogKey = MaskingSession.withDatabase(target, database);
            sessionGuard.judgeCallsWith(names -> columns.routines(catalogKey, names));
        }
        PostgresGuard guard = new PostgresGuard(sessionGuard);
        forwarding = new GuardedForwarding(guard, statements, toUpstream, client.alloc(), this::onLoop, this::updateClientAutoRead);
        startMasking();
        startupTimer.cancel(false);

        client.write(PostgresMessages.authenticationOk(client.alloc()));
        link.parameterStatus().forEach((name, value) -> client.write(PostgresMessages.parameterStatus(client.alloc(), name, value)));
        client.write(PostgresMessages.backendKeyData(client.alloc(), clientKey.processId(), clientKey.secretKey()));
        client.writeAndFlush(PostgresMessages.readyForQuery(client.alloc(), 'I'));
        state = State.RELAYING;

        record(new RecordedEvent.SessionStarted(sessionId, Instant.now(), identity, PROTOCOL, target.name(), database,
                clientAddress(), clientTls, startup.applicationName(), decision.matchedEntry()));
        if (!upstream.isActive()) {
            endReason = "target closed the connection";
            client.close();
            return;
        }
        // Whatever the target sent right behind its ReadyForQuery (a NOTICE, say) goes first.
        link.pendingMessages().forEach(this::fromUpstream);
        toClient.writeAndFlush();
        updateUpstreamRead();
        updateClientAutoRead();
    }

    private void startMasking() {
        opened = MaskingSession.withDatabase(target, database);
        MaskingSession rules = MaskingSession.start(services.masking(), columns, identity, opened, this::onLoop, EngineCellMasker::new,
                services.sql());
        masking = new MaskingGate(rules, (descriptions, answerStarts) -> new PostgresResultMasking(rules, descriptions, answerStarts,
                statements, this::toClientDirect, this::maskingResumed, client.alloc()));
        statements.maskParametersWith(rules);
        forwarding.observeForwarded(masking::clientSent);
    }

    /** Held results went on: write them, and drop the stage if the policy arrived empty. */
    private void maskingResumed() {
        toClient.writeAndFlush();
        masking.dropStageIfIdle();
        updateUpstreamRead();
    }

    private void refuse(String sqlState, String message, String reason, Identity who) {
        state = State.CLOSED;
        services.recording().submit(new RecordedEvent.LoginRefused(Instant.now(), who, PROTOCOL,
                startup == null ? null : connectionName(), startup == null ? null : startup.database(), clientAddress(),
                sqlState, reason, message));
        PostgresErrors.fatal(client, sqlState, message);
    }

    private void startupTimedOut() {
        if (state == State.STARTUP || state == State.AWAITING_PASSWORD || state == State.AUTHENTICATING) {
            state = State.CLOSED;
            PostgresErrors.fatal(client, PostgresErrors.PROTOCOL_VIOLATION, PostgresErrors.STARTUP_TIMEOUT);
        }
    }

    // ---- relay ----

    private void fromClient(Object msg) {
        if (msg instanceof ProtocolViolation violation) {
            endReason = "protocol violation: " + violation.message();
            state = State.CLOSED;
            PostgresErrors.fatal(client, violation.sqlState(), violation.message());
            return;
        }
        if (!(msg instanceof FramedMessage message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        bytesFromClient += message.raw().readableBytes();
        if (message instanceof Terminate) {
            endReason = "client terminated";
        }
        forwarding.fromClient(message);
    }

    private void fromUpstream(Object msg) {
        if (msg instanceof ProtocolViolation violation) {
            LOG.warning("target of connection " + target.name() + " sent a malformed message: " + violation.message());
            endReason = "target sent a malformed message";
            state = State.CLOSED;
            toClient.writeAndFlush(); // what the target said before the bad message still counts
            upstream.close();
            PostgresErrors.fatal(client, PostgresErrors.PROTOCOL_VIOLATION, "the target sent a message the gateway could not decode");
            return;
        }
        if (!(msg instanceof FramedMessage message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (message instanceof ParameterStatus status && trippedBy(status)) {
            return;
        }
        message = forwarding.fromTarget(message);
        if (masking.fromTarget(message)) {
            if (masking.holding()) {
                upstream.config().setAutoRead(false);
            }
            return;
        }
        if (message instanceof CommandComplete complete && columns != null && MaskingSession.isDdl(complete.tag())) {
            columns.invalidate(opened); // other sessions on this connection may mask by these columns
        }
        toClientDirect(message);
    }

    private void toClientDirect(FramedMessage message) {
        bytesToClient += message.raw().readableBytes();
        statements.serverSent(message);
        toClient.add(message.raw());
    }

    /** Read from the target while the client keeps up and masking holds nothing back. */
    private void updateUpstreamRead() {
        if (upstream != null && state == State.RELAYING) {
            upstream.config().setAutoRead(client.channel().isWritable() && (masking == null || !masking.holding()));
        }
    }

    private void record(RecordedEvent event) {
        if (!services.recording().submit(event) && !pausedByRecording) {
            // The recorder is behind: stop taking new statements from this client until it catches up.
            pausedByRecording = true;
            updateClientAutoRead();
            services.recording().onWritable(resumeAfterRecording);
            if (services.recording().isWritable()) {
                recordingCaughtUp();
            }
        }
    }

    /** Runs on the recording writer's thread: hop to our loop. */
    private void recordingCaughtUp() {
        onLoop(() -> {
            services.recording().removeWritableListener(resumeAfterRecording);
            if (pausedByRecording) {
                pausedByRecording = false;
                updateClientAutoRead();
            }
        });
    }

    private void updateClientAutoRead() {
        client.channel().config().setAutoRead(state == State.RELAYING && !pausedByRecording && !pausedByUpstream
                && (forwarding == null || !forwarding.waiting()));
    }

    private void end(String reason) {
        state = State.CLOSED;
        if (startupTimer != null) {
            startupTimer.cancel(false);
        }
        services.recording().removeWritableListener(resumeAfterRecording);
        if (forwarding != null) {
            forwarding.close();
        }
        if (masking != null) {
            masking.close();
        }
        if (toUpstream != null) {
            toClient.release();
        }
        if (upstream != null && upstream.isActive()) {
            if (statements != null && statements.awaitingTarget() && clientKey != null) {
                // The target would run an abandoned statement to its end (it only notices a closed
                // socket when it writes): cancel it, as the client can no longer.
                CancelKeys.UpstreamBackend backend = cancelKeys.find(clientKey.processId(), clientKey.secretKey()).orElse(null);
                if (backend != null) {
                    cancelSender.cancel(client.channel().eventLoop(), target, backend.processId(), backend.secretKey());
                }
            }
            if ("client terminated".equals(reason)) {
                toUpstream.writeAndFlush(); // the Terminate itself
                upstream.close();
            } else {
                toUpstream.release(); // a client that vanished mid-read left no complete request to send
                // Say goodbye properly so the target logs no "unexpected EOF".
                upstream.writeAndFlush(PostgresMessages.terminate(upstream.alloc())).addListener(ChannelFutureListener.CLOSE);
            }
        }
        if (toUpstream != null) {
            toUpstream.release();
        }
        cancelKeys.remove(clientKey);
        if (sessionId != null) {
            recordEnd(reason);
        }
    }

    private void recordEnd(String reason) {
        if (endRecorded) {
            return;
        }
        endRecorded = true;
        statements.sessionEnded(reason);
        services.recording().submit(new RecordedEvent.SessionEnded(sessionId, Instant.now(), reason, bytesFromClient,
                bytesToClient, statements.recorded()));
    }

    /** Relays the target's messages to the client; installed on the upstream channel once it is ready. */
    private final class UpstreamRelay extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (state != State.RELAYING) {
                ReferenceCountUtil.release(msg);
                return;
            }
            fromUpstream(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            toClient.writeAndFlush();
            if (!client.channel().isWritable()) {
                // The client reads slower than the target answers: stop reading from the target.
                upstream.config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && pausedByUpstream) {
                pausedByUpstream = false;
                updateClientAutoRead();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (endReason == null) {
                endReason = "target closed the connection";
            }
            // Whatever the target said last (often a FATAL error) still reaches the client first.
            toClient.writeAndFlush();
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(Level.INFO, "target connection error on connection " + target.name(), cause);
            if (endReason == null) {
                endReason = "target connection error";
            }
            ctx.close();
        }
    }

    // ---- helpers ----

    private void onLoop(Runnable task) {
        if (client.executor().inEventLoop()) {
            task.run();
        } else {
            client.executor().execute(task);
        }
    }

    private String connectionName() {
        return startup.user();
    }

    private boolean fromLoopback() {
        return PostgresStartupRules.isLoopback(client.channel().remoteAddress());
    }

    private String clientAddress() {
        return PostgresStartupRules.describe(client.channel().remoteAddress());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
