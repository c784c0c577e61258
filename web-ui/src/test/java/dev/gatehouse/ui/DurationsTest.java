package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void roundsDownToTheLargestTwoUnitsPeopleRead() {
        assertThat(Durations.human(Duration.ofSeconds(59))).isEqualTo("under a minute");
        assertThat(Durations.human(Duration.ofMinutes(4))).isEqualTo("4m");
        assertThat(Durations.human(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Durations.human(Duration.ofMinutes(192).plusSeconds(30))).isEqualTo("3h 12m");
        assertThat(Durations.human(Duration.ofHours(51))).isEqualTo("2d 3h");
    }
}
