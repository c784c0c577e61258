package dev.gatehouse.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledProgressTest {

    private final List<String> written = new ArrayList<>();
    private long nanos;
    private final ThrottledProgress progress = new ThrottledProgress((stage, percent) -> written.add(stage + " " + percent),
            Duration.ofMillis(250), () -> nanos);

    @Test
    void theFirstReportIsWrittenAndReportsWithinTheIntervalAreNot() {
        progress.at("collecting", 1);
        advance(100);
        progress.at("collecting", 2);
        advance(100);
        progress.at("collecting", 3);

        assertThat(written).containsExactly("collecting 1");
    }

    @Test
    void onceTheIntervalPassedTheLatestStageAndHighestPercentAreWritten() {
        progress.at("collecting", 1);
        advance(200);
        progress.at("collecting", 9);
        advance(60);
        progress.at("writing the report", 12);

        assertThat(written).containsExactly("collecting 1", "writing the report 12");
    }

    @Test
    void aThousandReportsInASecondAreAtMostFiveWrites() {
        for (int i = 0; i < 1000; i++) {
            progress.at("rows", i / 10);
            advance(1);
        }
        assertThat(written).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void progressNeverGoesBackwards() {
        progress.at("collecting", 40);
        advance(300);
        progress.at("a builder's late report", 30);
        advance(300);
        progress.at("negative", -5);

        assertThat(written).containsExactly("collecting 40", "a builder's late report 40", "negative 40");
        assertThat(progress.percent()).isEqualTo(40);
    }

    @Test
    void hundredIsAlwaysWrittenAndNothingGoesPastIt() {
        progress.at("collecting", 10);
        advance(10);
        progress.at("sealing", 150);

        assertThat(written).containsExactly("collecting 10", "sealing 100");
    }

    private void advance(long millis) {
        nanos += Duration.ofMillis(millis).toNanos();
    }
}
