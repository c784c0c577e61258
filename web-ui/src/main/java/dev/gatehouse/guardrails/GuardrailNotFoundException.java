package dev.gatehouse.guardrails;

import java.util.UUID;

/** No rule has that id (it may have been deleted by someone else), or no pack has that name. */
public class GuardrailNotFoundException extends RuntimeException {

    private GuardrailNotFoundException(String message) {
        super(message);
    }

    public static GuardrailNotFoundException rule(UUID id) {
        return new GuardrailNotFoundException("no guardrail rule with id " + id);
    }

    public static GuardrailNotFoundException pack(String name) {
        return new GuardrailNotFoundException("no rule pack named '" + name + "'");
    }
}
