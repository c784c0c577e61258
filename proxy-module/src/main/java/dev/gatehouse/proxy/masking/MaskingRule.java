package dev.gatehouse.proxy.masking;

import java.util.Objects;

/**
 * One masking rule in force for a session.
 *
 * @param id   the stored rule's id, for evidence (which rules fired)
 * @param name the rule's name, as the admin wrote it
 */
public record MaskingRule(String id, String name, MaskTarget target, MaskMethod method) {

    public MaskingRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
    }
}
