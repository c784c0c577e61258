package dev.gatehouse.audit.siem.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.siem.ExportOrigin;
import dev.gatehouse.audit.siem.ExportedEvent;
import dev.gatehouse.audit.siem.SampleEvents;
import dev.gatehouse.audit.siem.transport.OctetCounting;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CefSyslogFormatTest {

    private final CefSyslogFormat format = new CefSyslogFormat(new ExportOrigin("gw-1", "1.2.3"));

    @Test
    void aStatementBecomesAnRfc5424MessageCarryingCef() {
        String message = format.render(SampleEvents.statementExecuted());

        assertThat(message).isEqualTo("<110>1 2025-01-06T10:15:30.123456Z gw-1 gatehouse - statement.executed [gatehouse@32473 seq=\"42\"] "
                + "CEF:0|Gatehouse|Gatehouse|1.2.3|statement.executed|Statement Executed|3|"
                + "rt=1736158530123 suser=alice src=10.1.2.3 act=statement.executed outcome=success"
                + " cs1Label=connection cs1=payments-prod cs2Label=sessionId cs2=" + SampleEvents.SESSION
                + " cs4Label=decision cs4=ALLOW cs6Label=hash cs6=" + "c".repeat(64)
                + " cn1Label=seq cn1=42 cn2Label=rows cn2=2 cn3Label=durationMicros cn3=1532"
                + " request=select id, amount from payments where id in (1, 2)");
    }

    @Test
    void priorityAndCefSeverityFollowTheOutcome() {
        // facility 13 (log audit) * 8 + syslog severity; CEF severity 3 / 5 / 7.
        assertThat(format.render(SampleEvents.statementBlocked())).startsWith("<108>1 ").contains("|Statement Blocked|7|");
        assertThat(format.render(SampleEvents.simple(1, "auth.rejected", "x", "anonymous", "endpoint", null, "/api", "failure", Map.of())))
                .startsWith("<109>1 ").contains("|Auth Rejected|5|");
        assertThat(format.render(SampleEvents.guardrailAlert())).startsWith("<108>1 ").contains("|Guardrail Alert|7|");
    }

    @Test
    void anIpv6ClientGoesToTheSourceIpv6FieldAndARuleIsNamed() {
        String message = format.render(SampleEvents.statementBlocked());

        assertThat(message).contains(" c6a2Label=Source IPv6 Address c6a2=2001:db8::7 ").doesNotContain(" src=")
                .contains(" cs3Label=rule cs3=no-drop cs4Label=decision cs4=DENY ")
                .contains(" msg=blocked by guardrail no-drop: not on payments")
                .contains(" request=drop table payments");
    }

    @Test
    void extensionValuesEscapeBackslashEqualsAndLineBreaks() {
        ExportedEvent odd = SampleEvents.simple(5, "weird.thing", "some=one", "unknown", "thing", null, "odd | name = with\\stuff\nand lines",
                "failure", Map.of("error", "went = wrong | badly\r\nsecond\rthird"));

        String message = format.render(odd);

        assertThat(message).contains(" suser=some\\=one ")
                .contains(" cs5Label=target cs5=thing odd | name \\= with\\\\stuff\\nand lines ")
                .endsWith(" msg=went \\= wrong | badly\\nsecond\\rthird");
        assertThat(message).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void headerFieldsEscapePipesAndBackslashesAndNeverBreakTheLine() {
        CefSyslogFormat odd = new CefSyslogFormat(new ExportOrigin("gw 1\n", "1.0|beta\\2\n"));

        String message = odd.render(SampleEvents.connectionCreated());

        assertThat(message).contains(" gw1 gatehouse ").contains("|Gatehouse|Gatehouse|1.0\\|beta\\\\2 |connection.created|");
        assertThat(CefText.header("a|b\\c\r\nd")).isEqualTo("a\\|b\\\\c  d");
        assertThat(CefText.extension("a=b\\c\nd\r\ne\rf")).isEqualTo("a\\=b\\\\c\\nd\\ne\\rf");
        assertThat(CefText.paramValue("a\"b]c\\d")).isEqualTo("a\\\"b\\]c\\\\d");
    }

    @Test
    void headerTokensArePrintableAsciiAndBounded() {
        assertThat(CefText.token("x".repeat(40), 32)).hasSize(32);
        assertThat(CefText.token(" \t", 32)).isEqualTo("-");
        assertThat(CefText.token(null, 255)).isEqualTo("-");
    }

    @Test
    void aLongStatementIsCutInTheRequestField() {
        ExportedEvent e = SampleEvents.statementExecuted();
        ExportedEvent huge = new ExportedEvent(e.seq(), e.occurredAt(), e.actor(), e.actorKind(), e.clientAddress(), e.action(),
                e.targetType(), e.targetId(), e.targetName(), e.outcome(), e.details(), "x".repeat(10_000), e.hash(), e.prevHash());

        assertThat(CefSyslogFormat.extensions(huge).get("request")).hasSize(CefSyslogFormat.MAX_STATEMENT_CHARS);
    }

    @Test
    void octetCountingPrefixesEachMessageWithItsLengthInBytes() {
        byte[] framed = OctetCounting.frame(List.of("abc", "é€", ""));

        assertThat(new String(framed, StandardCharsets.UTF_8)).isEqualTo("3 abc5 é€0 ");
    }

    @Test
    void everyKindOfEventRendersAsOneLine() {
        for (ExportedEvent e : SampleEvents.everyKind()) {
            String message = format.render(e);
            assertThat(message).as(e.action()).matches("<1\\d\\d>1 \\S+ gw-1 gatehouse - \\S+ \\[gatehouse@32473 seq=\"\\d+\"] CEF:0\\|.*")
                    .doesNotContain("\n");
        }
    }
}
