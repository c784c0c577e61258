package dev.gatehouse.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

    @Test
    void dailyByDefaultFirstAfterFiveMinutesInBatchesOfAThousand() {
        RetentionSettings settings = RetentionSettings.from(Map.of());

        assertThat(settings.purgeInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.firstDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.batchSize()).isEqualTo(1000);
        assertThat(settings.scheduled()).isTrue();
    }

    @Test
    void zeroTurnsTheScheduleOff() {
        assertThat(RetentionSettings.from(Map.of("GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS", "0")).scheduled()).isFalse();
    }

    @Test
    void theFirstRunIsNeverLaterThanTheInterval() {
        RetentionSettings settings = RetentionSettings.from(Map.of("GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS", "60",
                "GATEHOUSE_RETENTION_PURGE_BATCH", "50"));

        assertThat(settings.firstDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.batchSize()).isEqualTo(50);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> RetentionSettings.from(Map.of("GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS", "daily")))
                .hasMessageContaining("GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS");
        assertThatThrownBy(() -> RetentionSettings.from(Map.of("GATEHOUSE_RETENTION_PURGE_BATCH", "0")))
                .hasMessageContaining("GATEHOUSE_RETENTION_PURGE_BATCH");
    }
}
