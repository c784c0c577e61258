package dev.gatehouse.proxy.protocol.mysql.upstream;

import dev.gatehouse.proxy.api.TlsMode;
import java.util.Objects;

/**
 * Where and as whom the gateway logs in to a MySQL or MariaDB target. The secret is not here: it
 * is handed to the connector for one login and wiped after it.
 *
 * @param allowCleartextWithoutTls let mysql_clear_password (and caching_sha2's full authentication
 *                                 without an RSA key) send the password on a connection without TLS;
 *                                 off by default: such a password is withheld and the login fails
 */
public record MySqlTarget(String host, int port, String user, String database, TlsMode tlsMode, boolean allowCleartextWithoutTls) {

    public MySqlTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tlsMode, "tlsMode");
    }
}
