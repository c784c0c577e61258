package dev.gatehouse.proxy.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.api.SessionRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordingPipelineTest {

    private final List<RecordedEvent> written = Collections.synchronizedList(new ArrayList<>());

    @Test
    void writesEveryEventInOrderInBatches() {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        RecordingPipeline pipeline = new RecordingPipeline(batch -> {
            batchSizes.add(batch.size());
            written.addAll(batch);
        }, 1000, 50);
        List<RecordedEvent> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            RecordedEvent event = ended(i);
            sent.add(event);
            pipeline.submit(event);
        }
        assertThat(pipeline.close(Duration.ofSeconds(10))).isZero();
        assertThat(written).containsExactlyElementsOf(sent);
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 50));
    }

    @Test
    void aFailingRecorderIsRetriedWithTheSameBatchAndNothingIsLost() {
        AtomicInteger attempts = new AtomicInteger();
        RecordingPipeline pipeline = new RecordingPipeline(batch -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("store down");
            }
            written.addAll(batch);
        }, 100, 10);
        for (int i = 0; i < 25; i++) {
            pipeline.submit(ended(i));
        }
        assertThat(pipeline.close(Duration.ofSeconds(10))).isZero();
        assertThat(written).hasSize(25);
        assertThat(written.get(0)).isEqualTo(ended(0));
        assertThat(pipeline.writeFailures()).isEqualTo(3);
    }

    @Test
    void aboveTheHighWatermarkProducersAreToldToPauseAndAreWokenBelowTheLowOne() throws Exception {
        CountDownLatch recorderMayGo = new CountDownLatch(1);
        SessionRecorder slow = batch -> {
            recorderMayGo.await();
            written.addAll(batch);
        };
        RecordingPipeline pipeline = new RecordingPipeline(slow, 10, 100);
        CountDownLatch woken = new CountDownLatch(1);
        pipeline.onWritable(woken::countDown);

        boolean lastAnswer = true;
        int accepted = 0;
        while (lastAnswer) {
            lastAnswer = pipeline.submit(ended(accepted++));
        }
        assertThat(accepted).isLessThanOrEqualTo(11);
        assertThat(pipeline.isWritable()).isFalse();
        // Still kept, never dropped, even when the producer ignores the advice.
        assertThat(pipeline.submit(ended(999))).isFalse();

        recorderMayGo.countDown();
        assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pipeline.isWritable()).isTrue();
        assertThat(pipeline.close(Duration.ofSeconds(5))).isZero();
        assertThat(written).hasSize(accepted + 1);
    }

    @Test
    void closeReportsWhatItCouldNotWriteInTime() {
        RecordingPipeline pipeline = new RecordingPipeline(batch -> {
            throw new IllegalStateException("store down for good");
        }, 100, 10);
        for (int i = 0; i < 5; i++) {
            pipeline.submit(ended(i));
        }
        assertThat(pipeline.close(Duration.ofMillis(300))).isEqualTo(5);
    }

    private static RecordedEvent ended(int i) {
        return new RecordedEvent.SessionEnded(new UUID(0, i), Instant.EPOCH.plusSeconds(i), "client terminated", i, i, 0);
    }
}
