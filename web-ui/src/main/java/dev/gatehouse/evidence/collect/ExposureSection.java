package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import java.sql.SQLException;
import java.util.List;

/**
 * C15 (minimized exposure of customer data).
 *
 * <table>
 * <caption>Figures</caption>
 * <tr><th>key</th><th>meaning</th><th>source</th></tr>
 * <tr><td>C15.masking_rules, .masking_rules_enabled</td><td>masking rules on '*' or a connection in scope</td><td>masking_rule</td></tr>
 * <tr><td>C15.rules_fired</td><td>rules that masked at least one value in the period</td><td>data_statement.masking ruleId</td></tr>
 * <tr><td>C15.masked_values</td><td>values masked in the period</td><td>sum of data_statement.masking[].values</td></tr>
 * <tr><td>C15.statements_masked</td><td>statements with at least one masked value</td><td>data_statement.masking is not null</td></tr>
 * <tr><td>C15.unmask_exemptions</td><td>unmask exemptions in force in the period (= appendix masking-exemptions rows)</td><td>masking_exemption</td></tr>
 * <tr><td>C15.unmask_requests</td><td>unmask requests opened in the period</td><td>requests kind UNMASK_REQUEST</td></tr>
 * </table>
 */
final class ExposureSection {

    private ExposureSection() {
    }

    static ControlSection c15(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C15).appendix("masking-coverage").appendix("masking-exemptions").appendix("statements");
        String rules = "from masking_rule r where r.connection_name = '*' or r.connection_name = any(:scope)";
        long ruleCount = d.figure("masking_rules", "Masking rules", context.count("select count(*) " + rules));
        d.figure("masking_rules_enabled", "Masking rules enabled", context.count("select count(*) from (select * " + rules + ") r where r.enabled"));
        String fired = "with " + GovernanceAppendices.FIRED + " ";
        d.figure("rules_fired", "Rules that masked values", context.count(fired + "select count(*) from fired"));
        long masked = d.figure("masked_values", "Values masked", context.count(fired + "select coalesce(sum(masked_values), 0) from fired"));
        d.figure("statements_masked", "Statements with masked values",
                context.count("select count(*) " + EvidenceSql.SCOPED_STATEMENTS + " and st.masking is not null"));
        List<Object[]> exemptions = context.rows("select exemption_id, coalesce(username, subject), connection, starts_at, ends_at, granted_by from ("
                + GovernanceAppendices.maskingExemptions().sql() + ") x");
        d.figure("unmask_exemptions", "Unmask exemptions in force", exemptions.size());
        d.figure("unmask_requests", "Unmask requests opened", context.count("with " + EvidenceSql.REQUESTS
                + " select count(*) from requests where kind = 'UNMASK_REQUEST'"));
        d.evidence("Masking rules mask sensitive values in results before they leave the gateway; each statement records which rules"
                + " masked how many values, never a value (appendix/masking-coverage.csv); clear access needs a time-bound exemption"
                + " (appendix/masking-exemptions.csv).");
        d.exceptions(exemptions.stream().map(r -> r[1] + " sees unmasked values on " + r[2] + " from " + r[3] + " to " + r[4]
                + " (granted by " + r[5] + ", exemption " + r[0] + ")").toList(), "masking-exemptions");
        if (ruleCount == 0 && masked == 0) {
            return d.noEvidence("no masking rule applies to the connections in scope");
        }
        return d.build();
    }
}
