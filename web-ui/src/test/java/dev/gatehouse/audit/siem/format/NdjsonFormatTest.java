package dev.gatehouse.audit.siem.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.siem.ExportedEvent;
import dev.gatehouse.audit.siem.SampleEvents;
import dev.gatehouse.proxy.audit.CanonicalJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NdjsonFormatTest {

    private final NdjsonFormat format = new NdjsonFormat();

    @Test
    void aStatementEventIsOneLineWithEveryDocumentedField() {
        String line = format.render(SampleEvents.statementExecuted());

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line).isEqualTo("{\"action\":\"statement.executed\","
                + "\"actor\":{\"address\":\"10.1.2.3\",\"kind\":\"human\",\"name\":\"alice\"},"
                + "\"details\":{\"commandTags\":[\"SELECT 2\"],\"decision\":\"ALLOW\",\"decisionRule\":null,\"durationMicros\":1532,"
                + "\"error\":null,\"parameterCount\":0,\"parameters_sha256\":\"" + "b".repeat(64) + "\",\"protocolMode\":\"simple\","
                + "\"rows\":2,\"sequence\":3,\"sessionId\":\"" + SampleEvents.SESSION + "\",\"sqlState\":null,"
                + "\"sql_sha256\":\"" + "a".repeat(64) + "\"},"
                + "\"hash\":\"" + "c".repeat(64) + "\",\"outcome\":\"success\",\"prev_hash\":\"" + "d".repeat(64) + "\","
                + "\"seq\":42,\"statement\":\"select id, amount from payments where id in (1, 2)\","
                + "\"target\":{\"id\":null,\"name\":\"payments-prod\",\"type\":\"connection\"},"
                + "\"time\":\"2025-01-06T10:15:30.123456Z\"}");
    }

    @Test
    void timeAlwaysHasSixFractionalDigitsInUtc() {
        ExportedEvent onTheSecond = withTime(SampleEvents.connectionCreated(), "2025-01-06T10:15:30Z");

        assertThat(json(format.render(onTheSecond)).get("time")).isEqualTo("2025-01-06T10:15:30.000000Z");
    }

    @Test
    void purgedDetailsAndStatementAreNullButStillThere() {
        Map<String, Object> json = json(format.render(SampleEvents.purged()));

        assertThat(json).containsEntry("details", null).containsEntry("statement", null).containsKey("hash");
    }

    @Test
    void onlyStatementEventsHaveAStatementField() {
        assertThat(json(format.render(SampleEvents.connectionCreated()))).doesNotContainKey("statement");
        assertThat(json(format.render(SampleEvents.guardrailAlert()))).containsEntry("statement", null);
    }

    @Test
    void controlCharactersInTextAreEscapedSoARecordStaysOneLine() {
        ExportedEvent multiLine = new ExportedEvent(9, SampleEvents.AT, "alice", "human", null, "statement.executed", "connection", null,
                "payments-prod", "success", Map.of("sessionId", SampleEvents.SESSION), "select 1;\nselect 2;\r\n\tselect \"x\"", "h", "p");

        String line = format.render(multiLine);

        assertThat(line).doesNotContain("\n").contains("select 1;\\u000aselect 2;\\u000d\\u000a\\u0009select \\\"x\\\"");
        assertThat(json(line).get("statement")).isEqualTo("select 1;\nselect 2;\r\n\tselect \"x\"");
    }

    @Test
    void numbersStayNumbers() {
        Map<String, Object> json = json(format.render(SampleEvents.statementExecuted()));

        assertThat(json.get("seq")).isEqualTo(new BigDecimal("42"));
        assertThat(((Map<?, ?>) json.get("details")).get("rows")).isEqualTo(new BigDecimal("2"));
        assertThat(((Map<?, ?>) json.get("details")).get("commandTags")).isEqualTo(List.of("SELECT 2"));
    }

    @Test
    void batchesAreSentAsNdjson() {
        assertThat(format.mediaType()).isEqualTo("application/x-ndjson");
    }

    static ExportedEvent withTime(ExportedEvent e, String time) {
        return new ExportedEvent(e.seq(), java.time.Instant.parse(time), e.actor(), e.actorKind(), e.clientAddress(), e.action(),
                e.targetType(), e.targetId(), e.targetName(), e.outcome(), e.details(), e.statementText(), e.hash(), e.prevHash());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return (Map<String, Object>) CanonicalJson.parse(text);
    }
}
