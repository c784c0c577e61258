package dev.gatehouse.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /access-reviews. */
@Schema(name = "AccessReviewRequest", description = "A campaign to open: its name, the connections in scope (empty: all) and when it is due")
public class AccessReviewRequest {

    @Schema(required = true, maxLength = 200, example = "Q4 2026")
    public String name;

    @Schema(description = "Connection names; empty or absent means every connection in the catalog")
    public List<String> connections;

    @Schema(description = "An ISO-8601 instant, or a date (due at the end of that day, UTC); optional", example = "2026-12-15")
    public String dueAt;
}
