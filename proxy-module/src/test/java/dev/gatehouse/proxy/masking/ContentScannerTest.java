package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ContentScannerTest {

    private static final byte[] KEY = "k-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final MaskingRule SSN_REDACT = rule("ssn", Detector.Kind.US_SSN, new MaskMethod.Redact("[SSN]"));
    private static final MaskingRule ROUTING_PARTIAL = rule("aba", Detector.Kind.US_ROUTING_NUMBER,
            new MaskMethod.Partial(0, 4, '#'));
    private static final MaskingRule CARD_PARTIAL = rule("pan", Detector.Kind.PAYMENT_CARD, new MaskMethod.Partial(0, 4, '*'));
    private static final MaskingRule EMAIL_TOKEN = rule("email", Detector.Kind.EMAIL, new MaskMethod.Tokenize("k1"));

    @Test
    void textWithoutFindingsIsNotCopied() throws Exception {
        ContentScanner scanner = scanner(SSN_REDACT, CARD_PARTIAL, EMAIL_TOKEN);
        assertThat(scanner.active()).isTrue();
        assertThat(scan(scanner, "order 42 shipped to Zoë on 2026-11-26")).isNull();
        assertThat(scan(scanner, "")).isNull();
    }

    @Test
    void noRulesMeansInactive() throws Exception {
        ContentScanner scanner = new ContentScanner(List.of(), new ValueMasker(Map.of()));
        assertThat(scanner.active()).isFalse();
        assertThat(scan(scanner, "123-45-6789")).isNull();
    }

    @Test
    void masksEachFindingInPlaceAndCountsByRule() throws Exception {
        ContentScanner scanner = scanner(SSN_REDACT, CARD_PARTIAL);
        ContentScanner.Rewrite rewrite = scan(scanner, "Zoë’s SSN 123-45-6789, card 4111 1111 1111 1111, again 234-56-7890 ✓");
        assertThat(text(rewrite)).isEqualTo("Zoë’s SSN [SSN], card **** **** **** 1111, again [SSN] ✓");
        assertThat(rewrite.fired()).containsExactly(new ContentScanner.Fired(SSN_REDACT, 2), new ContentScanner.Fired(CARD_PARTIAL, 1));
    }

    @Test
    void overlappingFindingsAreMaskedOnceByTheEarlierRule() throws Exception {
        // 122105155 is a valid routing number and also an issuable SSN.
        assertThat(text(scan(scanner(SSN_REDACT, ROUTING_PARTIAL), "aba 122105155"))).isEqualTo("aba [SSN]");
        ContentScanner.Rewrite routingFirst = scan(scanner(ROUTING_PARTIAL, SSN_REDACT), "aba 122105155");
        assertThat(text(routingFirst)).isEqualTo("aba #####5155");
        assertThat(routingFirst.fired()).containsExactly(new ContentScanner.Fired(ROUTING_PARTIAL, 1));
    }

    @Test
    void customMatchCoveringABuiltInFindingMasksTheWholeSpanOnce() throws Exception {
        MaskingRule note = new MaskingRule("r-note", "note", new MaskTarget.Content(
                new Detector.Custom("ssn-note", Pattern.compile("ssn=[0-9-]+"))), new MaskMethod.Redact("[NOTE]"));
        ContentScanner.Rewrite rewrite = scan(scanner(SSN_REDACT, note), "x ssn=123-45-6789;y");
        assertThat(text(rewrite)).isEqualTo("x [SSN];y");
        assertThat(rewrite.fired()).containsExactly(new ContentScanner.Fired(SSN_REDACT, 1));
    }

    @Test
    void tokensOfFindingsEqualTokensOfTheSameValueInAColumn() throws Exception {
        ValueMasker masker = new ValueMasker(Map.of("k1", KEY));
        ContentScanner scanner = new ContentScanner(List.of(EMAIL_TOKEN), masker);
        String token = new String(masker.mask(new MaskMethod.Tokenize("k1"), PgTypes.TEXT, false,
                "ada@example.org".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(token).matches("tok_[a-z2-7]{16}");
        assertThat(text(scan(scanner, "to: ada@example.org, cc: ada@example.org")))
                .isEqualTo("to: " + token + ", cc: " + token);
    }

    @Test
    void keepsJsonValidWhereAFindingWasABareNumber() throws Exception {
        ContentScanner scanner = scanner(SSN_REDACT, CARD_PARTIAL);
        assertThat(text(scan(scanner, "{\"ssn\": 123456789, \"pan\": [4111111111111111]}")))
                .isEqualTo("{\"ssn\": \"[SSN]\", \"pan\": [\"************1111\"]}");
        assertThat(text(scan(scanner, "{\"ssn\":\"123-45-6789\"}"))).isEqualTo("{\"ssn\":\"[SSN]\"}");
        byte[] bare = "123456789".getBytes(StandardCharsets.UTF_8);
        assertThat(text(scanner.scan(bare, 0, bare.length, true))).isEqualTo("\"[SSN]\"");
        assertThat(text(scanner.scan(bare, 0, bare.length, false))).isEqualTo("[SSN]");
    }

    @Test
    void nullifyInsideTextWritesThePlaceholder() throws Exception {
        MaskingRule nullSsn = rule("ssn-null", Detector.Kind.US_SSN, new MaskMethod.Nullify());
        assertThat(text(scan(scanner(nullSsn), "ssn 123-45-6789"))).isEqualTo("ssn [REDACTED]");
    }

    @Test
    void hashOfAFindingIsItsSha256() throws Exception {
        MaskingRule hashed = rule("ssn-hash", Detector.Kind.US_SSN, new MaskMethod.Hash());
        assertThat(text(scan(scanner(hashed), "(123-45-6789)")))
                .isEqualTo("(" + Tokens.hex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("123-45-6789".getBytes(StandardCharsets.US_ASCII))) + ")");
    }

    @Test
    void scansOnlyTheGivenSliceOfTheArray() throws Exception {
        byte[] frame = "123-45-6789|ok 234-56-7890|987-65-4321".getBytes(StandardCharsets.UTF_8);
        ContentScanner.Rewrite rewrite = scanner(SSN_REDACT).scan(frame, 12, 14);
        assertThat(text(rewrite)).isEqualTo("ok [SSN]");
    }

    @Test
    void missingKeyFailsWithoutTheValueOrTheKey() {
        ContentScanner scanner = new ContentScanner(List.of(EMAIL_TOKEN), new ValueMasker(Map.of("other", KEY)));
        assertThatThrownBy(() -> scan(scanner, "mail ada@example.org"))
                .isInstanceOf(UnmaskableValueException.class)
                .hasMessageContaining("k1")
                .hasMessageNotContaining("ada@example.org");
    }

    @Test
    void customDetectorOnInvalidUtf8FailsClosed() {
        MaskingRule custom = new MaskingRule("r-c", "c", new MaskTarget.Content(new Detector.Custom("x", Pattern.compile("x"))),
                new MaskMethod.Redact("[X]"));
        byte[] broken = {'a', (byte) 0xc3, '(', 'x'};
        assertThatThrownBy(() -> scanner(custom).scan(broken, 0, broken.length))
                .isInstanceOf(UnmaskableValueException.class);
    }

    @Test
    void customDetectorThatBacktracksForeverFailsClosed() {
        MaskingRule evil = new MaskingRule("r-evil", "evil", new MaskTarget.Content(
                new Detector.Custom("evil", Pattern.compile("(.*a){20}!x"))), new MaskMethod.Redact("[X]"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> scan(scanner(evil), "a".repeat(50) + "!"))
                .isInstanceOf(UnmaskableValueException.class).hasMessageContaining("longer than");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    static MaskingRule rule(String name, Detector.Kind kind, MaskMethod method) {
        return new MaskingRule("r-" + name, name, new MaskTarget.Content(new Detector.BuiltIn(kind)), method);
    }

    private static ContentScanner scanner(MaskingRule... rules) {
        return new ContentScanner(List.of(rules), new ValueMasker(Map.of("k1", KEY)));
    }

    private static ContentScanner.Rewrite scan(ContentScanner scanner, String text) throws UnmaskableValueException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return scanner.scan(utf8, 0, utf8.length);
    }

    private static String text(ContentScanner.Rewrite rewrite) {
        assertThat(rewrite).isNotNull();
        return new String(rewrite.utf8(), StandardCharsets.UTF_8);
    }
}
