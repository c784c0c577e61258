package dev.gatehouse.proxy.masking;

import java.util.Objects;

/**
 * One masking rule in force for a session.
 *
 * @param id             the stored rule's id, for evidence (which rules fired)
 * @param name           the rule's name, as the admin wrote it
 * @param denyPredicates opt-in (docs/adr/0018): results of statements whose WHERE, JOIN ... ON, HAVING or
 *                       ORDER BY read a column this rule masks are withheld, because such predicates let a
 *                       caller guess a value one query at a time ({@code WHERE ssn LIKE '078%'})
 */
public record MaskingRule(String id, String name, MaskTarget target, MaskMethod method, boolean denyPredicates) {

    public MaskingRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
    }

    /** A rule that masks results and leaves predicates alone (the default). */
    public MaskingRule(String id, String name, MaskTarget target, MaskMethod method) {
        this(id, name, target, method, false);
    }
}
