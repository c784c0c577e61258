/**
 * MySQL and MariaDB statements as the target reads them, for guardrails (docs/adr/0023).
 *
 * <p>{@link dev.gatehouse.proxy.sql.mysql.MySqlScanner} is the gateway's own lexer: it cuts a query
 * string where the server ends statements, expands executable comments exactly as the server's
 * version does, follows sql_mode (ANSI_QUOTES, NO_BACKSLASH_ESCAPES) and writes each statement out
 * in a canonical form. Alibaba Druid's MySQL parser, chosen by measurement
 * (bench/mysql-parsers), classifies only that canonical text, one statement at a time. What either
 * cannot read is refused; character set changes to multi-byte sets are refused on every connection.
 */
package dev.gatehouse.proxy.sql.mysql;
