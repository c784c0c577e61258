package dev.gatehouse.proxy.sql;

import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's built-in functions whose result depends only on their arguments. A call to any other
 * name may run a routine that reads tables the statement never names, so lineage treats its result
 * as unknown (fail closed). Names are matched unqualified or in {@code pg_catalog}; a user routine
 * that shadows one of these in an earlier search-path schema is a known gap (docs/adr/0018).
 */
final class BuiltInFunctions {

    private static final Set<String> NAMES = Set.copyOf(List.of(
            // strings
            "concat", "concat_ws", "upper", "lower", "initcap", "length", "char_length", "character_length", "octet_length",
            "bit_length", "substr", "substring", "left", "right", "lpad", "rpad", "trim", "btrim", "ltrim", "rtrim", "replace",
            "reverse", "translate", "repeat", "split_part", "strpos", "position", "overlay", "format", "md5", "sha224", "sha256",
            "sha384", "sha512", "encode", "decode", "convert_to", "convert_from", "convert", "to_hex", "ascii", "chr",
            "regexp_replace", "regexp_substr", "regexp_match", "regexp_matches", "regexp_split_to_table",
            "regexp_split_to_array", "regexp_count", "regexp_instr", "regexp_like", "string_to_array", "array_to_string",
            "string_to_table", "quote_literal", "quote_ident", "quote_nullable", "starts_with", "normalize", "unistr",
            "to_ascii", "casefold", "text", "digest", "hmac", "crc32", "crc32c", "get_byte", "set_byte", "get_bit", "set_bit",
            "bit_count", "sha1",
            // numbers, dates, conversions
            "abs", "ceil", "ceiling", "floor", "round", "trunc", "mod", "power", "sqrt", "exp", "ln", "log", "sign", "div",
            "greatest", "least", "random", "to_char", "to_number", "to_date", "to_timestamp", "date_part", "date_trunc",
            "extract", "age", "now", "current_date", "clock_timestamp", "statement_timestamp", "transaction_timestamp",
            "make_date", "make_timestamp", "make_interval", "date_bin", "justify_days", "justify_hours", "isfinite",
            "timezone", "num_nonnulls", "num_nulls", "width_bucket", "gen_random_uuid", "uuid_in", "numeric", "int4", "int8",
            "float8", "pg_typeof", "scale", "trim_scale", "factorial", "gcd", "lcm", "host", "text", "inet", "masklen",
            "network", "hashtext", "hashint4", "hashint8", "timeofday", "version",
            // aggregates and windows
            "sum", "avg", "min", "max", "count", "string_agg", "array_agg", "json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg", "json_agg_strict", "jsonb_agg_strict", "bool_and", "bool_or", "every", "bit_and", "bit_or",
            "bit_xor", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "mode",
            "percentile_cont", "percentile_disc", "any_value", "xmlagg", "row_number", "rank", "dense_rank", "percent_rank",
            "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "corr", "covar_pop", "covar_samp",
            "regr_slope", "range_agg",
            // JSON, arrays, rows, xml
            "row_to_json", "to_json", "to_jsonb", "array_to_json", "json_build_object", "jsonb_build_object",
            "json_build_array", "jsonb_build_array", "json_object", "jsonb_object", "json_strip_nulls", "jsonb_strip_nulls",
            "jsonb_pretty", "jsonb_set", "jsonb_insert", "json_extract_path", "json_extract_path_text", "jsonb_extract_path",
            "jsonb_extract_path_text", "json_array_elements", "jsonb_array_elements", "json_array_elements_text",
            "jsonb_array_elements_text", "json_each", "jsonb_each", "json_each_text", "jsonb_each_text", "json_typeof",
            "jsonb_typeof", "json_populate_record", "jsonb_populate_record", "json_to_record", "jsonb_to_record",
            "jsonb_path_query", "jsonb_path_query_first", "jsonb_path_query_array", "json_array_length", "jsonb_array_length",
            "json_object_keys", "jsonb_object_keys", "array_length", "array_upper", "array_lower", "cardinality",
            "array_append", "array_prepend", "array_cat", "array_position", "array_positions", "array_remove",
            "array_replace", "unnest", "generate_series", "generate_subscripts", "array_dims", "array_fill", "array_reverse",
            "array_sample", "array_shuffle", "trim_array", "row", "hstore", "xmlelement", "xmlforest", "xmlconcat",
            "xmlparse", "xmlserialize", "xmlroot", "xpath", "to_tsvector", "to_tsquery",
            "plainto_tsquery", "ts_headline", "coalesce", "nullif", "pg_column_size", "pg_size_pretty"));

    private BuiltInFunctions() {
    }

    /** Whether a called name is one of these, spelled unqualified or in pg_catalog. */
    static boolean isBuiltIn(List<String> qualified) {
        if (qualified.isEmpty()) {
            return false;
        }
        String name = qualified.get(qualified.size() - 1);
        boolean catalog = qualified.size() == 1 || qualified.size() == 2 && "pg_catalog".equals(qualified.get(0));
        return catalog && NAMES.contains(name);
    }
}
