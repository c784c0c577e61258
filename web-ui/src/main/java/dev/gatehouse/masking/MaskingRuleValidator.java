package dev.gatehouse.masking;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a masking rule draft field by field and reports every problem at once, named by the field
 * the caller sent. What lives in the store (connections, token keys) comes in as predicates, so
 * the checks run the same in unit tests and at save.
 */
public final class MaskingRuleValidator {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    static final Pattern IDENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@/-]{0,127}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    static final int MAX_IDENTIFIER = 63;
    private static final int MAX_PATTERN = 500;
    private static final int MAX_PLACEHOLDER = 100;
    private static final int MAX_KEEP = 64;
    private static final int MAX_ITEMS = 100;
    public static final String DEFAULT_PLACEHOLDER = "****";
    public static final List<String> TARGETS = List.of("column", "column_name", "detector");
    public static final List<String> METHODS = List.of("redact", "partial", "tokenize", "null", "hash");
    public static final String CUSTOM = "custom";

    private MaskingRuleValidator() {
    }

    /** The built-in detectors' names, as rules and the UI write them. */
    public static List<String> detectorNames() {
        return Arrays.stream(Detector.Kind.values()).map(Detector.Kind::ruleName).toList();
    }

    /**
     * What the checks need to know from the store.
     *
     * @param connectionExists whether a connection of that name is in the catalog
     * @param activeKey        whether a token key of that id exists and is not retired
     * @param nameTaken        whether another rule already has that name
     */
    public record Lookups(Predicate<String> connectionExists, Predicate<String> activeKey, Predicate<String> nameTaken) {
    }

    public static ValidMaskingRule validate(MaskingRuleDraft draft, Lookups store) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || draft.name().isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (!NAME.matcher(draft.name()).matches()) {
            errors.add(new FieldError("name", "must be 1-63 characters of a-z, 0-9, '_', '.', '-' and start with a letter or digit"));
        } else if (store.nameTaken().test(draft.name())) {
            errors.add(new FieldError("name", "a masking rule named '" + draft.name() + "' already exists"));
        }
        if (!MaskingRuleDraft.EVERY_CONNECTION.equals(draft.connection()) && !store.connectionExists().test(draft.connection())) {
            errors.add(new FieldError("connection", "no connection named '" + draft.connection() + "'; name one, or * for every connection"));
        }
        names("roles", draft.roles(), errors);
        names("identities", draft.identities(), errors);
        if (draft.position() != null && draft.position() < 1) {
            errors.add(new FieldError("position", "must be 1 or more"));
        }
        MaskTarget target = target(draft, errors);
        MaskMethod method = method(draft, store.activeKey(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return new ValidMaskingRule(draft, target, method);
    }

    private static MaskTarget target(MaskingRuleDraft d, List<FieldError> errors) {
        String kind = lower(d.target());
        if (kind == null || !TARGETS.contains(kind)) {
            errors.add(new FieldError("target", (kind == null ? "is required" : "unknown target '" + d.target() + "'") + "; one of " + TARGETS));
            return null;
        }
        int before = errors.size();
        switch (kind) {
            case "column" -> {
                identifier("schema", d.schema(), errors);
                identifier("table", d.table(), errors);
                identifier("column", d.column(), errors);
                notFor("target column", errors, param("namePattern", d.namePattern()), param("detector", d.detector()),
                        param("customRegex", d.customRegex()), param("customLabel", d.customLabel()));
                return errors.size() > before ? null : new MaskTarget.Column(new CatalogColumn(d.schema(), d.table(), d.column()));
            }
            case "column_name" -> {
                notFor("target column_name", errors, param("schema", d.schema()), param("table", d.table()), param("column", d.column()),
                        param("detector", d.detector()), param("customRegex", d.customRegex()), param("customLabel", d.customLabel()));
                Pattern pattern = regex("namePattern", d.namePattern(), errors);
                return errors.size() > before ? null : new MaskTarget.ColumnName(pattern);
            }
            default -> {
                notFor("target detector", errors, param("schema", d.schema()), param("table", d.table()), param("column", d.column()),
                        param("namePattern", d.namePattern()));
                Detector detector = detector(d, errors);
                return errors.size() > before ? null : new MaskTarget.Content(detector);
            }
        }
    }

    private static Detector detector(MaskingRuleDraft d, List<FieldError> errors) {
        String name = lower(d.detector());
        if (name == null) {
            errors.add(new FieldError("detector", "is required; one of " + detectorNames() + " or custom"));
            return null;
        }
        if (!CUSTOM.equals(name)) {
            Optional<Detector.Kind> kind = Arrays.stream(Detector.Kind.values()).filter(k -> k.ruleName().equals(name)).findFirst();
            if (kind.isEmpty()) {
                errors.add(new FieldError("detector", "unknown detector '" + d.detector() + "'; one of " + detectorNames() + " or custom"));
                return null;
            }
            notFor("detector " + name, errors, param("customRegex", d.customRegex()), param("customLabel", d.customLabel()));
            return new Detector.BuiltIn(kind.get());
        }
        if (d.customLabel() == null || !LABEL.matcher(d.customLabel()).matches()) {
            errors.add(new FieldError("customLabel", "is required for a custom detector: 1-40 characters of a-z, 0-9, '_', '-'"));
        }
        Pattern pattern = regex("customRegex", d.customRegex(), errors);
        if (pattern != null && pattern.matcher("").matches()) {
            errors.add(new FieldError("customRegex", "matches the empty string, so it would find something in every value"));
        }
        return d.customLabel() == null || pattern == null ? null : new Detector.Custom(d.customLabel(), pattern);
    }

    private static MaskMethod method(MaskingRuleDraft d, Predicate<String> activeKey, List<FieldError> errors) {
        String method = lower(d.method());
        if (method == null || !METHODS.contains(method)) {
            errors.add(new FieldError("method", (method == null ? "is required" : "unknown method '" + d.method() + "'") + "; one of " + METHODS));
            return null;
        }
        int before = errors.size();
        String[] keyId = {"keyId", d.keyId()};
        String[] placeholder = {"placeholder", d.placeholder()};
        String[] keepFirst = param("keepFirst", d.keepFirst());
        String[] keepLast = param("keepLast", d.keepLast());
        String[] maskChar = {"maskChar", d.maskChar()};
        String label = "method " + method;
        switch (method) {
            case "redact" -> {
                notFor(label, errors, keepFirst, keepLast, maskChar, keyId);
                String text = d.placeholder() == null ? DEFAULT_PLACEHOLDER : d.placeholder();
                if (text.length() > MAX_PLACEHOLDER) {
                    errors.add(new FieldError("placeholder", "must be at most " + MAX_PLACEHOLDER + " characters"));
                } else if (breaksStructure(text)) {
                    errors.add(new FieldError("placeholder", "must not contain quotes, backslashes, commas, braces, tabs, "
                            + "line breaks or control characters: it is written as-is into JSON, array literals and COPY lines"));
                }
                return errors.size() > before ? null : new MaskMethod.Redact(text);
            }
            case "partial" -> {
                notFor(label, errors, placeholder, keyId);
                int first = keep("keepFirst", d.keepFirst(), 0, errors);
                int last = keep("keepLast", d.keepLast(), d.keepFirst() == null ? 4 : 0, errors);
                if (d.maskChar() != null && d.maskChar().codePointCount(0, d.maskChar().length()) != 1) {
                    errors.add(new FieldError("maskChar", "must be exactly one character"));
                } else if (d.maskChar() != null && Character.isSurrogate(d.maskChar().charAt(0))) {
                    errors.add(new FieldError("maskChar", "must be a character of the Basic Multilingual Plane"));
                } else if (d.maskChar() != null && breaksStructure(d.maskChar())) {
                    errors.add(new FieldError("maskChar", "must not be a quote, backslash, comma, brace or control character"));
                }
                return errors.size() > before ? null : new MaskMethod.Partial(first, last, d.maskChar() == null ? '*' : d.maskChar().charAt(0));
            }
            case "tokenize" -> {
                notFor(label, errors, placeholder, keepFirst, keepLast, maskChar);
                if (d.keyId() == null) {
                    errors.add(new FieldError("keyId", "is required for tokenize: create a key under masking-keys and name it here"));
                } else if (!activeKey.test(d.keyId())) {
                    errors.add(new FieldError("keyId", "no active token key '" + d.keyId() + "'; create it under masking-keys first"));
                }
                return errors.size() > before ? null : new MaskMethod.Tokenize(d.keyId());
            }
            case "null" -> {
                notFor(label, errors, placeholder, keepFirst, keepLast, maskChar, keyId);
                return errors.size() > before ? null : new MaskMethod.Nullify();
            }
            default -> {
                notFor(label, errors, placeholder, keepFirst, keepLast, maskChar, keyId);
                return errors.size() > before ? null : new MaskMethod.Hash();
            }
        }
    }

    /** Characters that would change the shape of the JSON, array literal or COPY line a placeholder lands in. */
    static boolean breaksStructure(String text) {
        return text.chars().anyMatch(c -> c == '"' || c == '\\' || c == ',' || c == '{' || c == '}' || Character.isISOControl(c));
    }

    private static int keep(String field, Integer value, int fallback, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value > MAX_KEEP) {
            errors.add(new FieldError(field, "must be between 0 and " + MAX_KEEP));
            return 0;
        }
        return value;
    }

    private static Pattern regex(String field, String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (text.length() > MAX_PATTERN) {
            errors.add(new FieldError(field, "must be at most " + MAX_PATTERN + " characters"));
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            errors.add(new FieldError(field, "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()));
            return null;
        }
    }

    private static void identifier(String field, String value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required for a catalog column: give schema, table and column"));
        } else if (value.length() > MAX_IDENTIFIER || value.indexOf('\0') >= 0) {
            errors.add(new FieldError(field, "must be a PostgreSQL identifier of at most " + MAX_IDENTIFIER + " characters"));
        }
    }

    private static void names(String field, List<String> names, List<FieldError> errors) {
        if (names.size() > MAX_ITEMS) {
            errors.add(new FieldError(field, "at most " + MAX_ITEMS + " entries"));
        }
        for (String name : names) {
            if (!IDENTITY_NAME.matcher(name).matches()) {
                errors.add(new FieldError(field, "'" + name + "' is not a valid name"));
            }
        }
    }

    private static String[] param(String field, Object value) {
        return new String[] {field, value == null ? null : value.toString()};
    }

    /** Parameters that belong to another target or method are refused rather than silently ignored. */
    private static void notFor(String what, List<FieldError> errors, String[]... fields) {
        for (String[] field : fields) {
            if (field[1] != null) {
                errors.add(new FieldError(field[0], "is not a parameter of " + what));
            }
        }
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
