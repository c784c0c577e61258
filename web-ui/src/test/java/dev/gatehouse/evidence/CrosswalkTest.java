package dev.gatehouse.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.evidence.Crosswalk.Framework;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crosswalk is data: every control cites FFIEC and the other frameworks, the docs table is that data, and bad data is refused. */
class CrosswalkTest {

    @Test
    void everyControlCitesItsFfiecSectionProcedureAndGuidanceTopicAndTheOtherFrameworks() {
        Crosswalk crosswalk = Crosswalk.bundled();
        for (FfiecControl control : FfiecControl.values()) {
            assertThat(crosswalk.of(control).keySet()).as(control.name()).containsExactly(Framework.values());
        }
        assertThat(crosswalk.of(FfiecControl.C13).get(Framework.NYDFS_500)).containsExactly("23 NYCRR 500.12");
        assertThat(crosswalk.of(FfiecControl.C13).get(Framework.PCI_DSS_4)).containsExactly("8.4; 8.6");
        assertThat(crosswalk.of(FfiecControl.C7).get(Framework.SOC2)).containsExactly("CC8.1");
        assertThat(crosswalk.of(FfiecControl.C7).get(Framework.FFIEC_IT_HANDBOOK).getFirst()).contains("II.C.10");
    }

    @Test
    void theDocsTableIsTheData() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "evidence-crosswalk.md"));
        Crosswalk crosswalk = Crosswalk.bundled();
        for (FfiecControl control : FfiecControl.values()) {
            String row = docs.lines().filter(l -> l.startsWith("| " + control.name() + " |")).findFirst().orElseThrow();
            for (List<String> refs : crosswalk.of(control).values()) {
                refs.forEach(ref -> assertThat(row).as(control.name()).contains(ref.replace("16 CFR ", "").replace("23 NYCRR ", "")));
            }
        }
    }

    @Test
    void anUnknownFrameworkOrAMissingFfiecReferenceIsRefusedNamingTheLine() {
        String header = "control,framework,reference\n";
        assertThatThrownBy(() -> Crosswalk.parse("bank.csv", (header + "C1,ISO-27001,A.9.2\n").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crosswalk bank.csv line 2: unknown framework 'ISO-27001'");
        assertThatThrownBy(() -> Crosswalk.parse("bank.csv", (header + "C99,SOC2,CC6.1\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("line 2: unknown control 'C99'");
        assertThatThrownBy(() -> Crosswalk.parse("bank.csv", (header + "C1,SOC2,CC6.1\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("C1 has no FFIEC-IT-HANDBOOK reference");
        assertThatThrownBy(() -> Crosswalk.parse("bank.csv", "c,f,r\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("must start with the header");
    }
}
