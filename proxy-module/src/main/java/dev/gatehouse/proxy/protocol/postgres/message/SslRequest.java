package dev.gatehouse.proxy.protocol.postgres.message;

/** SSLRequest (code 80877103): the client asks to switch to TLS before sending its StartupMessage. */
public record SslRequest() implements FrontendMessage {

    public static final int CODE = 80877103;
}
