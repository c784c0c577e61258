package dev.gatehouse.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The realm roles of which the caller needs at least one. On a method it replaces the class's
 * list. An empty list means "any authenticated identity". Enforced by {@link RoleCheckFilter}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {

    String ADMIN = "gatehouse-admin";
    String APPROVER = "gatehouse-approver";
    String AUDITOR = "gatehouse-auditor";
    String USER = "gatehouse-user";
    /** A compliance officer: tracks exceptions and signs packs off for management (issue 24). */
    String OFFICER = "gatehouse-officer";

    String[] value() default {};
}
