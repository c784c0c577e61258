package dev.gatehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessVariablesTest {

    @Test
    void boundValuesSurvivePackingWhateverTheyHold() {
        List<String> values = List.of("'1'", "'two\nlines: 3:x'", "", "NULL", "7 binary:00000007 (type 23)");
        assertThat(ProcessVariables.unpackParameters(ProcessVariables.packParameters(values))).isEqualTo(values);
    }

    @Test
    void aMalformedPackIsShownRatherThanLost() {
        assertThat(ProcessVariables.unpackParameters("3:'1'99:short")).containsExactly("'1'", "99:short");
        assertThat(ProcessVariables.unpackParameters(null)).isEmpty();
    }
}
