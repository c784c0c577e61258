package dev.gatehouse.masking;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.ContentScanner;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import dev.gatehouse.proxy.masking.ValueMasker;
import dev.gatehouse.proxy.masking.WholeColumnRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "What does this row become?": the stored rules (read fresh, not from the data path's cache) are
 * compiled for an identity on a connection, and each value is masked as the data path masks a
 * text-format result column: by the column's rule if one covers it, else by the content rules if
 * the type holds text. Nothing is stored or audited: the values are the admin's own sample input.
 */
@ApplicationScoped
public class MaskingDryRun {

    @Inject
    MaskingStore store;

    @Inject
    TargetConnectionRepository connections;

    /** One result column: its name, type, optional catalog origin, and its value in text format (null: SQL NULL). */
    public record SampleColumn(String name, String type, CatalogColumn origin, String value) {
    }

    /** What became of one value; {@code error} says why the statement would fail (fail closed), without the value. */
    public record MaskedColumn(String name, String value, boolean masked, List<String> rules, String error) {
    }

    public record Outcome(String connection, String identity, List<String> rulesInForce, List<MaskedColumn> columns) {
    }

    public Outcome run(String connectionName, Identity identity, List<SampleColumn> columns) {
        List<FieldError> errors = new ArrayList<>();
        Connection connection = connectionName == null ? null
                : connections.findDescriptor(connectionName.trim()).orElse(null);
        if (connection == null) {
            errors.add(new FieldError("connection", connectionName == null ? "is required" : "no connection named '" + connectionName + "'"));
        }
        if (columns.isEmpty()) {
            errors.add(new FieldError("columns", "give at least one column with its name, type and value"));
        }
        int[] oids = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            SampleColumn column = columns.get(i);
            if (column.name() == null || column.name().isBlank()) {
                errors.add(new FieldError("columns[" + i + "].name", "is required"));
            }
            Optional<Integer> oid = ColumnTypes.oid(column.type() == null ? "text" : column.type());
            if (oid.isEmpty()) {
                errors.add(new FieldError("columns[" + i + "].type", "unknown type '" + column.type() + "'; one of " + ColumnTypes.names()));
            } else {
                oids[i] = oid.get();
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        MaskingPolicy policy = store.snapshot(Instant.now()).policyFor(identity, connection, Instant.now());
        ValueMasker masker = new ValueMasker(policy.tokenKeys());
        ContentScanner scanner = new ContentScanner(policy.rules(), masker);
        List<MaskedColumn> masked = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            masked.add(mask(columns.get(i), oids[i], policy, masker, scanner));
        }
        return new Outcome(connection.name(), identity.displayName(), policy.rules().stream().map(MaskingRule::name).toList(), masked);
    }

    private static MaskedColumn mask(SampleColumn column, int oid, MaskingPolicy policy, ValueMasker masker, ContentScanner scanner) {
        if (column.value() == null) {
            return new MaskedColumn(column.name(), null, false, List.of(), null);
        }
        byte[] value = column.value().getBytes(StandardCharsets.UTF_8);
        Optional<MaskingRule> rule = Optional.ofNullable(new WholeColumnRules(policy.rules()).ruleFor(column.name(), column.origin()));
        try {
            if (rule.isPresent()) {
                byte[] out = masker.mask(rule.get().method(), oid, false, value);
                return new MaskedColumn(column.name(), out == null ? null : new String(out, StandardCharsets.UTF_8), true,
                        List.of(rule.get().name()), null);
            }
            ContentScanner.Rewrite rewrite = ContentScanner.scans(oid) ? scanner.scanValue(oid, false, value) : null;
            if (rewrite == null) {
                return new MaskedColumn(column.name(), column.value(), false, List.of(), null);
            }
            return new MaskedColumn(column.name(), new String(rewrite.utf8(), StandardCharsets.UTF_8), true,
                    rewrite.fired().stream().map(f -> f.rule().name()).toList(), null);
        } catch (UnmaskableValueException e) {
            return new MaskedColumn(column.name(), null, false, rule.map(r -> List.of(r.name())).orElse(List.of()),
                    "the statement would fail (fail closed): " + e.getMessage());
        }
    }
}
