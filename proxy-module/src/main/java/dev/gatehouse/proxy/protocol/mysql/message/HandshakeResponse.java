package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * HandshakeResponse41: the client's answer to the server greeting (user, auth response, database,
 * auth plugin, connection attributes). Through the gateway the user names the connection and the
 * auth response carries the Keycloak or Gatehouse token: it is redacted in {@link #toString()} and
 * {@link #clear()} wipes it.
 *
 * @param collation the client's character set and collation id (a multi-byte set is refused by the session)
 */
public record HandshakeResponse(long capabilities, int maxPacketSize, int collation, String user, byte[] authResponse,
        String database, String authPlugin, Map<String, String> attributes, ByteBuf raw) implements MySqlMessage {

    public HandshakeResponse {
        attributes = Map.copyOf(attributes);
    }

    public void clear() {
        Secrets.wipe(authResponse);
    }

    @Override
    public String toString() {
        return "HandshakeResponse[capabilities=0x" + Long.toHexString(capabilities) + ", collation=" + collation + ", user=" + user
                + ", authResponse=" + Secrets.redacted(authResponse) + ", database=" + database + ", authPlugin=" + authPlugin
                + ", attributes=" + attributes.keySet() + "]";
    }
}
