package dev.gatehouse.proxy.protocol.postgres.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.protocol.postgres.message.AuthenticationRequest;
import dev.gatehouse.proxy.protocol.postgres.message.BackendKeyData;
import dev.gatehouse.proxy.protocol.postgres.message.CancelRequest;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ParameterStatus;
import dev.gatehouse.proxy.protocol.postgres.message.PasswordMessage;
import dev.gatehouse.proxy.protocol.postgres.message.ProtocolViolation;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.SslRequest;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Terminate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresMessagesTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final EmbeddedChannel backend = new EmbeddedChannel(new PostgresBackendDecoder());
    private final EmbeddedChannel frontend = new EmbeddedChannel(new PostgresFrontendDecoder());

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void nothingLeftBehind() {
        assertThat(backend.finishAndReleaseAll()).isFalse();
        assertThat(frontend.finishAndReleaseAll()).isFalse();
    }

    private static <T> T roundTrip(EmbeddedChannel channel, ByteBuf encoded, Class<T> type) {
        channel.writeInbound(encoded);
        Object decoded = channel.readInbound();
        assertThat(decoded).isInstanceOf(type);
        assertThat((Object) channel.readInbound()).isNull();
        return type.cast(decoded);
    }

    private static void release(Object message) {
        assertThat(ReferenceCountUtil.release(message)).isTrue();
    }

    @Test
    void errorResponseRoundTrips() {
        ErrorResponse error = roundTrip(backend,
                PostgresMessages.errorResponse(ALLOC, "FATAL", "28P01", "password authentication failed"),
                ErrorResponse.class);
        assertThat(error.severity()).isEqualTo("FATAL");
        assertThat(error.sqlState()).isEqualTo("28P01");
        assertThat(error.message()).isEqualTo("password authentication failed");
        release(error);
    }

    @Test
    void protocolViolationBecomesAFatalError() {
        ErrorResponse error = roundTrip(backend, PostgresMessages.errorResponse(ALLOC,
                new ProtocolViolation("no user", ProtocolViolation.INVALID_AUTHORIZATION)), ErrorResponse.class);
        assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "28000");
        release(error);
    }

    @Test
    void sessionSetupMessagesRoundTrip() {
        AuthenticationRequest cleartext = roundTrip(backend, PostgresMessages.authenticationCleartextPassword(ALLOC),
                AuthenticationRequest.class);
        assertThat(cleartext.subtype()).isEqualTo(AuthenticationRequest.CLEARTEXT_PASSWORD);
        release(cleartext);
        AuthenticationRequest ok = roundTrip(backend, PostgresMessages.authenticationOk(ALLOC),
                AuthenticationRequest.class);
        assertThat(ok.subtype()).isEqualTo(AuthenticationRequest.OK);
        release(ok);
        ParameterStatus status = roundTrip(backend, PostgresMessages.parameterStatus(ALLOC, "TimeZone", "UTC"),
                ParameterStatus.class);
        assertThat(status.name()).isEqualTo("TimeZone");
        assertThat(status.value()).isEqualTo("UTC");
        release(status);
        BackendKeyData key = roundTrip(backend, PostgresMessages.backendKeyData(ALLOC, 12, 34), BackendKeyData.class);
        assertThat(key.processId()).isEqualTo(12);
        assertThat(key.secretKey()).isEqualTo(34);
        release(key);
        ReadyForQuery ready = roundTrip(backend, PostgresMessages.readyForQuery(ALLOC, 'I'), ReadyForQuery.class);
        assertThat(ready.status()).isEqualTo('I');
        release(ready);
    }

    @Test
    void sslResponseIsOneUnframedByte() {
        ByteBuf yes = PostgresMessages.sslResponse(ALLOC, true);
        ByteBuf no = PostgresMessages.sslResponse(ALLOC, false);
        assertThat(Wire.bytes(yes)).containsExactly('S');
        assertThat(Wire.bytes(no)).containsExactly('N');
        yes.release();
        no.release();
    }

    @Test
    void frontendMessagesRoundTrip() {
        assertThat(roundTrip(frontend, PostgresMessages.sslRequest(ALLOC), SslRequest.class)).isNotNull();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "svc_payments");
        params.put("database", "payments");
        params.put("application_name", "gatehouse");
        StartupMessage startup = roundTrip(frontend, PostgresMessages.startupMessage(ALLOC, params),
                StartupMessage.class);
        assertThat(startup.parameters()).containsExactlyEntriesOf(params);
        PasswordMessage password = roundTrip(frontend,
                PostgresMessages.passwordMessage(ALLOC, "pässwörd".toCharArray()), PasswordMessage.class);
        assertThat(password.password()).containsExactly("pässwörd".toCharArray());
        release(password);
        Query query = roundTrip(frontend, PostgresMessages.query(ALLOC, "SELECT 'ü'"), Query.class);
        assertThat(query.sql()).isEqualTo("SELECT 'ü'");
        release(query);
        release(roundTrip(frontend, PostgresMessages.terminate(ALLOC), Terminate.class));
    }

    @Test
    void cancelRequestRoundTrips() {
        CancelRequest cancel = roundTrip(frontend, PostgresMessages.cancelRequest(ALLOC, 5, 6), CancelRequest.class);
        assertThat(cancel).isEqualTo(new CancelRequest(5, 6));
    }

    @Test
    void saslInitialResponseCarriesMechanismAndLengthPrefixedData() {
        byte[] clientFirst = "n,,n=*,r=nonce".getBytes(StandardCharsets.UTF_8);
        ByteBuf encoded = PostgresMessages.saslInitialResponse(ALLOC, "SCRAM-SHA-256", clientFirst);
        ByteBuf expected = Wire.frame('p', b -> {
            Wire.cstr(b, "SCRAM-SHA-256");
            b.writeInt(clientFirst.length);
            b.writeBytes(clientFirst);
        });
        assertThat(Wire.bytes(encoded)).containsExactly(Wire.bytes(expected));
        encoded.release();
        expected.release();
    }

    @Test
    void saslResponseCarriesTheDataAsIs() {
        byte[] clientFinal = "c=biws,r=nonce,p=proof".getBytes(StandardCharsets.UTF_8);
        ByteBuf encoded = PostgresMessages.saslResponse(ALLOC, clientFinal);
        ByteBuf expected = Wire.frame('p', b -> b.writeBytes(clientFinal));
        assertThat(Wire.bytes(encoded)).containsExactly(Wire.bytes(expected));
        encoded.release();
        expected.release();
    }

    @Test
    void saslInitialResponseRefusesAMissingOrNulMechanism() {
        UnpooledByteBufAllocator counting = new UnpooledByteBufAllocator(false, false, true);
        long before = counting.metric().usedHeapMemory();
        assertThatThrownBy(() -> PostgresMessages.saslInitialResponse(counting, "", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresMessages.saslInitialResponse(counting, "SCRAM\0X", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(counting.metric().usedHeapMemory()).isEqualTo(before);
    }

    @Test
    void embeddedNulIsRefusedWithoutLeaking() {
        UnpooledByteBufAllocator counting = new UnpooledByteBufAllocator(false, false, true);
        long before = counting.metric().usedHeapMemory();
        assertThatThrownBy(() -> PostgresMessages.errorResponse(counting, "ERROR", "42000", "a\0Zinjected"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresMessages.query(counting, "SELECT 1\0X"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(counting.metric().usedHeapMemory()).isEqualTo(before);
        assertThatThrownBy(() -> PostgresMessages.startupMessage(ALLOC, Map.of("database", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
