package dev.gatehouse.ui;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.masking.MaskingNotFoundException;
import dev.gatehouse.masking.MaskingRuleCatalog;
import dev.gatehouse.masking.MaskingRuleValidator;
import dev.gatehouse.masking.MaskingSummary;
import dev.gatehouse.masking.MaskingTokenKey;
import dev.gatehouse.masking.StoredMaskingRule;
import dev.gatehouse.masking.TokenKeys;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.OptimisticLockException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.primefaces.PrimeFaces;

/**
 * Backs masking.xhtml: the rules in the order they apply, the add/edit dialog, and the tokenization
 * keys. Grants, coverage and the dry run have beans of their own ({@link MaskingGrantsBox},
 * {@link MaskingCoverageBox}, {@link MaskingDryRunBox}).
 */
@Named
@ViewScoped
public class MaskingPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient MaskingRuleCatalog rules;

    @Inject
    transient TokenKeys keys;

    @Inject
    transient TargetConnectionRepository connections;

    private List<RuleRow> rows = List.of();
    private List<KeyRow> keyRows = List.of();
    private List<String> connectionNames = List.of();
    private MaskingRuleForm form = new MaskingRuleForm();
    private String newKeyId;

    public void open() {
        load();
    }

    void load() {
        rows = rules.list().stream().map(RuleRow::of).toList();
        keyRows = keys.list().stream().map(KeyRow::of).toList();
        connectionNames = connections.findAll().stream().map(TargetConnection::name).sorted().toList();
    }

    public void newRule() {
        form = new MaskingRuleForm();
    }

    public void edit(RuleRow row) {
        try {
            form = MaskingRuleForm.of(rules.get(UUID.fromString(row.id())));
        } catch (MaskingNotFoundException gone) {
            Messages.error("Rule no longer exists", "It was deleted meanwhile.");
            load();
        }
    }

    public void save() {
        try {
            if (form.getId() == null) {
                rules.create(form.toDraft());
                Messages.info("Rule created", form.getName() + " is in force.");
            } else {
                rules.update(UUID.fromString(form.getId()), form.toDraft());
                Messages.info("Rule saved", form.getName() + " was changed.");
            }
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
            load();
        } catch (ValidationFailedException invalid) {
            refused("Rule not saved", invalid);
        } catch (MaskingNotFoundException | OptimisticLockException changed) {
            Messages.error("Rule not saved", "Someone changed or deleted it meanwhile; reload and retry.");
            load();
        }
    }

    public void delete(RuleRow row) {
        try {
            rules.delete(UUID.fromString(row.id()));
            Messages.info("Rule deleted", row.name() + " no longer applies.");
        } catch (MaskingNotFoundException gone) {
            Messages.error("Rule no longer exists", "It was deleted meanwhile.");
        }
        load();
    }

    public void createKey() {
        try {
            MaskingTokenKey key = keys.create(newKeyId);
            Messages.info("Key created", key.keyId() + " can now be named by tokenize rules. Its material stays in the gateway.");
            newKeyId = null;
        } catch (ValidationFailedException invalid) {
            refused("Key not created", invalid);
        }
        load();
    }

    public void retireKey(KeyRow row) {
        try {
            keys.retire(row.keyId());
            Messages.info("Key retired", row.keyId() + " is no longer handed to the data path.");
        } catch (ValidationFailedException invalid) {
            refused("Key not retired", invalid);
        } catch (MaskingNotFoundException gone) {
            Messages.error("Key no longer exists", gone.getMessage());
        }
        load();
    }

    static void refused(String summary, ValidationFailedException invalid) {
        for (FieldError error : invalid.errors()) {
            Messages.error(summary + ": " + error.field(), error.message());
        }
    }

    public List<RuleRow> getRows() {
        return rows;
    }

    public List<KeyRow> getKeyRows() {
        return keyRows;
    }

    public List<String> getActiveKeyIds() {
        return keyRows.stream().filter(k -> !k.retired()).map(KeyRow::keyId).toList();
    }

    public List<String> getConnectionNames() {
        return connectionNames;
    }

    public MaskingRuleForm getForm() {
        return form;
    }

    public List<String> getTargets() {
        return MaskingRuleValidator.TARGETS;
    }

    public List<String> getMethods() {
        return MaskingRuleValidator.METHODS;
    }

    public List<String> getDetectors() {
        return java.util.stream.Stream.concat(MaskingRuleValidator.detectorNames().stream(), java.util.stream.Stream.of("custom")).toList();
    }

    public String getNewKeyId() {
        return newKeyId;
    }

    public void setNewKeyId(String newKeyId) {
        this.newKeyId = newKeyId;
    }

    /** One row of the rules table. */
    public record RuleRow(String id, int position, String name, String connection, String target, String method, String scope,
            boolean enabled) implements Serializable {

        static RuleRow of(StoredMaskingRule r) {
            return new RuleRow(r.id().toString(), r.position(), r.name(), r.connection(), MaskingSummary.target(r), MaskingSummary.method(r),
                    MaskingSummary.scope(r), r.enabled());
        }
    }

    /** One tokenization key: its facts, never its material. */
    public record KeyRow(String keyId, String createdBy, Instant createdAt, boolean retired, Instant retiredAt) implements Serializable {

        static KeyRow of(MaskingTokenKey k) {
            return new KeyRow(k.keyId(), k.createdBy(), k.createdAt(), k.retired(), k.retiredAt());
        }
    }
}
