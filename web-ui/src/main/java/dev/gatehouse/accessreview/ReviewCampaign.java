package dev.gatehouse.accessreview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A campaign as stored (table access_review_campaign), with its item counts. */
public record ReviewCampaign(UUID id, String name, List<String> connections, String createdBy, Instant createdAt, Instant dueAt,
        String status, String closedBy, Instant closedAt, String signOff, int items, int pending) {

    public boolean isOpen() {
        return "open".equals(status);
    }
}
