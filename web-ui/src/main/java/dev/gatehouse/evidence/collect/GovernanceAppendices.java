package dev.gatehouse.evidence.collect;

import java.util.List;

/** Masking coverage and unmask exemptions (C15), access reviews and revocations (C4). */
final class GovernanceAppendices {

    private GovernanceAppendices() {
    }

    static List<AppendixQuery> all() {
        return List.of(maskingCoverage(), maskingExemptions(), accessReviews(), accessRevocations());
    }

    /** CTE "fired": per masking rule id, the values masked and statements masked in the period and scope. */
    static final String FIRED = "fired as (select e ->> 'ruleId' as rule_id, max(e ->> 'rule') as rule_name,"
            + " sum((e ->> 'values')::bigint) as masked_values, count(distinct (st.session_id, st.sequence)) as statements "
            + EvidenceSql.SCOPED_MASKING + " group by 1)";

    /** Rules that apply to the scope ('*' or a connection in scope), plus rules that fired and are deleted since. */
    static final String RULES = "rules as (select * from masking_rule where connection_name = '*' or connection_name = any(:scope))";

    static AppendixQuery maskingCoverage() {
        return AppendixQuery.named("masking-coverage")
                .with(FIRED + ", " + RULES)
                .column("rule_id", "coalesce(r.id::text, f.rule_id)")
                .column("rule", "coalesce(r.name, f.rule_name)")
                .column("connection", "r.connection_name")
                .column("position", "r.position")
                .column("enabled", "r.enabled")
                .column("rule_deleted", "r.id is null")
                .column("target", "case r.target_kind when 'column' then r.target_schema || '.' || r.target_table || '.' || r.target_column"
                        + " when 'column_name' then 'name ~ ' || r.name_pattern when 'detector' then 'detector ' || r.detector end")
                .column("method", "r.method")
                .column("applies_to_roles", "r.identity_roles")
                .column("applies_to_identities", "r.identity_names")
                .column("masked_values", "coalesce(f.masked_values, 0)::bigint")
                .column("statements_masked", "coalesce(f.statements, 0)")
                .from("from rules r full join fired f on f.rule_id = r.id::text order by r.position nulls last, 2");
    }

    /** Unmask exemptions in force at some time in the period, on '*' or a connection in scope. */
    static AppendixQuery maskingExemptions() {
        return AppendixQuery.named("masking-exemptions")
                .column("exemption_id", "x.id::text")
                .column("subject", "x.subject")
                .column("username", "x.username")
                .column("connection", "x.connection_name")
                .column("rules", "case when cardinality(x.rule_ids) = 0 then array['*']::text[] else array(select coalesce(r.name, u::text)"
                        + " from unnest(x.rule_ids) u left join masking_rule r on r.id = u order by 1) end")
                .column("reason", "x.reason")
                .column("starts_at", "x.starts_at")
                .column("ends_at", "x.ends_at")
                .column("granted_by", "x.granted_by")
                .column("granted_at", "x.granted_at")
                .column("revoked_by", "x.revoked_by")
                .column("revoked_at", "x.revoked_at")
                .from("from masking_exemption x where (x.connection_name = '*' or x.connection_name = any(:scope))"
                        + " and x.starts_at < :to and x.ends_at > :from and (x.revoked_at is null or x.revoked_at > :from)"
                        + " order by x.starts_at, x.id");
    }

    /** CTE "campaigns": review campaigns open at some time in the period that cover a connection in scope (or all). */
    static final String CAMPAIGNS = "campaigns as (select * from access_review_campaign c where c.created_at < :to"
            + " and (c.closed_at is null or c.closed_at >= :from) and (cardinality(c.connections) = 0 or c.connections && :scope))";

    /** One row per reviewed item (campaign columns repeated), and a row for a campaign with no item in scope. */
    static AppendixQuery accessReviews() {
        return AppendixQuery.named("access-reviews")
                .with(CAMPAIGNS)
                .column("campaign_id", "c.id::text")
                .column("campaign", "c.name")
                .column("campaign_status", "c.status")
                .column("created_by", "c.created_by")
                .column("created_at", "c.created_at")
                .column("due_at", "c.due_at")
                .column("closed_by", "c.closed_by")
                .column("closed_at", "c.closed_at")
                .column("sign_off", "c.sign_off")
                .column("item_id", "i.id::text")
                .column("identity", "i.identity_name")
                .column("identity_kind", "i.identity_kind")
                .column("connection", "i.connection_name")
                .column("access_via", "i.access_via")
                .column("last_used_at", "i.last_used_at")
                .column("decision", "i.decision")
                .column("decided_by", "i.decided_by")
                .column("decided_at", "i.decided_at")
                .column("comment", "i.comment")
                .from("from campaigns c left join access_review_item i on i.campaign_id = c.id and i.connection_name = any(:scope)"
                        + " order by c.created_at, c.id, i.identity_name, i.connection_name, i.access_via");
    }

    /** Revocations in force at some time in the period on connections in scope. */
    static AppendixQuery accessRevocations() {
        return AppendixQuery.named("access-revocations")
                .column("revocation_id", "v.id::text")
                .column("identity", "v.identity_name")
                .column("connection", "v.connection_name")
                .column("item_id", "v.item_id::text")
                .column("reason", "v.reason")
                .column("revoked_by", "v.revoked_by")
                .column("revoked_at", "v.revoked_at")
                .column("lifted_by", "v.lifted_by")
                .column("lifted_at", "v.lifted_at")
                .from("from access_revocation v where v.connection_name = any(:scope) and v.revoked_at < :to"
                        + " and (v.lifted_at is null or v.lifted_at >= :from) order by v.revoked_at, v.id");
    }
}
