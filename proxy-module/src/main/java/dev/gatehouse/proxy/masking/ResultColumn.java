package dev.gatehouse.proxy.masking;

/**
 * One column of a result as the target describes it ({@code RowDescription}), without Netty: what
 * planning needs to decide which rule masks it.
 *
 * @param name   the name the client sees (an alias, or the source column's name)
 * @param origin the source table OID and attribute number, zero for computed columns
 * @param binary whether the values travel in binary format
 */
public record ResultColumn(String name, ColumnOrigin origin, int typeOid, boolean binary) {

    /** The same column in another wire format (a Bind's result format codes chose it). */
    public ResultColumn inFormat(boolean binaryFormat) {
        return binaryFormat == binary ? this : new ResultColumn(name, origin, typeOid, binaryFormat);
    }
}
