package dev.gatehouse.masking;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Masking rules as admins manage them, from the UI and REST alike: validated, ordered, and written
 * to the audit trail in the same transaction. Audit details describe the rule (what, how, where,
 * for whom), never a value and never key material.
 */
@ApplicationScoped
@Transactional
public class MaskingRuleCatalog {

    static final String TARGET_TYPE = "masking_rule";

    @Inject
    MaskingStore store;

    @Inject
    TargetConnectionRepository connections;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Inject
    Event<MaskingChanged> changed;

    @Inject
    ColumnTypeCheck columnTypes;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredMaskingRule> list() {
        return store.rules();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredMaskingRule get(UUID id) {
        return store.rule(id).orElseThrow(() -> MaskingNotFoundException.rule(id));
    }

    public StoredMaskingRule create(MaskingRuleDraft draft) {
        ValidMaskingRule valid = validate(draft, null);
        Actor who = actor.get();
        Instant now = Instant.now();
        StoredMaskingRule rule = new StoredMaskingRule(UUID.randomUUID(), who.name(), now);
        rule.apply(valid, who.name(), now);
        List<StoredMaskingRule> all = store.rules();
        rule.moveTo(all.size() + 1);
        store.add(rule);
        flushOrNameTaken(draft.name());
        if (draft.position() != null) {
            reorder(rule, draft.position());
        }
        audit.append(who, "masking.rule_created", TARGET_TYPE, rule.id().toString(), rule.name(), "success", describe(rule));
        changed.fire(new MaskingChanged("rule", "created"));
        return rule;
    }

    public StoredMaskingRule update(UUID id, MaskingRuleDraft draft) {
        StoredMaskingRule rule = get(id);
        ValidMaskingRule valid = validate(draft, id);
        Map<String, Object> before = describe(rule);
        Actor who = actor.get();
        rule.apply(valid, who.name(), Instant.now());
        flushOrNameTaken(draft.name());
        if (draft.position() != null && draft.position() != rule.position()) {
            reorder(rule, draft.position());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        describe(rule).forEach((key, value) -> {
            if (!Objects.equals(before.get(key), value)) {
                details.put(key, value);
            }
        });
        details.put("changedFields", new ArrayList<>(details.keySet()));
        details.put("name", rule.name());
        audit.append(who, "masking.rule_updated", TARGET_TYPE, id.toString(), rule.name(), "success", details);
        changed.fire(new MaskingChanged("rule", "updated"));
        return rule;
    }

    public void delete(UUID id) {
        StoredMaskingRule rule = get(id);
        Map<String, Object> details = describe(rule);
        store.remove(rule);
        store.flush();
        renumber(store.rules());
        audit.append(actor.get(), "masking.rule_deleted", TARGET_TYPE, id.toString(), rule.name(), "success", details);
        changed.fire(new MaskingChanged("rule", "deleted"));
    }

    private ValidMaskingRule validate(MaskingRuleDraft draft, UUID selfId) {
        ValidMaskingRule valid = MaskingRuleValidator.validate(draft, new MaskingRuleValidator.Lookups(
                name -> connections.findByName(name).isPresent(),
                keyId -> store.key(keyId).filter(k -> !k.retired()).isPresent(),
                name -> store.ruleNamed(name).filter(other -> !other.id().equals(selfId)).isPresent()));
        columnTypes.problem(valid).ifPresent(problem -> {
            throw new ValidationFailedException(List.of(problem));
        });
        return valid;
    }

    private void flushOrNameTaken(String name) {
        try {
            store.flush();
        } catch (PersistenceException raceOnName) {
            throw new ValidationFailedException(List.of(nameTaken(name)));
        }
    }

    private static FieldError nameTaken(String name) {
        return new FieldError("name", "a masking rule named '" + name + "' already exists");
    }

    /** Moves a rule to a 1-based position (clamped) and closes the gaps. */
    private void reorder(StoredMaskingRule rule, int position) {
        List<StoredMaskingRule> order = new ArrayList<>(store.rules());
        order.remove(rule);
        order.add(Math.max(0, Math.min(position, order.size() + 1) - 1), rule);
        renumber(order);
    }

    private static void renumber(List<StoredMaskingRule> order) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).position() != i + 1) {
                order.get(i).moveTo(i + 1);
            }
        }
    }

    static Map<String, Object> describe(StoredMaskingRule rule) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", rule.name());
        details.put("connection", rule.connection());
        details.put("position", rule.position());
        details.put("enabled", rule.enabled());
        details.put("roles", rule.roles());
        details.put("identities", rule.identities());
        details.put("target", MaskingSummary.target(rule));
        details.put("method", MaskingSummary.method(rule));
        return details;
    }
}
