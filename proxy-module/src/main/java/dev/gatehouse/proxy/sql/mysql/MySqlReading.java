package dev.gatehouse.proxy.sql.mysql;

/**
 * How the target reads the bytes of a statement at this point of a session: the sql_mode flags
 * that change the lexer, and the server whose executable comments ({@code /*!50110 ... *}{@code /})
 * decide what is code. The character set is not here: the gateway reads text as UTF-8 and the
 * session pins character_set_client to a character set in which every byte below 0x80 is the ASCII
 * character (docs/adr/0023).
 *
 * @param ansiQuotes         sql_mode ANSI_QUOTES: {@code "x"} is an identifier, not a string
 * @param noBackslashEscapes sql_mode NO_BACKSLASH_ESCAPES: a backslash in a string is an ordinary character
 * @param serverVersion      the target's version as MySQL writes it in executable comments: 10.11.19 is 101119
 * @param mariaDb            the target is MariaDB: {@code /*M! *}{@code /} is code, and {@code /*!50700}
 *                           to {@code /*!99999} are comments (MySQL 5.7+ syntax MariaDB does not claim)
 */
public record MySqlReading(boolean ansiQuotes, boolean noBackslashEscapes, long serverVersion, boolean mariaDb) {

    /** MariaDB 10.11 with the default sql_mode. */
    public static final MySqlReading MARIADB_10_11 = new MySqlReading(false, false, 101100, true);

    /** The version number a server version string stands for: "10.11.19-MariaDB-0+deb12u1" is 101119; unreadable is 0. */
    public static long versionNumber(String serverVersion) {
        String[] parts = serverVersion == null ? new String[0] : serverVersion.replaceFirst("^5\\.5\\.5-", "").split("[.-]");
        if (parts.length < 3) {
            return 0;
        }
        try {
            return Long.parseLong(parts[0]) * 10_000 + Long.parseLong(parts[1]) * 100 + Long.parseLong(parts[2].replaceAll("\\D.*", ""));
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }

    public MySqlReading withSqlModeFlags(boolean ansiQuotes, boolean noBackslashEscapes) {
        return new MySqlReading(ansiQuotes, noBackslashEscapes, serverVersion, mariaDb);
    }

    /** Whether an executable comment with this version is code on the target (the server's own rule). */
    boolean runsVersionedComment(long version, boolean mariaDbMarker) {
        if (mariaDbMarker && !mariaDb) {
            return false; // never reached: MySQL reads /*M! as a plain comment, see MySqlScanner
        }
        return version <= serverVersion && (!mariaDb || mariaDbMarker || version < 50700 || version > 99999);
    }
}
