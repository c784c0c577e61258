package dev.gatehouse.audit.siem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.catalog.FieldError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkValidatorTest {

    private static final Path DIR = Path.of("/var/lib/gatehouse/siem");

    @Test
    void completeSinksOfEveryFittingKindPass() {
        assertThat(errors(draft("ndjson", "file", "audit.ndjson", null))).isEmpty();
        assertThat(errors(draft("ocsf", "http", "https://collector.example.com/ingest?x=1", "t0ken"))).isEmpty();
        assertThat(errors(draft("hec", "http", "https://splunk:8088/services/collector/event", "abc-123"))).isEmpty();
        assertThat(errors(draft("cef", "tcp", "siem.example.com:601", null))).isEmpty();
        assertThat(errors(draft("cef", "tls", "[2001:db8::1]:6514", null))).isEmpty();
    }

    @Test
    void aFormatOverATransportItDoesNotFitIsAnErrorOnTransport() {
        assertThat(errors(draft("hec", "tcp", "splunk:9997", null))).extracting(FieldError::field).contains("transport");
        assertThat(errors(draft("ndjson", "tls", "x:1", null))).extracting(FieldError::message)
                .contains("format ndjson is sent over file, http, not tls");
    }

    @Test
    void unknownOrMissingChoicesNameTheField() {
        assertThat(errors(new SinkDraft("s", "xml", "pigeon", "x", null, false, true, null, null)))
                .containsExactly(new FieldError("format", "unknown format 'xml'; one of ndjson, ocsf, hec, cef"),
                        new FieldError("transport", "unknown transport 'pigeon'; one of file, http, tcp, tls"));
        assertThat(errors(new SinkDraft(null, null, null, null, null, false, true, null, null))).extracting(FieldError::field)
                .containsExactly("name", "format", "transport");
    }

    @Test
    void endpointsAreCheckedForTheirTransport() {
        assertThat(messages(draft("ndjson", "http", "ftp://x/", null))).containsExactly("endpoint must be an http:// or https:// URL");
        assertThat(messages(draft("ndjson", "http", "https://user:secret@x/", null)))
                .containsExactly("endpoint must not contain credentials; put the token in the token field");
        assertThat(messages(draft("cef", "tcp", "no-port", null))).containsExactly("endpoint must be host:port, e.g. siem.example.com:6514");
        assertThat(messages(draft("cef", "tcp", "x:70000", null))).containsExactly("endpoint port must be between 1 and 65535");
        assertThat(messages(draft("ndjson", "file", "../../etc/profile", null))).singleElement().asString().startsWith("endpoint must be a file inside");
        assertThat(messages(draft("ndjson", "file", "/etc/profile", null))).singleElement().asString().startsWith("endpoint must be a file inside");
        assertThat(errors(draft("ndjson", "file", "/var/lib/gatehouse/siem/sub/a.ndjson", null))).isEmpty();
        assertThat(messages(draft("ndjson", "file", " ", null))).containsExactly("endpoint is required");
    }

    @Test
    void tokensAreForHttpAndRequiredForHec() {
        assertThat(messages(draft("cef", "tcp", "x:1", "secret"))).containsExactly("token is only sent by http sinks");
        assertThat(messages(draft("hec", "http", "https://x/", null))).containsExactly("token is required for hec (the HEC token)");
        assertThat(messages(draft("hec", "http", "https://x/", "with space"))).containsExactly("token must not contain spaces or control characters");
        assertThat(messages(draft("hec", "http", "https://x/", "a\r\nX-Injected: 1"))).contains("token must not contain spaces or control characters");
        assertThat(SinkValidator.check(draft("hec", "http", "https://x/", null), false, true, DIR)).as("the stored token is kept").isEmpty();
        SinkDraft clearing = new SinkDraft("s", "hec", "http", "https://x/", null, true, true, null, null);
        assertThat(SinkValidator.check(clearing, false, true, DIR)).extracting(FieldError::field).containsExactly("token");
    }

    @Test
    void startAtIsBeginningOrNowAndOnlyOnCreate() {
        SinkDraft now = new SinkDraft("s", "cef", "tcp", "x:1", null, false, true, "now", null);
        assertThat(SinkValidator.check(now, true, false, DIR)).isEmpty();
        assertThat(SinkValidator.check(now, false, false, DIR)).extracting(FieldError::message)
                .containsExactly("can only be given when the sink is created");
        SinkDraft yesterday = new SinkDraft("s", "cef", "tcp", "x:1", null, false, true, "yesterday", null);
        assertThat(SinkValidator.check(yesterday, true, false, DIR)).extracting(FieldError::field).containsExactly("startAt");
    }

    @Test
    void aCaCertificateMustBePemAndFitTheTransport() {
        SinkDraft notPem = new SinkDraft("s", "cef", "tls", "x:6514", null, false, true, null, "hello");
        assertThat(errors(notPem)).extracting(FieldError::field).containsExactly("tlsCaCertificate");
        SinkDraft broken = new SinkDraft("s", "cef", "tls", "x:6514", null, false, true, null,
                "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        assertThat(errors(broken)).extracting(FieldError::field).containsExactly("tlsCaCertificate");
        SinkDraft plainHttp = new SinkDraft("s", "ndjson", "http", "http://x/", null, false, true, null,
                "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        assertThat(messages(plainHttp)).containsExactly("tlsCaCertificate is only used by tls sinks and https endpoints");
    }

    private static SinkDraft draft(String format, String transport, String endpoint, String token) {
        return new SinkDraft("sink-1", format, transport, endpoint, token, false, true, null, null);
    }

    private static List<FieldError> errors(SinkDraft draft) {
        return SinkValidator.check(draft, true, false, DIR);
    }

    private static List<String> messages(SinkDraft draft) {
        return errors(draft).stream().map(e -> e.field() + " " + e.message()).toList();
    }
}
