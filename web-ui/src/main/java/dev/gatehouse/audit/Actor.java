package dev.gatehouse.audit;

/**
 * Who did something. {@code kind} is "human", "agent", "system" or "anonymous"; the identity
 * issue fills human and agent from the validated token, until then requests are anonymous.
 */
public record Actor(String name, String kind, String clientAddress) {

    public static final Actor SYSTEM = new Actor("gatehouse", "system", null);
}
