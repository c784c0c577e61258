package dev.gatehouse.rest;

import dev.gatehouse.recording.RecordedStatement;
import dev.gatehouse.recording.ResultPage;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a session's statements in sequence order. {@code page} is 0-based. */
@Schema(name = "StatementPage")
public record StatementPageView(List<StatementView> items, int page, int size, long total) {

    static StatementPageView of(ResultPage<RecordedStatement> result) {
        return new StatementPageView(result.items().stream().map(StatementView::of).toList(), result.page(), result.size(), result.total());
    }
}
