package dev.gatehouse.proxy.masking;

import java.util.Map;

/** The built-in PostgreSQL types the masker knows, by OID (pg_type.dat), and how each is masked. */
final class PgTypes {

    static final int BOOL = 16;
    static final int BYTEA = 17;
    static final int CHAR = 18;
    static final int NAME = 19;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int INT4 = 23;
    static final int TEXT = 25;
    static final int OID = 26;
    static final int JSON = 114;
    static final int XML = 142;
    static final int FLOAT4 = 700;
    static final int FLOAT8 = 701;
    static final int UNKNOWN = 705;
    static final int BPCHAR = 1042;
    static final int VARCHAR = 1043;
    static final int DATE = 1082;
    static final int TIME = 1083;
    static final int TIMESTAMP = 1114;
    static final int TIMESTAMPTZ = 1184;
    static final int INTERVAL = 1186;
    static final int NUMERIC = 1700;
    static final int UUID = 2950;
    static final int JSONB = 3802;

    private static final Map<Integer, TypeMasking> SCALARS = Map.ofEntries(
            Map.entry(BOOL, NoSafeValue.BOOL),
            Map.entry(BYTEA, new ByteaMasking()),
            Map.entry(CHAR, TextualMasking.CHAR),
            Map.entry(NAME, TextualMasking.NAME),
            Map.entry(INT8, IntegerMasking.INT8),
            Map.entry(INT2, IntegerMasking.INT2),
            Map.entry(INT4, IntegerMasking.INT4),
            Map.entry(TEXT, TextualMasking.TEXT),
            Map.entry(OID, IntegerMasking.OID),
            Map.entry(JSON, TextualMasking.JSON),
            Map.entry(XML, TextualMasking.XML),
            Map.entry(FLOAT4, FloatMasking.FLOAT4),
            Map.entry(FLOAT8, FloatMasking.FLOAT8),
            Map.entry(UNKNOWN, TextualMasking.TEXT),
            Map.entry(BPCHAR, TextualMasking.TEXT),
            Map.entry(VARCHAR, TextualMasking.TEXT),
            Map.entry(DATE, DateTimeMasking.DATE),
            Map.entry(TIME, DateTimeMasking.TIME),
            Map.entry(TIMESTAMP, DateTimeMasking.TIMESTAMP),
            Map.entry(TIMESTAMPTZ, DateTimeMasking.TIMESTAMPTZ),
            Map.entry(INTERVAL, NoSafeValue.INTERVAL),
            Map.entry(NUMERIC, new NumericMasking()),
            Map.entry(UUID, new UuidMasking()),
            Map.entry(JSONB, TextualMasking.JSONB));

    /** Array type OID to element type OID, for the arrays whose elements are masked one by one. */
    private static final Map<Integer, Integer> ARRAYS = Map.ofEntries(
            Map.entry(1000, BOOL), Map.entry(1001, BYTEA), Map.entry(1003, NAME), Map.entry(1005, INT2),
            Map.entry(1007, INT4), Map.entry(1009, TEXT), Map.entry(1014, BPCHAR), Map.entry(1015, VARCHAR),
            Map.entry(1016, INT8), Map.entry(1021, FLOAT4), Map.entry(1022, FLOAT8), Map.entry(1028, OID),
            Map.entry(199, JSON), Map.entry(143, XML), Map.entry(1182, DATE), Map.entry(1183, TIME),
            Map.entry(1115, TIMESTAMP), Map.entry(1185, TIMESTAMPTZ), Map.entry(1231, NUMERIC),
            Map.entry(2951, UUID), Map.entry(3807, JSONB));

    private static final Map<Integer, TypeMasking> ARRAY_MASKINGS = arrayMaskings();

    private PgTypes() {
    }

    private static Map<Integer, TypeMasking> arrayMaskings() {
        Map<Integer, TypeMasking> maskings = new java.util.HashMap<>();
        ARRAYS.forEach((array, element) -> maskings.put(array, new ArrayMasking(element, SCALARS.get(element))));
        return Map.copyOf(maskings);
    }

    /** How values of this type are masked, or null for a type the masker does not know. */
    static TypeMasking masking(int typeOid) {
        TypeMasking scalar = SCALARS.get(typeOid);
        return scalar != null ? scalar : ARRAY_MASKINGS.get(typeOid);
    }

    /** The element type of a known array type, or 0. */
    static int arrayElement(int typeOid) {
        return ARRAYS.getOrDefault(typeOid, 0);
    }

    static boolean textual(int typeOid) {
        return switch (typeOid) {
            case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN, JSON, JSONB, XML -> true;
            default -> false;
        };
    }
}
