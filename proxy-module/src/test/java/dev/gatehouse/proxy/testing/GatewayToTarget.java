package dev.gatehouse.proxy.testing;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TlsMode;
import java.nio.file.Path;

/**
 * What every through-the-gateway test starts with: a throwaway target PostgreSQL that checks SCRAM
 * passwords, a {@link TestGateway} in front of it, one connection to it as the SCRAM role (which
 * may use the public schema), and a token of one user allowed on it.
 */
public record GatewayToTarget(TargetPostgres target, TestGateway gateway, Connection connection, String token)
        implements AutoCloseable {

    /**
     * @param targetTls whether the target offers TLS
     * @param tlsMode   how the gateway dials the target
     * @param user      whose token {@link #token()} is
     */
    public static GatewayToTarget start(Path tlsDir, boolean targetTls, TlsMode tlsMode, String user) throws Exception {
        TargetPostgres target = targetTls ? TargetPostgres.startWithTls() : TargetPostgres.startWithoutTls();
        TestGateway gateway = null;
        try {
            gateway = TestGateway.start(tlsDir);
            Connection connection = gateway.addConnection(target.connection(TargetPostgres.SCRAM_USER, tlsMode),
                    target.password(TargetPostgres.SCRAM_USER), false);
            try (var admin = target.superuser(); var st = admin.createStatement()) {
                st.execute("grant all on schema public to " + TargetPostgres.SCRAM_USER);
            }
            return new GatewayToTarget(target, gateway, connection, gateway.userToken(user, TestGateway.ROLE));
        } catch (Exception | Error e) {
            if (gateway != null) {
                gateway.close();
            }
            target.close();
            throw e;
        }
    }

    /** Runs SQL on the target directly, as its superuser (set-up, and checking what the target holds). */
    public void onTarget(String... statements) throws Exception {
        try (var admin = target.superuser(); var st = admin.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    /** The first column of the first row of a query run on the target directly. */
    public long countOnTarget(String query) throws Exception {
        try (var admin = target.superuser(); var st = admin.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        gateway.close();
        target.close();
    }
}
