package dev.gatehouse.masking;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.ConnectionNotFoundException;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.masking.PostgresTargetReader.TargetColumn;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.CredentialStore;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.masking.WholeColumnRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The masking coverage of one connection: which of the target's catalog columns a column or name
 * rule protects, and which look sensitive by name but have none. Sampling runs the content
 * detectors over some values of each text column, on an admin's explicit request, and reports
 * counts only; the values never leave this class.
 */
@ApplicationScoped
public class MaskingCoverage {

    public static final int MAX_SAMPLE = 1000;
    static final int MAX_SAMPLED_COLUMNS = 500;

    @Inject
    TargetConnectionRepository connections;

    @Inject
    CredentialStore credentials;

    @Inject
    MaskingStore store;

    @Inject
    PostgresTargetReader reader;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    /**
     * @param protectedBy  the enabled rules that mask the whole column (for their roles and identities)
     * @param sensitiveHint the word that makes the name look sensitive, or null
     */
    public record ColumnCoverage(String schema, String table, String column, String dataType, List<String> protectedBy,
            String sensitiveHint, boolean unprotectedSensitive) {

        static ColumnCoverage of(TargetColumn column, List<String> protectedBy, String sensitiveHint) {
            return new ColumnCoverage(column.column().schema(), column.column().table(), column.column().column(), column.dataType(),
                    protectedBy, sensitiveHint, sensitiveHint != null && protectedBy.isEmpty());
        }
    }

    /** @param contentRules the detector rules on this connection, which apply to every text value */
    public record Coverage(String connection, List<ColumnCoverage> columns, List<String> contentRules, int protectedColumns,
            int unprotectedSensitiveColumns) {
    }

    /** Counts of what the detectors found in one column's sample; never a value. */
    public record ColumnFindings(String schema, String table, String column, int sampled, Map<String, Integer> findings) {
    }

    public record Sampling(String connection, int perColumn, int columnsSampled, int valuesSampled, Map<String, Integer> totals,
            List<ColumnFindings> columns) {
    }

    public Coverage coverage(String connectionName) {
        Connection target = postgresTarget(connectionName);
        List<StoredMaskingRule> rules = rulesOn(target);
        List<TargetColumn> columns = reader.columns(target, secret(target));
        List<ColumnCoverage> rows = columns.stream()
                .map(c -> ColumnCoverage.of(c, protecting(rules, c), SensitiveNames.hint(c.column().column()).orElse(null))).toList();
        List<String> content = rules.stream().filter(r -> "detector".equals(r.target())).map(StoredMaskingRule::name).toList();
        return new Coverage(target.name(), rows, content, (int) rows.stream().filter(r -> !r.protectedBy().isEmpty()).count(),
                (int) rows.stream().filter(ColumnCoverage::unprotectedSensitive).count());
    }

    /** Samples every text column; the caller has checked the admin's consent. Audited with the counts. */
    @Transactional
    public Sampling sample(String connectionName, int perColumn) {
        if (perColumn < 1 || perColumn > MAX_SAMPLE) {
            throw new ValidationFailedException(List.of(new FieldError("limit", "must be between 1 and " + MAX_SAMPLE)));
        }
        Connection target = postgresTarget(connectionName);
        List<MaskingRule> customDetectors = rulesOn(target).stream().filter(r -> r.detectorKind() != null && r.customLabel() != null)
                .map(StoredMaskingRule::toRule).toList();
        SampleCounter counter = new SampleCounter(customDetectors);
        char[] secret = secret(target);
        List<TargetColumn> text = reader.columns(target, secret).stream()
                .filter(c -> ColumnTypes.oid(c.dataType()).filter(SampleCounter::readsText).isPresent())
                .limit(MAX_SAMPLED_COLUMNS).toList();
        Sampling sampling = reader.withSession(target, secret, session -> counter.count(target.name(), perColumn, text, session));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("perColumn", perColumn);
        details.put("columnsSampled", sampling.columnsSampled());
        details.put("valuesSampled", sampling.valuesSampled());
        details.put("findings", sampling.totals());
        details.put("consent", true);
        audit.append(actor.get(), "masking.coverage_sampled", "connection", target.name(), target.name(), "success", details);
        return sampling;
    }

    private Connection postgresTarget(String name) {
        Connection target = connections.findDescriptor(name).orElseThrow(() -> new ConnectionNotFoundException(name));
        if (target.type() != ConnectionType.POSTGRES) {
            throw new ValidationFailedException(List.of(new FieldError("connection", "coverage is available for PostgreSQL connections")));
        }
        return target;
    }

    private char[] secret(Connection target) {
        return credentials.secretFor(target.name()).orElse(null);
    }

    private List<StoredMaskingRule> rulesOn(Connection target) {
        return store.rules().stream().filter(StoredMaskingRule::enabled)
                .filter(r -> MaskingRuleDraft.EVERY_CONNECTION.equals(r.connection()) || r.connection().equals(target.name()))
                .toList();
    }

    private static List<String> protecting(List<StoredMaskingRule> rules, TargetColumn column) {
        return rules.stream().filter(r -> !"detector".equals(r.target()))
                .filter(r -> new WholeColumnRules(List.of(r.toRule())).ruleFor(column.column().column(), column.column()) != null)
                .map(r -> r.name() + (r.roles().isEmpty() && r.identities().isEmpty() ? "" : " (some identities)"))
                .toList();
    }
}
