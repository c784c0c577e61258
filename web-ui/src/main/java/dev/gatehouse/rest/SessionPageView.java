package dev.gatehouse.rest;

import dev.gatehouse.recording.ResultPage;
import dev.gatehouse.recording.SessionSummary;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of sessions, newest first. {@code page} is 0-based; {@code total} counts every match. */
@Schema(name = "SessionPage")
public record SessionPageView(List<SessionView> items, int page, int size, long total) {

    static SessionPageView of(ResultPage<SessionSummary> result) {
        return new SessionPageView(result.items().stream().map(SessionView::of).toList(), result.page(), result.size(), result.total());
    }
}
