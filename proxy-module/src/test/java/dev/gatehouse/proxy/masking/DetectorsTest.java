package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each built-in detector on valid values, on the same values with a digit changed, and at word boundaries. */
class DetectorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "US_SSN | ssn 123-45-6789 on file | 123-45-6789",
        "US_SSN | ssn:123456789. | 123456789",
        "US_SSN | 078 05 1120 | 078 05 1120",
        "PAYMENT_CARD | card 4111111111111111 exp | 4111111111111111",
        "PAYMENT_CARD | card 4111 1111 1111 1111 2029 | 4111 1111 1111 1111",
        "PAYMENT_CARD | amex 3782-822463-10005. | 3782-822463-10005",
        "PAYMENT_CARD | {\"pan\":\"5555555555554444\"} | 5555555555554444",
        "IBAN | pay GB82WEST12345698765432 now | GB82WEST12345698765432",
        "IBAN | DE89 3704 0044 0532 0130 00 EUR | DE89 3704 0044 0532 0130 00",
        "EMAIL | mail: <jane.doe+tag@example.co.uk>. | jane.doe+tag@example.co.uk",
        "EMAIL | {\"e\":\"a@b.io\"} | a@b.io",
        "PHONE | call +14155550123 | +14155550123",
        "PHONE | tel +44 20 7946 0958, ask | +44 20 7946 0958",
        "PHONE | (415) 555-0123 | (415) 555-0123",
        "PHONE | office 415-555-0123 | 415-555-0123",
        "PHONE | office 415.555.0123 | 415.555.0123",
        "PHONE | +1 (415) 555-0123 | +1 (415) 555-0123",
        "PHONE | 1-415-555-0123 | 1-415-555-0123",
        "US_ROUTING_NUMBER | aba 011000015 | 011000015",
        "US_ROUTING_NUMBER | aba 021000021; | 021000021",
        "US_ROUTING_NUMBER | (122105155) | 122105155",
        // Digit-aware (issue 16): a letter touching the number does not hide it; concat('x', ssn) is all it takes.
        "US_SSN | x078-05-1120 | 078-05-1120",
        "US_SSN | ssn536228147x | 536228147",
        "PAYMENT_CARD | pan4111111111111111end | 4111111111111111",
        "US_ROUTING_NUMBER | aba021000021z | 021000021",
        "PHONE | tel+14155550123 | +14155550123",
        "PHONE | x415-555-0123y | 415-555-0123",
    })
    void findsValidValues(Detector.Kind kind, String text, String expected) throws Exception {
        assertThat(find(new Detector.BuiltIn(kind), text)).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "US_SSN | 000-12-3456 and 666-12-3456 and 912-34-5678",
        "US_SSN | 123-00-4567 and 123-45-0000 and 123456780000",
        "US_SSN | 0123-45-6789 or 123-45-67890 or 123-45_6789",
        "PAYMENT_CARD | 4111111111111112 and 4111 1111 1111 1121",
        "PAYMENT_CARD | 5555555555554445 and 3782-822463-10006",
        "PAYMENT_CARD | 41111111111111110000 (20 digits) and 411111111111 (12)",
        "IBAN | GB82WEST12345698765433 and DE89370400440532013001",
        "IBAN | de89370400440532013000 lower-case country",
        "EMAIL | a@b, @example.com, user@localhost, x@y.c",
        "PHONE | +1234567 (7 digits), 415-555-012, 115-555-0123, 4155550123",
        "US_ROUTING_NUMBER | 011000016 and 021000022 and 0110000150",
        "US_ROUTING_NUMBER | 122105156 and 122105165",
    })
    void ignoresInvalidValues(Detector.Kind kind, String text) throws Exception {
        assertThat(find(new Detector.BuiltIn(kind), text)).isEmpty();
    }

    @Test
    void findsSeveralInOneText() throws Exception {
        assertThat(find(new Detector.BuiltIn(Detector.Kind.US_SSN), "123-45-6789,234-56-7890;345678901"))
                .containsExactly("123-45-6789", "234-56-7890", "345678901");
    }

    @Test
    void findsNextToMultiByteCharacters() throws Exception {
        assertThat(find(new Detector.BuiltIn(Detector.Kind.US_SSN), "Zoë№123-45-6789€")).containsExactly("123-45-6789");
        assertThat(find(new Detector.BuiltIn(Detector.Kind.EMAIL), "ü:ada@example.org→")).containsExactly("ada@example.org");
    }

    @Test
    void customDetectorMatchesOnDecodedText() throws Exception {
        Detector employee = new Detector.Custom("employee-id", Pattern.compile("EMP-\\d{5}"));
        assertThat(find(employee, "Zoë EMP-12345 and 💡EMP-54321")).containsExactly("EMP-12345", "EMP-54321");
        Detector accented = new Detector.Custom("name", Pattern.compile("Zoë \\p{L}+"));
        assertThat(find(accented, "💡Zoë Ångström!")).containsExactly("Zoë Ångström");
    }

    static List<String> find(Detector detector, String text) throws UnmaskableValueException {
        byte[] utf8 = ("\u00e9" + text).getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        Finder.of(detector).find(utf8, 2, utf8.length, (start, end) ->
                found.add(new String(utf8, start, end - start, StandardCharsets.UTF_8)));
        return found;
    }
}
