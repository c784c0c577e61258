package dev.gatehouse.proxy.protocol.mysql.message;

/**
 * Capability flags of the MySQL protocol (the lower 32 bits; MariaDB's extended ones live in the
 * greeting's and the handshake response's reserved bytes, see {@link #MARIADB_SHIFT}).
 */
public final class Capabilities {

    public static final long LONG_PASSWORD = 1L;
    public static final long FOUND_ROWS = 1L << 1;
    public static final long LONG_FLAG = 1L << 2;
    public static final long CONNECT_WITH_DB = 1L << 3;
    public static final long NO_SCHEMA = 1L << 4;
    public static final long COMPRESS = 1L << 5;
    public static final long ODBC = 1L << 6;
    public static final long LOCAL_FILES = 1L << 7;
    public static final long IGNORE_SPACE = 1L << 8;
    public static final long PROTOCOL_41 = 1L << 9;
    public static final long INTERACTIVE = 1L << 10;
    public static final long SSL = 1L << 11;
    public static final long IGNORE_SIGPIPE = 1L << 12;
    public static final long TRANSACTIONS = 1L << 13;
    public static final long RESERVED = 1L << 14;
    public static final long SECURE_CONNECTION = 1L << 15;
    public static final long MULTI_STATEMENTS = 1L << 16;
    public static final long MULTI_RESULTS = 1L << 17;
    public static final long PS_MULTI_RESULTS = 1L << 18;
    public static final long PLUGIN_AUTH = 1L << 19;
    public static final long CONNECT_ATTRS = 1L << 20;
    public static final long PLUGIN_AUTH_LENENC_CLIENT_DATA = 1L << 21;
    public static final long CAN_HANDLE_EXPIRED_PASSWORDS = 1L << 22;
    public static final long SESSION_TRACK = 1L << 23;
    public static final long DEPRECATE_EOF = 1L << 24;
    public static final long OPTIONAL_RESULTSET_METADATA = 1L << 25;
    public static final long QUERY_ATTRIBUTES = 1L << 27;

    /** MariaDB's extended capabilities are sent shifted by 32 bits (CLIENT_MYSQL is bit 0 of the lower word). */
    public static final int MARIADB_SHIFT = 32;
    public static final long MARIADB_PROGRESS = 1L << 32;
    public static final long MARIADB_STMT_BULK_OPERATIONS = 1L << 34;
    public static final long MARIADB_EXTENDED_METADATA = 1L << 35;
    public static final long MARIADB_CACHE_METADATA = 1L << 36;

    private Capabilities() {
    }

    public static boolean has(long capabilities, long flag) {
        return (capabilities & flag) != 0;
    }
}
