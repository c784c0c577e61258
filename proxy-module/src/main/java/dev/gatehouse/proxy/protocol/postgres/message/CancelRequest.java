package dev.gatehouse.proxy.protocol.postgres.message;

/**
 * CancelRequest (code 80877102), sent on a fresh connection instead of a StartupMessage. Only the
 * protocol 3.0 form with a 4-byte secret key is accepted. The toString hides the key because it
 * is what authorises the cancel.
 */
public record CancelRequest(int processId, int secretKey) implements FrontendMessage {

    public static final int CODE = 80877102;

    @Override
    public String toString() {
        return "CancelRequest[processId=" + processId + ", secretKey=<redacted>]";
    }
}
