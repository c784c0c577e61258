package dev.gatehouse.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceSettingsTest {

    private static final Path DATA = Path.of("/var/lib/gatehouse");

    @Test
    void packsLiveBesideTheOtherDataAndTwoAreBuiltAtOnceByDefault() {
        EvidenceSettings settings = EvidenceSettings.from(Map.of(), DATA);

        assertThat(settings.directory()).isEqualTo(DATA.resolve("evidence"));
        assertThat(settings.concurrency()).isEqualTo(2);
    }

    @Test
    void theEnvironmentChoosesTheDirectoryAndTheCap() {
        EvidenceSettings settings = EvidenceSettings.from(Map.of("GATEHOUSE_EVIDENCE_DIR", "/srv/evidence/",
                "GATEHOUSE_EVIDENCE_CONCURRENCY", "4"), DATA);

        assertThat(settings.directory()).isEqualTo(Path.of("/srv/evidence"));
        assertThat(settings.concurrency()).isEqualTo(4);
    }

    @Test
    void aCapBelowOneOrNotANumberIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> EvidenceSettings.from(Map.of("GATEHOUSE_EVIDENCE_CONCURRENCY", "0"), DATA))
                .hasMessageContaining("GATEHOUSE_EVIDENCE_CONCURRENCY");
        assertThatThrownBy(() -> EvidenceSettings.from(Map.of("GATEHOUSE_EVIDENCE_CONCURRENCY", "two"), DATA))
                .hasMessageContaining("GATEHOUSE_EVIDENCE_CONCURRENCY");
    }
}
