package dev.gatehouse.guardrails;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.ConnectionNotFoundException;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.policy.StatementSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class DefaultGuardrailCatalog implements GuardrailCatalog {

    static final String TARGET_TYPE = "guardrail";
    static final String GLOBAL = "global";

    @Inject
    GuardrailRuleRepository rules;

    @Inject
    TargetConnectionRepository connections;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Inject
    Event<GuardrailsChanged> changed;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredRule> list() {
        return rules.findAll();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredRule> list(String connection) {
        return rules.findInScope(scopeId(connection));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredRule get(UUID id) {
        return rules.find(id).orElseThrow(() -> GuardrailNotFoundException.rule(id));
    }

    @Override
    public StoredRule create(RuleDraft draft) {
        Target target = validate(draft, null);
        Actor who = actor.get();
        StoredRule rule = new StoredRule(UUID.randomUUID(), who.name(), Instant.now());
        rule.apply(target.valid(), who.name(), Instant.now());
        rule.placeIn(target.scopeId(), rules.findInScope(target.scopeId()).size() + 1);
        rules.add(rule);
        flushOrNameTaken(draft.name(), draft.connection());
        audit.append(who, "guardrail.created", TARGET_TYPE, rule.id().toString(), rule.name(), "success", describe(rule, draft.connection()));
        changed.fire(new GuardrailsChanged(draft.connection(), "created"));
        return rule;
    }

    @Override
    public StoredRule update(UUID id, RuleDraft draft) {
        StoredRule rule = get(id);
        Target target = validate(draft, id);
        String scopeBefore = scopeName(rule.connectionId());
        UUID scopeIdBefore = rule.connectionId();
        Map<String, Object> before = describe(rule, scopeBefore);
        Actor who = actor.get();
        rule.apply(target.valid(), who.name(), Instant.now());
        boolean scopeChanged = !Objects.equals(scopeIdBefore, target.scopeId());
        if (scopeChanged) {
            rule.placeIn(target.scopeId(), rules.findInScope(target.scopeId()).size() + 1);
        }
        flushOrNameTaken(draft.name(), draft.connection());
        if (scopeChanged) {
            renumber(rules.findInScope(scopeIdBefore));
        }
        Map<String, Object> after = describe(rule, draft.connection());
        Map<String, Object> details = new LinkedHashMap<>();
        after.forEach((key, value) -> {
            if (!Objects.equals(before.get(key), value)) {
                details.put(key, value);
            }
        });
        details.put("changedFields", new ArrayList<>(details.keySet()));
        details.put("scope", scopeLabel(draft.connection()));
        audit.append(who, "guardrail.updated", TARGET_TYPE, id.toString(), rule.name(), "success", details);
        changed.fire(new GuardrailsChanged(draft.connection(), "updated"));
        if (scopeChanged) {
            changed.fire(new GuardrailsChanged(scopeBefore, "updated"));
        }
        return rule;
    }

    @Override
    public void delete(UUID id) {
        StoredRule rule = get(id);
        String scope = scopeName(rule.connectionId());
        Map<String, Object> details = describe(rule, scope);
        rules.remove(rule);
        rules.flush();
        renumber(rules.findInScope(rule.connectionId()));
        audit.append(actor.get(), "guardrail.deleted", TARGET_TYPE, id.toString(), rule.name(), "success", details);
        changed.fire(new GuardrailsChanged(scope, "deleted"));
    }

    @Override
    public List<StoredRule> move(UUID id, int position) {
        StoredRule rule = get(id);
        List<StoredRule> scope = new ArrayList<>(rules.findInScope(rule.connectionId()));
        int from = scope.indexOf(rule) + 1;
        scope.remove(rule);
        int to = Math.max(1, Math.min(position, scope.size() + 1));
        scope.add(to - 1, rule);
        renumber(scope);
        if (from != to) {
            String scopeName = scopeName(rule.connectionId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scope", scopeLabel(scopeName));
            details.put("from", from);
            details.put("to", to);
            details.put("order", scope.stream().map(StoredRule::name).toList());
            audit.append(actor.get(), "guardrail.reordered", TARGET_TYPE, id.toString(), rule.name(), "success", details);
            changed.fire(new GuardrailsChanged(scopeName, "reordered"));
        }
        return scope;
    }

    @Override
    public List<StoredRule> applyPack(String pack, String connection) {
        List<GuardrailRule> packRules = RulePacks.all().get(pack);
        if (packRules == null) {
            throw GuardrailNotFoundException.pack(pack);
        }
        String scopeName = RuleDraft.blankToNull(connection);
        UUID scopeId = scopeIdOrFieldError(scopeName);
        List<StoredRule> existing = rules.findInScope(scopeId);
        Set<String> taken = existing.stream().map(StoredRule::name).collect(Collectors.toSet());
        int position = existing.size();
        Actor who = actor.get();
        Instant now = Instant.now();
        List<StoredRule> created = new ArrayList<>();
        for (GuardrailRule packRule : packRules) {
            String name = freeName(packRule.name(), taken);
            taken.add(name);
            GuardrailRule renamed = new GuardrailRule(name, packRule.action(), packRule.match(), packRule.message(), packRule.approvalChain());
            ValidRule valid = new ValidRule(renamed, true,
                    packRule.match().statements().stream().sorted(Comparator.comparing(StatementSelector::toString)).toList(),
                    packRule.match().tables());
            StoredRule rule = new StoredRule(UUID.randomUUID(), who.name(), now);
            rule.apply(valid, who.name(), now);
            rule.placeIn(scopeId, ++position);
            rule.markFromPack(pack);
            rules.add(rule);
            created.add(rule);
        }
        rules.flush();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scope", scopeLabel(scopeName));
        details.put("rules", created.stream().map(StoredRule::name).toList());
        details.put("ruleIds", created.stream().map(r -> r.id().toString()).toList());
        audit.append(who, "guardrail.pack_applied", "guardrail_pack", pack, pack, "success", details);
        changed.fire(new GuardrailsChanged(scopeName, "pack_applied"));
        return created;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean allowUnparseable(String connection) {
        return rules.settings(connectionOf(connection).id()).map(GuardrailSetting::allowUnparseable).orElse(false);
    }

    @Override
    public void setAllowUnparseable(String connection, boolean allow) {
        TargetConnection target = connectionOf(connection);
        GuardrailSetting setting = rules.settings(target.id()).orElse(null);
        if (setting != null && setting.allowUnparseable() == allow || setting == null && !allow) {
            return;
        }
        Actor who = actor.get();
        if (setting == null) {
            setting = new GuardrailSetting(target.id());
            setting.allowUnparseable(allow, who.name(), Instant.now());
            rules.add(setting);
        } else {
            setting.allowUnparseable(allow, who.name(), Instant.now());
        }
        audit.append(who, "guardrail.settings_changed", "connection", target.id().toString(), target.name(), "success",
                Map.of("allowUnparseable", allow));
        changed.fire(new GuardrailsChanged(target.name(), "settings_changed"));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, String> connectionNames() {
        Map<UUID, String> names = new LinkedHashMap<>();
        connections.findAll().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public RuleSet effectiveRuleSet(String connection) {
        connectionOf(connection);
        return rules.effectiveRuleSet(connection);
    }

    /** A validated draft and the scope it goes to. */
    private record Target(ValidRule valid, UUID scopeId) {
    }

    private Target validate(RuleDraft draft, UUID selfId) {
        List<FieldError> errors = new ArrayList<>();
        ValidRule valid = RuleValidator.check(draft, errors);
        UUID scopeId = null;
        if (draft.connection() != null) {
            TargetConnection target = connections.findByName(draft.connection()).orElse(null);
            if (target == null) {
                errors.add(new FieldError("connection", "no connection named '" + draft.connection() + "'"));
            } else {
                scopeId = target.id();
            }
        }
        boolean scopeKnown = draft.connection() == null || scopeId != null;
        if (draft.name() != null && scopeKnown) {
            boolean taken = rules.findInScope(scopeId).stream()
                    .anyMatch(other -> other.name().equals(draft.name()) && !other.id().equals(selfId));
            if (taken) {
                errors.add(nameTaken(draft.name(), draft.connection()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return new Target(valid, scopeId);
    }

    private void flushOrNameTaken(String name, String connection) {
        try {
            rules.flush();
        } catch (PersistenceException raceOnName) {
            throw new ValidationFailedException(List.of(nameTaken(name, connection)));
        }
    }

    private static FieldError nameTaken(String name, String connection) {
        return new FieldError("name", "a rule named '" + name + "' already exists in " + scopeLabel(connection));
    }

    /** For a scope someone names in a query or a path: unknown is "not found". */
    private UUID scopeId(String connection) {
        String name = RuleDraft.blankToNull(connection);
        return name == null ? null : connectionOf(name).id();
    }

    /** For a scope named in a request body: unknown is a field error. */
    private UUID scopeIdOrFieldError(String connection) {
        if (connection == null) {
            return null;
        }
        return connections.findByName(connection).map(TargetConnection::id).orElseThrow(() -> new ValidationFailedException(
                List.of(new FieldError("connection", "no connection named '" + connection + "'"))));
    }

    private TargetConnection connectionOf(String name) {
        return connections.findByName(name).orElseThrow(() -> new ConnectionNotFoundException(name));
    }

    private String scopeName(UUID connectionId) {
        return connectionId == null ? null : connections.find(connectionId).map(TargetConnection::name).orElse(connectionId.toString());
    }

    static String scopeLabel(String connection) {
        return connection == null ? GLOBAL : "connection " + connection;
    }

    /** Keeps positions 1..n with no gaps, in the list's order. */
    private static void renumber(List<StoredRule> scope) {
        for (int i = 0; i < scope.size(); i++) {
            if (scope.get(i).position() != i + 1) {
                scope.get(i).moveTo(i + 1);
            }
        }
    }

    /** The pack rule's own name when free in the scope, else the first of name-2, name-3 ... that is. */
    static String freeName(String name, Set<String> taken) {
        if (!taken.contains(name)) {
            return name;
        }
        for (int n = 2; ; n++) {
            String suffix = "-" + n;
            String candidate = name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    static Map<String, Object> describe(StoredRule rule, String connection) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", rule.name());
        details.put("scope", scopeLabel(connection));
        details.put("position", rule.position());
        details.put("action", rule.action().name());
        details.put("enabled", rule.enabled());
        details.put("statements", rule.statements());
        details.put("exceptStatements", rule.exceptStatements());
        details.put("tables", rule.tables());
        details.put("unboundedWritesOnly", rule.unboundedWritesOnly());
        details.put("functions", rule.functions());
        details.put("serverSideCopy", rule.serverSideCopy());
        details.put("identityKinds", rule.identityKinds());
        details.put("identityRoles", rule.identityRoles());
        details.put("identityClientIds", rule.identityClientIds());
        details.put("window", GuardrailSummary.window(rule));
        details.put("message", rule.message());
        details.put("approvalChain", rule.approvalChain());
        return details;
    }
}
