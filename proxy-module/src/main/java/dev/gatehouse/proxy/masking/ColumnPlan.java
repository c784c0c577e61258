package dev.gatehouse.proxy.masking;

/**
 * What happens to the values of one result column.
 *
 * @param label   how evidence names the column: its catalog name when known, else the name the client saw
 * @param rule    the column or name rule that masks every value, or null
 * @param scan    whether content detectors read its values (textual columns without a column rule)
 */
public record ColumnPlan(int index, String label, int typeOid, boolean binary, MaskingRule rule, boolean scan) {

    public boolean touches() {
        return rule != null || scan;
    }
}
