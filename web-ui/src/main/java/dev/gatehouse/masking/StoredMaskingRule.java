package dev.gatehouse.masking;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingRule;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A masking rule as stored: what and how (typed columns, validated before they get here), where
 * ({@code *} or one connection's name), for whom, its place in the order and who changed it.
 * {@link #toRule()} turns it into the data path's {@link MaskingRule}.
 */
@Entity
@Table(name = "masking_rule")
public class StoredMaskingRule {

    private static final String CUSTOM_PREFIX = "custom:";

    @Id
    private UUID id;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(name = "connection_name", nullable = false, length = 63)
    private String connection;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private boolean enabled;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "identity_roles", nullable = false, columnDefinition = "text[]")
    private String[] roles = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "identity_names", nullable = false, columnDefinition = "text[]")
    private String[] identities = new String[0];

    @Column(name = "target_kind", nullable = false, length = 16)
    private String target;

    @Column(name = "target_schema", length = 63)
    private String schema;

    @Column(name = "target_table", length = 63)
    private String table;

    @Column(name = "target_column", length = 63)
    private String column;

    @Column(name = "name_pattern", length = 500)
    private String namePattern;

    /** A built-in detector's name, or {@code custom:<label>}. */
    @Column(length = 63)
    private String detector;

    @Column(name = "custom_regex", length = 1000)
    private String customRegex;

    @Column(nullable = false, length = 16)
    private String method;

    @Column(length = 100)
    private String placeholder;

    @Column(name = "keep_first")
    private Integer keepFirst;

    @Column(name = "keep_last")
    private Integer keepLast;

    @Column(name = "mask_char", length = 1)
    private String maskChar;

    @Column(name = "key_id", length = 63)
    private String keyId;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected StoredMaskingRule() {
        // for JPA
    }

    StoredMaskingRule(UUID id, String actor, Instant now) {
        this.id = id;
        this.createdBy = actor;
        this.createdAt = now;
    }

    /** Copies a validated rule; the position is set separately. */
    void apply(ValidMaskingRule valid, String actor, Instant now) {
        MaskingRuleDraft d = valid.draft();
        this.name = d.name();
        this.connection = d.connection();
        this.enabled = d.enabled() == null || d.enabled();
        this.roles = d.roles().stream().distinct().sorted().toArray(String[]::new);
        this.identities = d.identities().stream().distinct().sorted().toArray(String[]::new);
        this.schema = null;
        this.table = null;
        this.column = null;
        this.namePattern = null;
        this.detector = null;
        this.customRegex = null;
        switch (valid.target()) {
            case MaskTarget.Column c -> {
                this.target = "column";
                this.schema = c.column().schema();
                this.table = c.column().table();
                this.column = c.column().column();
            }
            case MaskTarget.ColumnName n -> {
                this.target = "column_name";
                this.namePattern = n.pattern().pattern();
            }
            case MaskTarget.Content content -> {
                this.target = "detector";
                this.detector = content.detector().name();
                this.customRegex = content.detector() instanceof Detector.Custom custom ? custom.pattern().pattern() : null;
            }
        }
        this.placeholder = null;
        this.keepFirst = null;
        this.keepLast = null;
        this.maskChar = null;
        this.keyId = null;
        switch (valid.method()) {
            case MaskMethod.Redact r -> {
                this.method = "redact";
                this.placeholder = r.placeholder();
            }
            case MaskMethod.Partial p -> {
                this.method = "partial";
                this.keepFirst = p.keepFirst();
                this.keepLast = p.keepLast();
                this.maskChar = String.valueOf(p.maskCharacter());
            }
            case MaskMethod.Tokenize t -> {
                this.method = "tokenize";
                this.keyId = t.keyId();
            }
            case MaskMethod.Nullify n -> this.method = "null";
            case MaskMethod.Hash h -> this.method = "hash";
        }
        this.updatedBy = actor;
        this.updatedAt = now;
    }

    void moveTo(int position) {
        this.position = position;
    }

    /**
     * The rule as the data path applies it. The stored text was validated at save; a failure here
     * means the store was changed behind the service's back, and it propagates so the data path
     * refuses results (fail closed) rather than run with a rule missing.
     */
    public MaskingRule toRule() {
        return new MaskingRule(id.toString(), name, maskTarget(), maskMethod());
    }

    MaskTarget maskTarget() {
        return switch (target) {
            case "column" -> new MaskTarget.Column(new CatalogColumn(schema, table, column));
            case "column_name" -> new MaskTarget.ColumnName(Pattern.compile(namePattern));
            case "detector" -> new MaskTarget.Content(detector.startsWith(CUSTOM_PREFIX)
                    ? new Detector.Custom(detector.substring(CUSTOM_PREFIX.length()), Pattern.compile(customRegex))
                    : new Detector.BuiltIn(java.util.Arrays.stream(Detector.Kind.values())
                            .filter(k -> k.ruleName().equals(detector)).findFirst()
                            .orElseThrow(() -> new IllegalStateException("masking rule " + name + " names an unknown detector"))));
            default -> throw new IllegalStateException("masking rule " + name + " has an unknown target kind");
        };
    }

    MaskMethod maskMethod() {
        return switch (method) {
            case "redact" -> new MaskMethod.Redact(placeholder == null ? MaskingRuleValidator.DEFAULT_PLACEHOLDER : placeholder);
            case "partial" -> new MaskMethod.Partial(keepFirst == null ? 0 : keepFirst, keepLast == null ? 0 : keepLast,
                    maskChar == null ? '*' : maskChar.charAt(0));
            case "tokenize" -> new MaskMethod.Tokenize(keyId);
            case "null" -> new MaskMethod.Nullify();
            case "hash" -> new MaskMethod.Hash();
            default -> throw new IllegalStateException("masking rule " + name + " has an unknown method");
        };
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** A connection's name, or {@code *} for every connection. */
    public String connection() {
        return connection;
    }

    public int position() {
        return position;
    }

    public boolean enabled() {
        return enabled;
    }

    public List<String> roles() {
        return List.of(roles);
    }

    public List<String> identities() {
        return List.of(identities);
    }

    public String target() {
        return target;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }

    public String namePattern() {
        return namePattern;
    }

    /** The detector as a draft names it: a built-in name or {@code custom}. */
    public String detectorKind() {
        return detector == null ? null : detector.startsWith(CUSTOM_PREFIX) ? MaskingRuleValidator.CUSTOM : detector;
    }

    public String customLabel() {
        return detector != null && detector.startsWith(CUSTOM_PREFIX) ? detector.substring(CUSTOM_PREFIX.length()) : null;
    }

    public String customRegex() {
        return customRegex;
    }

    public String method() {
        return method;
    }

    public String placeholder() {
        return placeholder;
    }

    public Integer keepFirst() {
        return keepFirst;
    }

    public Integer keepLast() {
        return keepLast;
    }

    public String maskChar() {
        return maskChar;
    }

    public String keyId() {
        return keyId;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
