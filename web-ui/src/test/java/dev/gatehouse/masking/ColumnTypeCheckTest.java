package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.MaskMethod;
import org.junit.jupiter.api.Test;

class ColumnTypeCheckTest {

    private static final CatalogColumn SSN = new CatalogColumn("public", "customers", "ssn");
    private static final int TEXT = 25;
    private static final int POINT = 600;

    @Test
    void aColumnTheTargetDoesNotHaveIsRefusedOnTheColumnField() {
        assertThat(ColumnTypeCheck.judge(SSN, null, new MaskMethod.Redact("x")))
                .get().extracting(FieldError::field, FieldError::message)
                .containsExactly("column", "the target has no column public.customers.ssn");
    }

    @Test
    void aTypeTheMethodCannotMaskIsRefusedAndTheNullMethodSuggested() {
        assertThat(ColumnTypeCheck.judge(SSN, new ColumnTypeCheck.ColumnType(POINT, "point"), new MaskMethod.Partial(0, 4, '*')))
                .get().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("method");
                    assertThat(error.message()).contains("point").contains("null method");
                });
    }

    @Test
    void supportedTypesAndTheNullMethodPass() {
        assertThat(ColumnTypeCheck.judge(SSN, new ColumnTypeCheck.ColumnType(TEXT, "text"), new MaskMethod.Partial(0, 4, '*'))).isEmpty();
        assertThat(ColumnTypeCheck.judge(SSN, new ColumnTypeCheck.ColumnType(POINT, "point"), new MaskMethod.Nullify())).isEmpty();
    }
}
