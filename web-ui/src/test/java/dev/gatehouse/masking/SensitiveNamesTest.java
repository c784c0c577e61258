package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensitiveNamesTest {

    @Test
    void regulatedDataIsRecognisedByName() {
        assertThat(SensitiveNames.hint("ssn")).contains("ssn");
        assertThat(SensitiveNames.hint("customer_ssn")).contains("ssn");
        assertThat(SensitiveNames.hint("cardPan")).contains("pan");
        assertThat(SensitiveNames.hint("contact_email")).contains("email");
        assertThat(SensitiveNames.hint("DateOfBirth")).contains("birth");
        assertThat(SensitiveNames.hint("iban")).contains("iban");
        assertThat(SensitiveNames.hint("account_number")).contains("account");
        assertThat(SensitiveNames.hint("mobile_phone")).contains("phone");
    }

    @Test
    void shortWordsMustStandAloneSoOrdinaryNamesAreNotFlagged() {
        assertThat(SensitiveNames.hint("company")).isEmpty();
        assertThat(SensitiveNames.hint("expand_mode")).isEmpty();
        assertThat(SensitiveNames.hint("destination")).isEmpty();
        assertThat(SensitiveNames.hint("id")).isEmpty();
    }
}
