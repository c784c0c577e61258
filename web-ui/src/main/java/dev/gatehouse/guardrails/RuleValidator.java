package dev.gatehouse.guardrails;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.IdentityCondition;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RuleMatch;
import dev.gatehouse.proxy.policy.StatementSelector;
import dev.gatehouse.proxy.policy.TablePattern;
import dev.gatehouse.proxy.policy.TimeWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a rule draft field by field and, when it is valid, builds the proxy's rule from it. Every
 * problem is reported at once, named by the field the caller sent. What needs the store (the
 * connection exists, the name is free in its scope) is checked by the service.
 */
public final class RuleValidator {

    /** Rule names appear in client error messages and recordings: the same alphabet as connection names. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    /** PostgreSQL identifiers as PostgreSQL resolved them, plus * as a glob. */
    private static final Pattern TABLE = Pattern.compile("[^\\s\"]{1,127}");
    private static final Pattern FUNCTION = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");
    private static final Pattern IDENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@/-]{0,127}");
    private static final Pattern CHAIN = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");
    private static final int MAX_MESSAGE = 500;
    private static final int MAX_ITEMS = 100;
    /** What REQUIRE_APPROVAL uses when the admin names no chain. */
    public static final String DEFAULT_CHAIN = "default";

    private RuleValidator() {
    }

    /** The valid rule, or a {@link ValidationFailedException} with every field error. */
    public static ValidRule validate(RuleDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        ValidRule valid = check(draft, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return valid;
    }

    static ValidRule check(RuleDraft draft, List<FieldError> errors) {
        if (draft.name() == null || draft.name().isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (!NAME.matcher(draft.name()).matches()) {
            errors.add(new FieldError("name", "must be 1-63 characters of a-z, 0-9, '_', '.', '-' and start with a letter or digit"));
        }
        RuleAction action = action(draft.action(), errors);
        List<StatementSelector> selectors = selectors(draft.statements(), errors);
        List<TablePattern> tables = tables(draft.tables(), errors);
        Set<String> functions = functions(draft.functions(), errors);
        IdentityCondition identity = identity(draft.identity(), errors);
        TimeWindow window = window(draft.window(), errors);
        String message = draft.message();
        if (message != null && message.length() > MAX_MESSAGE) {
            errors.add(new FieldError("message", "must be at most " + MAX_MESSAGE + " characters"));
        }
        String chain = approvalChain(action, draft.approvalChain(), errors);
        if (draft.exceptStatements() && selectors.isEmpty()) {
            errors.add(new FieldError("exceptStatements", "needs at least one statement class to make an exception of"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        RuleMatch match = new RuleMatch(new LinkedHashSet<>(selectors), draft.exceptStatements(), tables, draft.unboundedWritesOnly(),
                functions, draft.serverSideCopy(), identity, window);
        if (match.isEmpty()) {
            errors.add(new FieldError("conditions", "a rule needs at least one condition; a rule that matches everything is refused"));
            return null;
        }
        GuardrailRule rule = new GuardrailRule(draft.name(), action, match, message, chain);
        return new ValidRule(rule, draft.enabled() == null || draft.enabled(), selectors, tables);
    }

    private static RuleAction action(String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError("action", "is required; one of " + List.of(RuleAction.values())));
            return null;
        }
        try {
            return RuleAction.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("action", "unknown action '" + text + "'; one of " + List.of(RuleAction.values())));
            return null;
        }
    }

    private static String approvalChain(RuleAction action, String chain, List<FieldError> errors) {
        if (action == RuleAction.REQUIRE_APPROVAL) {
            if (chain == null) {
                return DEFAULT_CHAIN;
            }
            if (!CHAIN.matcher(chain).matches()) {
                errors.add(new FieldError("approvalChain", "must be 1-128 characters of a-z, 0-9, '_', '.', '-'"));
            }
            return chain;
        }
        if (chain != null && action != null) {
            errors.add(new FieldError("approvalChain", "only a REQUIRE_APPROVAL rule names an approval chain"));
        }
        return null;
    }

    private static List<StatementSelector> selectors(List<String> texts, List<FieldError> errors) {
        List<StatementSelector> selectors = new ArrayList<>();
        tooMany("statements", texts, errors);
        for (String text : texts) {
            try {
                StatementSelector selector = StatementSelector.parse(text);
                if (!selectors.contains(selector)) {
                    selectors.add(selector);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("statements", e.getMessage()));
            }
        }
        return selectors;
    }

    private static List<TablePattern> tables(List<String> texts, List<FieldError> errors) {
        List<TablePattern> patterns = new ArrayList<>();
        tooMany("tables", texts, errors);
        for (String text : texts) {
            if (!TABLE.matcher(text).matches() || text.startsWith(".") || text.endsWith(".") || text.chars().filter(c -> c == '.').count() > 1) {
                errors.add(new FieldError("tables", "'" + text + "' is not a table pattern; write table, schema.table, or use * as in payments.*"));
                continue;
            }
            try {
                TablePattern pattern = TablePattern.parse(text);
                if (!patterns.contains(pattern)) {
                    patterns.add(pattern);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("tables", "'" + text + "': " + e.getMessage()));
            }
        }
        return patterns;
    }

    private static Set<String> functions(List<String> texts, List<FieldError> errors) {
        Set<String> functions = new LinkedHashSet<>();
        tooMany("functions", texts, errors);
        for (String text : texts) {
            String name = text.toLowerCase(Locale.ROOT);
            if (!FUNCTION.matcher(name).matches()) {
                errors.add(new FieldError("functions", "'" + text + "' is not a function name (without schema or parentheses)"));
            } else {
                functions.add(name);
            }
        }
        return functions;
    }

    private static IdentityCondition identity(RuleDraft.IdentityDraft draft, List<FieldError> errors) {
        Set<IdentityKind> kinds = EnumSet.noneOf(IdentityKind.class);
        for (String kind : draft.kinds()) {
            try {
                kinds.add(IdentityKind.valueOf(kind.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("identity.kinds", "unknown identity kind '" + kind + "'; one of HUMAN, AGENT"));
            }
        }
        checkNames("identity.roles", draft.roles(), errors);
        checkNames("identity.clientIds", draft.clientIds(), errors);
        return new IdentityCondition(kinds, new LinkedHashSet<>(draft.roles()), new LinkedHashSet<>(draft.clientIds()));
    }

    private static void checkNames(String field, List<String> names, List<FieldError> errors) {
        tooMany(field, names, errors);
        for (String name : names) {
            if (!IDENTITY_NAME.matcher(name).matches()) {
                errors.add(new FieldError(field, "'" + name + "' is not a valid name"));
            }
        }
    }

    private static TimeWindow window(RuleDraft.WindowDraft draft, List<FieldError> errors) {
        if (draft == null) {
            return null;
        }
        int before = errors.size();
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : draft.days()) {
            try {
                days.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("window.days", "unknown day '" + day + "'; one of MONDAY ... SUNDAY"));
            }
        }
        LocalTime from = time("window.from", draft.from(), errors);
        LocalTime to = time("window.to", draft.to(), errors);
        ZoneId zone = null;
        if (draft.zone() == null) {
            errors.add(new FieldError("window.zone", "is required, e.g. Europe/Berlin or UTC"));
        } else {
            try {
                zone = ZoneId.of(draft.zone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("window.zone", "unknown time zone '" + draft.zone() + "'"));
            }
        }
        if (from != null && from.equals(to)) {
            errors.add(new FieldError("window.to", "must differ from window.from (a window over midnight ends before it starts)"));
        }
        return errors.size() > before ? null : new TimeWindow(days, from, to, zone, draft.outside());
    }

    private static LocalTime time(String field, String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError(field, "is required (HH:mm)"));
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a time of day (HH:mm)"));
            return null;
        }
    }

    private static void tooMany(String field, List<String> values, List<FieldError> errors) {
        if (values.size() > MAX_ITEMS) {
            errors.add(new FieldError(field, "at most " + MAX_ITEMS + " entries"));
        }
    }
}
