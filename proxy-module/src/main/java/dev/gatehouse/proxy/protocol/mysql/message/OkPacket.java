package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * OK (header 0x00), or the OK that ends a result set when CLIENT_DEPRECATE_EOF is on (header 0xFE).
 *
 * @param status                 server status flags (in transaction, more results exist, session state changed ...)
 * @param systemVariableChanges  session variables the server reports changed (CLIENT_SESSION_TRACK): the
 *                               tripwire for character_set_client and sql_mode (docs/adr/0023)
 */
public record OkPacket(long affectedRows, long lastInsertId, int status, int warnings, String info,
        Map<String, String> systemVariableChanges, boolean eofHeader, ByteBuf raw) implements MySqlMessage {

    public static final int SERVER_STATUS_IN_TRANS = 0x0001;
    public static final int SERVER_STATUS_AUTOCOMMIT = 0x0002;
    public static final int SERVER_MORE_RESULTS_EXISTS = 0x0008;
    public static final int SERVER_STATUS_CURSOR_EXISTS = 0x0040;
    public static final int SERVER_STATUS_LAST_ROW_SENT = 0x0080;
    public static final int SERVER_SESSION_STATE_CHANGED = 0x4000;

    public OkPacket {
        systemVariableChanges = Map.copyOf(systemVariableChanges);
    }

    public boolean moreResults() {
        return (status & SERVER_MORE_RESULTS_EXISTS) != 0;
    }
}
