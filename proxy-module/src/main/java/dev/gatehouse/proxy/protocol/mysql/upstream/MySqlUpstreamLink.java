package dev.gatehouse.proxy.protocol.mysql.upstream;

import io.netty.channel.Channel;

/**
 * A logged-in channel to the target, handed to the session: its pipeline holds TLS (if any) and the
 * {@code MySqlBackendDecoder}, with autoRead off.
 *
 * @param connectionId the target's connection id (what KILL QUERY on the gateway's own ids maps to)
 * @param capabilities what both sides agreed on
 * @param authPlugin   the plugin the login finished with
 */
public record MySqlUpstreamLink(Channel channel, String serverVersion, long connectionId, long capabilities, boolean tls,
        String authPlugin) {
}
