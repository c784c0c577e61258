package dev.gatehouse.masking;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** PostgreSQL type names as people write them, with the OIDs RowDescription carries (for the dry run). */
public final class ColumnTypes {

    private static final Map<String, Integer> OIDS = new LinkedHashMap<>();

    static {
        put(25, "text");
        put(1043, "varchar", "character varying");
        put(1042, "bpchar", "char", "character");
        put(19, "name");
        put(114, "json");
        put(3802, "jsonb");
        put(142, "xml");
        put(21, "int2", "smallint");
        put(23, "int4", "integer", "int");
        put(20, "int8", "bigint");
        put(1700, "numeric", "decimal");
        put(700, "float4", "real");
        put(701, "float8", "double precision");
        put(16, "bool", "boolean");
        put(1082, "date");
        put(1083, "time", "time without time zone");
        put(1114, "timestamp", "timestamp without time zone");
        put(1184, "timestamptz", "timestamp with time zone");
        put(2950, "uuid");
        put(17, "bytea");
        put(1009, "text[]", "_text");
        put(1015, "varchar[]", "_varchar");
    }

    private ColumnTypes() {
    }

    private static void put(int oid, String... names) {
        for (String name : names) {
            OIDS.put(name, oid);
        }
    }

    /** The OID of a type name (case-insensitive, a length such as varchar(20) ignored). */
    public static Optional<Integer> oid(String typeName) {
        if (typeName == null) {
            return Optional.empty();
        }
        String name = typeName.trim().toLowerCase(Locale.ROOT).replaceAll("\\s*\\(.*\\)", "");
        return Optional.ofNullable(OIDS.get(name));
    }

    /** The names the dry run understands. */
    public static Iterable<String> names() {
        return OIDS.keySet();
    }
}
