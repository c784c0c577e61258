package dev.gatehouse.proxy.policy;

/** What a matching rule does with the statement. */
public enum RuleAction { ALLOW, DENY, REQUIRE_APPROVAL, ALLOW_AND_ALERT }
