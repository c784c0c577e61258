package dev.gatehouse.proxy.protocol.postgres.upstream;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.exception.ScramInvalidServerSignatureException;
import com.ongres.scram.common.exception.ScramParseException;
import com.ongres.scram.common.exception.ScramServerErrorException;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.AuthenticationRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Answers the server's authentication requests with the connection's secret: trust, cleartext
 * password, md5 and SCRAM-SHA-256. A state machine, so a server cannot skip a step: above all it
 * cannot report success in the middle of SCRAM, before it has proved that it knows the password.
 *
 * <p>The secret array belongs to the {@link UpstreamAttempt}, which wipes it when the attempt ends;
 * copies made here are wiped as soon as they are used. One copy is out of reach: the SCRAM library
 * clones the password into its client object, which is dropped after the exchange.
 */
final class UpstreamAuthenticator {

    /**
     * Channel binding (SCRAM-SHA-256-PLUS) is not used even over TLS: the library is told only of
     * the plain mechanism, so it sends the "client does not support binding" flag, which the server
     * accepts whatever it offers. Binding would tie the exchange to the TLS session; it can come later.
     */
    private static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

    /**
     * The server takes the user from the StartupMessage and ignores the SCRAM user name, so a
     * placeholder avoids escaping or normalising role names that SCRAM's syntax would trip over.
     */
    private static final String SCRAM_USER_PLACEHOLDER = "*";

    private enum Stage { WAITING, PASSWORD_SENT, SCRAM_FIRST_SENT, SCRAM_FINAL_SENT, SCRAM_VERIFIED, DONE }

    private final String user;
    private final char[] secret;
    private final String address;
    private Stage stage = Stage.WAITING;
    private ScramClient scram;
    private boolean plainPasswordSafe;

    UpstreamAuthenticator(String user, char[] secret, String address) {
        this.user = user;
        this.secret = secret;
        this.address = address;
    }

    /**
     * Cleartext passwords are readable on the wire and md5 answers can be replayed against the same
     * server or cracked offline, so both go only over TLS, or to a loopback address when the gateway
     * was told that is acceptable. A server that asks otherwise may be an impostor fishing for the
     * secret (a changed host, TLS {@code prefer} answered with 'N'): it gets nothing.
     */
    void transport(boolean encrypted, boolean loopbackAllowed) {
        this.plainPasswordSafe = encrypted || loopbackAllowed;
    }

    /** The message to send in answer, or null when none is due (AuthenticationOk). */
    ByteBuf answer(ByteBufAllocator alloc, AuthenticationRequest request) {
        return switch (request.subtype()) {
            case AuthenticationRequest.OK -> {
                accept();
                yield null;
            }
            case AuthenticationRequest.CLEARTEXT_PASSWORD -> cleartext(alloc);
            case AuthenticationRequest.MD5_PASSWORD -> md5(alloc, request.salt());
            case AuthenticationRequest.SASL -> startScram(alloc, request.mechanisms());
            case AuthenticationRequest.SASL_CONTINUE -> continueScram(alloc, request.data());
            case AuthenticationRequest.SASL_FINAL -> {
                verifyScram(request.data());
                yield null;
            }
            case 2 -> throw unsupported("Kerberos V5 authentication");
            case 6 -> throw unsupported("SCM credential authentication");
            case 7, 8 -> throw unsupported("GSSAPI authentication");
            case 9 -> throw unsupported("SSPI authentication");
            default -> throw unsupported("authentication method number " + request.subtype());
        };
    }

    /** ReadyForQuery is only valid once the server has said AuthenticationOk. */
    void requireCompleted() {
        if (stage != Stage.DONE) {
            throw UpstreamHandshakeException.violation(address + " reported ready before authentication completed");
        }
    }

    private void accept() {
        switch (stage) {
            case WAITING, PASSWORD_SENT, SCRAM_VERIFIED -> stage = Stage.DONE;
            case SCRAM_FIRST_SENT, SCRAM_FINAL_SENT -> throw new UpstreamHandshakeException(
                    UpstreamHandshakeException.INVALID_AUTHORIZATION, address + " reported success before finishing"
                    + " SCRAM, so it never proved that it knows the password; it may be an impostor", null);
            case DONE -> throw UpstreamHandshakeException.violation(address + " reported success twice");
        }
    }

    private ByteBuf cleartext(ByteBufAllocator alloc) {
        expect(Stage.WAITING, "a password request");
        requireSafeTransport("a cleartext password");
        ByteBuf answer = PostgresMessages.passwordMessage(alloc, usableSecret());
        stage = Stage.PASSWORD_SENT;
        return answer;
    }

