package dev.gatehouse.proxy.masking;

/**
 * Where a result column comes from, as the target reports it in {@code RowDescription}: the OID of
 * the table (or view) and the column's attribute number in it. Both are zero for computed columns.
 */
public record ColumnOrigin(int tableOid, short attributeNumber) {

    public boolean computed() {
        return tableOid == 0;
    }
}
