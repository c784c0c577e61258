package dev.gatehouse.proxy.masking;

/**
 * What happens to the values of one result column.
 *
 * @param label   how evidence names the column: its catalog name when known, else the name the client saw;
 *                with lineage, also whether it was derived or a whole row (docs/adr/0018)
 * @param rule    the column or name rule that masks every value, or null
 * @param scan    whether content detectors read its values (textual columns without a column rule)
 * @param fields  masked keys inside a JSON structure of whole rows ({@code row_to_json(c)}), or null
 */
public record ColumnPlan(int index, String label, int typeOid, boolean binary, MaskingRule rule, boolean scan, JsonFieldMask fields) {

    public ColumnPlan(int index, String label, int typeOid, boolean binary, MaskingRule rule, boolean scan) {
        this(index, label, typeOid, binary, rule, scan, null);
    }

    public boolean touches() {
        return rule != null || scan || fields != null;
    }
}
