package dev.gatehouse.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainedEventTest {

    private static final Instant AT = Instant.parse("2026-11-26T03:20:00.123456789Z");

    /** Pinned byte for byte: changing it would break every chain already written (docs/audit-chain.md). */
    @Test
    void theCanonicalFormIsPinned() {
        ChainedEvent event = ChainedEvent.link(5, AT, "statement.executed", "alice \"the\" admin\\", "user", null, "connection", "c-1",
                "orders-db\n", "success", Digests.sha256Hex("{}"), ChainedEvent.GENESIS);

        assertThat(event.canonicalForm()).isEqualTo("{\"action\":\"statement.executed\","
                + "\"actor\":{\"address\":null,\"kind\":\"user\",\"name\":\"alice \\\"the\\\" admin\\\\\"},"
                + "\"details_sha256\":\"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"outcome\":\"success\","
                + "\"prev_hash\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"seq\":5,"
                + "\"target\":{\"id\":\"c-1\",\"name\":\"orders-db\\u000a\",\"type\":\"connection\"},"
                + "\"time\":\"2026-11-26T03:20:00.123456Z\",\"v\":1}");
        assertThat(event.hash()).isEqualTo("a18e73dc6a851daf676bda573dbcd8ca8c2bff8ad97064d914c0a9310e7d8f65");
    }

    @Test
    void linkTruncatesTimeToTheStoresMicroseconds() {
        ChainedEvent event = link(1, ChainedEvent.GENESIS);

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-26T03:20:00.123456Z"));
        assertThat(ChainedEvent.formatTime(Instant.parse("2026-11-26T03:20:00Z"))).isEqualTo("2026-11-26T03:20:00.000000Z");
    }

    @Test
    void eachLinkNamesItsPredecessor() {
        ChainedEvent first = link(1, ChainedEvent.GENESIS);
        ChainedEvent second = link(2, first.hash());

        assertThat(first.prevHash()).isEqualTo("0".repeat(64));
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isNotEqualTo(first.hash()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void everyFieldButTheHashIsCovered() {
        ChainedEvent e = link(3, Digests.sha256Hex("previous"));

        assertThat(e.recomputedHash()).isEqualTo(e.hash());
        assertThat(changed(new ChainedEvent(4, e.occurredAt(), e.action(), e.actor(), e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt().plusNanos(1000), e.action(), e.actor(), e.actorKind(), e.clientAddress(),
                e.targetType(), e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), "x", e.actor(), e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), "x", e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), e.actor(), "x", e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), e.actor(), e.actorKind(), "x", e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), e.actor(), e.actorKind(), e.clientAddress(), "x",
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), e.actor(), e.actorKind(), e.clientAddress(), e.targetType(),
                "x", e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), e.actor(), e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), "x", e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), e.actor(), e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), "x", e.detailsSha256(), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), e.actor(), e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), Digests.sha256Hex("x"), e.prevHash(), e.hash()))).isTrue();
        assertThat(changed(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), e.actor(), e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), ChainedEvent.GENESIS, e.hash()))).isTrue();
    }

    @Test
    void detailsAreHashedInCanonicalFormWhateverTheirOrder() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("b", 1);
        one.put("a", "x");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("a", "x");
        other.put("b", 1);

        assertThat(ChainedEvent.detailsSha256(one)).isEqualTo(ChainedEvent.detailsSha256(other))
                .isEqualTo(Digests.sha256Hex("{\"a\":\"x\",\"b\":1}"));
    }

    private static boolean changed(ChainedEvent event) {
        return !event.recomputedHash().equals(event.hash());
    }

    private static ChainedEvent link(long seq, String prev) {
        return ChainedEvent.link(seq, AT, "connection.created", "alice", "user", "10.0.0.1", "connection", "c-1", "orders", "success",
                Digests.sha256Hex("{}"), prev);
    }
}
