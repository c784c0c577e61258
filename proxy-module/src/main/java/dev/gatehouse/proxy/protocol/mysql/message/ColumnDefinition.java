package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/**
 * ColumnDefinition41: what masking plans from (the column's schema, original table and name, its
 * type and character set).
 *
 * @param type MySQL's field type byte (MYSQL_TYPE_LONG 3, VAR_STRING 253, BLOB 252 ...)
 */
public record ColumnDefinition(String schema, String table, String originalTable, String name, String originalName,
        int collation, long length, int type, int flags, int decimals, ByteBuf raw) implements MySqlMessage {
}
