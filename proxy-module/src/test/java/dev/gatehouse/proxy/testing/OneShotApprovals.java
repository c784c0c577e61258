package dev.gatehouse.proxy.testing;

import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.BoundValue;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An approval gate as the workflow's behaves on the data path, without the workflow: a test
 * approves an exact statement (text and bound values) a number of times, and each review of that
 * statement uses one approval up; without one left, the statement is refused with
 * {@code approval required: TEST-n}. Every review is kept, so a test can count how often the data
 * path asked.
 */
public final class OneShotApprovals implements ApprovalGate {

    /** One review the data path asked for, and whether it used an approval up. */
    public record Review(String sql, List<String> parameters, boolean consumed) {
    }

    private final Map<String, Integer> approved = new HashMap<>();
    private final List<Review> reviews = new ArrayList<>();
    private int requests;

    /** Approves {@code sql} with these bound values (as {@link BoundValue#display()} shows them) for {@code times} runs. */
    public synchronized void approve(String sql, int times, String... parameters) {
        approved.merge(key(sql, List.of(parameters)), times, Integer::sum);
    }

    public synchronized List<Review> reviews() {
        return List.copyOf(reviews);
    }

    public synchronized void clear() {
        approved.clear();
        reviews.clear();
    }

    @Override
    public CompletionStage<Decision> review(Identity identity, Connection connection, String sql, Decision.RequireApproval required) {
        return review(identity, connection, sql, List.of(), required, Duration.ZERO);
    }

    @Override
    public synchronized CompletionStage<Decision> review(Identity identity, Connection connection, String sql,
            List<BoundValue> parameters, Decision.RequireApproval required, Duration wait) {
        List<String> shown = parameters.stream().map(BoundValue::display).toList();
        String key = key(sql, shown);
        int left = approved.getOrDefault(key, 0);
        reviews.add(new Review(sql, shown, left > 0));
        if (left > 0) {
            approved.put(key, left - 1);
            return CompletableFuture.completedFuture(new Decision.Allow(required.rule()));
        }
        return CompletableFuture.completedFuture(new Decision.Deny(required.rule(), "approval required: TEST-" + ++requests));
    }

    private static String key(String sql, List<String> parameters) {
        return sql + "\u0000" + String.join("\u0000", parameters);
    }
}
