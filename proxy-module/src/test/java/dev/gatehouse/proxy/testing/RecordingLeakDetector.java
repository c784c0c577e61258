package dev.gatehouse.proxy.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, but every report is also kept so a test can fail on it instead of a log
 * line nobody reads. Installed for the whole test JVM through the system property
 * {@code io.netty.customResourceLeakDetector} (set in the pom's surefire argLine).
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        installed = true;
    }

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    static boolean installed() {
        return installed;
    }

    /** The leaks reported since the last call; each is handed out once, so one leak fails one check. */
    static synchronized List<String> drainLeaks() {
        List<String> reported = List.copyOf(LEAKS);
        LEAKS.removeAll(reported);
        return reported;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked (no records)");
        super.reportUntracedLeak(resourceType);
    }
}