    private ByteBuf md5(ByteBufAllocator alloc, byte[] salt) {
        expect(Stage.WAITING, "an md5 password request");
        requireSafeTransport("an md5 password");
        char[] hashed = Md5Challenge.answer(usableSecret(), user, salt);
        try {
            ByteBuf answer = PostgresMessages.passwordMessage(alloc, hashed);
            stage = Stage.PASSWORD_SENT;
            return answer;
        } finally {
            Arrays.fill(hashed, '\0');
        }
    }

    private ByteBuf startScram(ByteBufAllocator alloc, List<String> offered) {
        expect(Stage.WAITING, "a SASL request");
        if (!offered.contains(SCRAM_SHA_256)) {
            throw unsupported("SASL authentication with " + String.join(" or ", offered));
        }
        scram = ScramClient.builder()
                .advertisedMechanisms(List.of(SCRAM_SHA_256))
                .username(SCRAM_USER_PLACEHOLDER)
                .password(usableSecret())
                .build();
        byte[] clientFirst = scram.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf answer = PostgresMessages.saslInitialResponse(alloc, SCRAM_SHA_256, clientFirst);
        stage = Stage.SCRAM_FIRST_SENT;
        return answer;
    }

    /** Computing the proof runs PBKDF2 with the server's iteration count (4096 by default) on the loop. */
    private ByteBuf continueScram(ByteBufAllocator alloc, byte[] serverFirst) {
        expect(Stage.SCRAM_FIRST_SENT, "a SASL continuation");
        try {
            scram.serverFirstMessage(new String(serverFirst, StandardCharsets.UTF_8));
        } catch (ScramParseException | IllegalArgumentException e) {
            throw new UpstreamHandshakeException(UpstreamHandshakeException.PROTOCOL_VIOLATION,
                    address + " sent a SCRAM message that does not parse: " + e.getMessage(), e);
        }
        byte[] clientFinal;
        try {
            clientFinal = scram.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // No cause attached: the library's message could quote the offending character.
            throw new UpstreamHandshakeException(UpstreamHandshakeException.INVALID_AUTHORIZATION,
                    "the stored password cannot be prepared for SCRAM (SASLprep)", null);
        }
        ByteBuf answer = PostgresMessages.saslResponse(alloc, clientFinal);
        stage = Stage.SCRAM_FINAL_SENT;
        return answer;
    }

    private void verifyScram(byte[] serverFinal) {
        expect(Stage.SCRAM_FINAL_SENT, "a SASL final message");
        try {
            scram.serverFinalMessage(new String(serverFinal, StandardCharsets.UTF_8));
        } catch (ScramInvalidServerSignatureException e) {
            throw new UpstreamHandshakeException(UpstreamHandshakeException.INVALID_AUTHORIZATION, address
                    + " sent a SCRAM server signature that does not verify: it does not know the password", e);
        } catch (ScramServerErrorException e) {
            throw new UpstreamHandshakeException(UpstreamHandshakeException.INVALID_AUTHORIZATION,
                    address + " ended SCRAM with an error: " + e.getMessage(), e);
        } catch (ScramParseException | IllegalArgumentException e) {
            throw new UpstreamHandshakeException(UpstreamHandshakeException.PROTOCOL_VIOLATION,
                    address + " sent a SCRAM message that does not parse: " + e.getMessage(), e);
        }
        scram = null;
        stage = Stage.SCRAM_VERIFIED;
    }

    private void requireSafeTransport(String what) {
        usableSecret();
        if (!plainPasswordSafe) {
            throw new UpstreamForbiddenException(UpstreamForbiddenException.PLAIN_PASSWORD, address + " asks for " + what
                    + " over an unencrypted hop; the gateway sends such passwords only over TLS. Set the connection's"
                    + " TLS mode to require (or stronger), or have the server use SCRAM-SHA-256");
        }
    }

    private void expect(Stage expected, String what) {
        if (stage != expected) {
            throw UpstreamHandshakeException.violation(address + " sent " + what + " out of order");
        }
    }

    private char[] usableSecret() {
        if (secret.length == 0) {
            throw new UpstreamHandshakeException(UpstreamHandshakeException.INVALID_AUTHORIZATION,
                    address + " asks for a password, but none is stored for this connection", null);
        }
        for (char c : secret) {
            if (c == '\0') {
                throw new UpstreamHandshakeException(UpstreamHandshakeException.INVALID_AUTHORIZATION,
                        "the stored password contains a NUL character, which PostgreSQL cannot take", null);
            }
        }
        return secret;
    }

    private UpstreamHandshakeException unsupported(String method) {
        return UpstreamHandshakeException.unsupported(address + " demands " + method
                + ", which the gateway does not speak (it speaks password, md5 and SCRAM-SHA-256)");
    }
}
