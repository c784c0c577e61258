package dev.gatehouse.proxy.masking;

import java.util.Objects;

/**
 * What masking did to one statement's output, per rule and column: never a value, clear or masked.
 *
 * @param column the result column's name as the client saw it, or its catalog name when known
 *               ({@code schema.table.column}); {@code (error detail)}, {@code (notice)},
 *               {@code (notification)}, {@code (copy)} or {@code (parameter)} for values outside rows
 * @param values how many values this rule masked in that column
 */
public record MaskingEvidence(String ruleId, String ruleName, String column, long values) {

    public MaskingEvidence {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(column, "column");
    }
}
