package dev.gatehouse.accessreview;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The store's row shapes: the selects the store runs and how their columns become records. */
final class ReviewRows {

    static final String CAMPAIGNS = """
            select c.id, c.name, array_to_string(c.connections, E'\\n'), c.created_by, c.created_at, c.due_at, c.status, c.closed_by,
                   c.closed_at, c.sign_off,
                   (select count(*) from access_review_item i where i.campaign_id = c.id),
                   (select count(*) from access_review_item i where i.campaign_id = c.id and i.decision = 'pending')
            from access_review_campaign c""";

    static final String ITEMS = """
            select id, campaign_id, identity_name, identity_kind, connection_name, access_via, last_used_at, decision, decided_by,
                   decided_at, comment
            from access_review_item""";

    static final String REVOCATIONS = """
            select r.id, r.identity_name, r.connection_name, r.item_id, c.name, r.reason, r.revoked_by, r.revoked_at, r.lifted_by,
                   r.lifted_at
            from access_revocation r
            left join access_review_item i on i.id = r.item_id
            left join access_review_campaign c on c.id = i.campaign_id""";

    private ReviewRows() {
    }

    static List<ReviewCampaign> campaigns(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(row -> new ReviewCampaign(uuid(row[0]), (String) row[1], names(row[2]),
                (String) row[3], instant(row[4]), instant(row[5]), (String) row[6], (String) row[7], instant(row[8]), (String) row[9],
                ((Number) row[10]).intValue(), ((Number) row[11]).intValue())).toList();
    }

    static List<ReviewItem> items(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(row -> new ReviewItem(uuid(row[0]), uuid(row[1]), (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], instant(row[6]), (String) row[7], (String) row[8], instant(row[9]),
                (String) row[10])).toList();
    }

    static List<Revocation> revocations(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(row -> new Revocation(uuid(row[0]), (String) row[1], (String) row[2],
                uuid(row[3]), (String) row[4], (String) row[5], (String) row[6], instant(row[7]), (String) row[8], instant(row[9])))
                .toList();
    }

    private static List<String> names(Object joined) {
        return joined == null || joined.toString().isEmpty() ? List.of() : Arrays.asList(joined.toString().split("\n"));
    }

    private static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID id ? id : UUID.fromString(value.toString());
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case java.sql.Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            default -> Instant.parse(value.toString());
        };
    }
}
