package dev.gatehouse.guardrails;

import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.IdentityCondition;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RuleMatch;
import dev.gatehouse.proxy.policy.StatementSelector;
import dev.gatehouse.proxy.policy.TablePattern;
import dev.gatehouse.proxy.policy.TimeWindow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A guardrail rule as stored: the proxy's {@link GuardrailRule} plus where it applies (a connection,
 * or every connection when {@code connectionId} is null), its place in the order, whether it is on,
 * and who changed it. Conditions are kept in the text form the REST API uses ({@code DROP:TABLE},
 * {@code payments.*}), validated before they get here, and turned back into the proxy's types by
 * {@link #toRule()}.
 */
@Entity
@Table(name = "guardrail_rule")
public class StoredRule {

    @Id
    private UUID id;

    @Column(name = "connection_id")
    private UUID connectionId;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = 63)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private RuleAction action;

    @Column(nullable = false)
    private boolean enabled;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] statements = new String[0];

    @Column(name = "except_statements", nullable = false)
    private boolean exceptStatements;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "table_patterns", nullable = false, columnDefinition = "text[]")
    private String[] tables = new String[0];

    @Column(name = "unbounded_writes_only", nullable = false)
    private boolean unboundedWritesOnly;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] functions = new String[0];

    @Column(name = "server_side_copy", nullable = false)
    private boolean serverSideCopy;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "identity_kinds", nullable = false, columnDefinition = "text[]")
    private String[] identityKinds = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "identity_roles", nullable = false, columnDefinition = "text[]")
    private String[] identityRoles = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "identity_client_ids", nullable = false, columnDefinition = "text[]")
    private String[] identityClientIds = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "window_days", nullable = false, columnDefinition = "text[]")
    private String[] windowDays = new String[0];

    @Column(name = "window_from")
    private LocalTime windowFrom;

    @Column(name = "window_to")
    private LocalTime windowTo;

    @Column(name = "window_zone", length = 64)
    private String windowZone;

    @Column(name = "window_outside", nullable = false)
    private boolean windowOutside;

    private String message;

    @Column(name = "approval_chain", length = 128)
    private String approvalChain;

    @Column(name = "source_pack", length = 63)
    private String sourcePack;

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

    protected StoredRule() {
        // for JPA
    }

    StoredRule(UUID id, String actor, Instant now) {
        this.id = id;
        this.createdBy = actor;
        this.createdAt = now;
        this.updatedBy = actor;
        this.updatedAt = now;
    }

    /** Copies a validated rule and its switches; the scope and position are set separately. */
    void apply(ValidRule valid, String actor, Instant now) {
        GuardrailRule rule = valid.rule();
        RuleMatch match = rule.match();
        this.name = rule.name();
        this.action = rule.action();
        this.enabled = valid.enabled();
        this.statements = texts(valid.statementSelectors());
        this.exceptStatements = match.exceptStatements();
        this.tables = texts(valid.tablePatterns());
        this.unboundedWritesOnly = match.unboundedWritesOnly();
        this.functions = match.functions().stream().sorted().toArray(String[]::new);
        this.serverSideCopy = match.serverSideCopy();
        this.identityKinds = match.identity().kinds().stream().map(Enum::name).sorted().toArray(String[]::new);
        this.identityRoles = match.identity().roles().stream().sorted().toArray(String[]::new);
        this.identityClientIds = match.identity().clientIds().stream().sorted().toArray(String[]::new);
        TimeWindow window = match.window();
        this.windowDays = window == null ? new String[0] : window.days().stream().sorted().map(Enum::name).toArray(String[]::new);
        this.windowFrom = window == null ? null : window.from();
        this.windowTo = window == null ? null : window.to();
        this.windowZone = window == null ? null : window.zone().getId();
        this.windowOutside = window != null && window.outside();
        this.message = rule.message();
        this.approvalChain = rule.approvalChain();
        this.updatedBy = actor;
        this.updatedAt = now;
    }

    void placeIn(UUID connectionId, int position) {
        this.connectionId = connectionId;
        this.position = position;
    }

    void moveTo(int position) {
        this.position = position;
    }

    void markFromPack(String pack) {
        this.sourcePack = pack;
    }

    /**
     * The rule as the proxy evaluates it. The stored text was validated at save, so a failure here
     * means the store was changed behind the service's back; it propagates, and the data path then
     * denies (fail closed) rather than run with a rule missing.
     */
    public GuardrailRule toRule() {
        IdentityCondition identity = new IdentityCondition(
                Arrays.stream(identityKinds).map(IdentityKind::valueOf).collect(Collectors.toSet()),
                Set.of(identityRoles), Set.of(identityClientIds));
        TimeWindow window = windowFrom == null ? null : new TimeWindow(
                Arrays.stream(windowDays).map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                windowFrom, windowTo, ZoneId.of(windowZone), windowOutside);
        RuleMatch match = new RuleMatch(
                Arrays.stream(statements).map(StatementSelector::parse).collect(Collectors.toCollection(LinkedHashSet::new)),
                exceptStatements,
                Arrays.stream(tables).map(TablePattern::parse).toList(),
                unboundedWritesOnly, Set.of(functions), serverSideCopy, identity, window);
        return new GuardrailRule(name, action, match, message, approvalChain);
    }

    private static String[] texts(List<?> values) {
        return values.stream().map(String::valueOf).toArray(String[]::new);
    }

    public UUID id() {
        return id;
    }

    /** Null for a global rule. */
    public UUID connectionId() {
        return connectionId;
    }

    public boolean global() {
        return connectionId == null;
    }

    public int position() {
        return position;
    }

    public String name() {
        return name;
    }

    public RuleAction action() {
        return action;
    }

    public boolean enabled() {
        return enabled;
    }

    public List<String> statements() {
        return List.of(statements);
    }

    public boolean exceptStatements() {
        return exceptStatements;
    }

    public List<String> tables() {
        return List.of(tables);
    }

    public boolean unboundedWritesOnly() {
        return unboundedWritesOnly;
    }

    public List<String> functions() {
        return List.of(functions);
    }

    public boolean serverSideCopy() {
        return serverSideCopy;
    }

    public List<String> identityKinds() {
        return List.of(identityKinds);
    }

    public List<String> identityRoles() {
        return List.of(identityRoles);
    }

    public List<String> identityClientIds() {
        return List.of(identityClientIds);
    }

    public boolean hasWindow() {
        return windowFrom != null;
    }

    public List<String> windowDays() {
        return List.of(windowDays);
    }

    public LocalTime windowFrom() {
        return windowFrom;
    }

    public LocalTime windowTo() {
        return windowTo;
    }

    public String windowZone() {
        return windowZone;
    }

    public boolean windowOutside() {
        return windowOutside;
    }

    public String message() {
        return message;
    }

    public String approvalChain() {
        return approvalChain;
    }

    public String sourcePack() {
        return sourcePack;
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
