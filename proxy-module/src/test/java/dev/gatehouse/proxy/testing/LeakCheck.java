package dev.gatehouse.proxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/**
 * Fails a test class whose buffers were garbage-collected without being released. Netty only
 * notices a leak when a collected buffer's tracker is polled, which happens on the next tracked
 * allocation, so this collects garbage and allocates a few times before looking.
 */
public final class LeakCheck {

    private LeakCheck() {
    }

    public static void assertNoLeaks() throws InterruptedException {
        assertThat(RecordingLeakDetector.installed())
                .as("leak recording is on (surefire argLine sets io.netty.customResourceLeakDetector)")
                .isTrue();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 20; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                unpooled.release();
            }
        }
        assertThat(RecordingLeakDetector.drainLeaks()).as("ByteBuf leaks").isEmpty();
    }
}
