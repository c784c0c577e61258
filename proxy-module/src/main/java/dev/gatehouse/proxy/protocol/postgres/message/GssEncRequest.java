package dev.gatehouse.proxy.protocol.postgres.message;

/** GSSENCRequest (code 80877104): the client asks for GSSAPI encryption before its StartupMessage. */
public record GssEncRequest() implements FrontendMessage {

    public static final int CODE = 80877104;
}
