package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * COM_CHANGE_USER: a new login on the same connection (the session re-admits or refuses it). The
 * auth response is a secret: redacted in {@link #toString()}, wiped by {@link #clear()}.
 */
public record ComChangeUser(String user, byte[] authResponse, String database, int collation, String authPlugin,
        Map<String, String> attributes, ByteBuf raw) implements MySqlMessage {

    public ComChangeUser {
        attributes = Map.copyOf(attributes);
    }

    public void clear() {
        Secrets.wipe(authResponse);
    }

    @Override
    public String toString() {
        return "ComChangeUser[user=" + user + ", authResponse=" + Secrets.redacted(authResponse) + ", database=" + database
                + ", collation=" + collation + ", authPlugin=" + authPlugin + "]";
    }
}
