package dev.gatehouse.audit.siem.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.siem.ExportOrigin;
import dev.gatehouse.audit.siem.SampleEvents;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HecFormatTest {

    private final HecFormat format = new HecFormat(new ExportOrigin("gw-1.example.com", "1.2.3"));

    @Test
    void theEnvelopeCarriesTimeHostSourceSourcetypeAndTheNdjsonEvent() {
        String record = format.render(SampleEvents.connectionCreated());

        Map<String, Object> envelope = NdjsonFormatTest.json(record);
        assertThat(envelope).containsOnlyKeys("time", "host", "source", "sourcetype", "event");
        assertThat(envelope.get("time")).isEqualTo(new BigDecimal("1736158530.123456"));
        assertThat(envelope).containsEntry("host", "gw-1.example.com").containsEntry("source", "gatehouse")
                .containsEntry("sourcetype", "gatehouse:audit");
        assertThat(envelope.get("event")).isEqualTo(NdjsonFormatTest.json(new NdjsonFormat().render(SampleEvents.connectionCreated())));
        assertThat(record).startsWith("{\"event\":{\"action\":\"connection.created\"").endsWith(
                ",\"host\":\"gw-1.example.com\",\"source\":\"gatehouse\",\"sourcetype\":\"gatehouse:audit\",\"time\":1736158530.123456}");
    }

    @Test
    void aWholeSecondHasNoFraction() {
        String record = format.render(NdjsonFormatTest.withTime(SampleEvents.connectionCreated(), "2025-01-06T10:15:30Z"));

        assertThat(record).endsWith("\"time\":1736158530}");
    }

    @Test
    void recordsAreOneLineJson() {
        assertThat(format.render(SampleEvents.statementBlocked())).doesNotContain("\n");
        assertThat(format.mediaType()).isEqualTo("application/json");
    }
}
