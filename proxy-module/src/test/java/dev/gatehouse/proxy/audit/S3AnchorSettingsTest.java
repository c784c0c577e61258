package dev.gatehouse.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.audit.S3AnchorSettings.LockMode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3AnchorSettingsTest {

    private static final String SECRET = "s3-secret-value-123";

    @Test
    void withoutAnEndpointTheAnchorIsOff() {
        assertThat(S3AnchorSettings.from(Map.of("GATEHOUSE_AUDIT_S3_BUCKET", "b"))).isEmpty();
    }

    @Test
    void defaultsAreUsEast1ComplianceAnd400DaysWithNoPrefix() {
        S3AnchorSettings settings = S3AnchorSettings.from(minimal()).orElseThrow();

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://s3.example.com"));
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.lockMode()).isEqualTo(LockMode.COMPLIANCE);
        assertThat(settings.retainDays()).isEqualTo(400);
        assertThat(settings.prefix()).isEmpty();
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> env = minimal();
        env.put("GATEHOUSE_AUDIT_S3_ENDPOINT", "http://minio:9000/");
        env.put("GATEHOUSE_AUDIT_S3_PREFIX", "gatehouse/audit/");
        env.put("GATEHOUSE_AUDIT_S3_REGION", "eu-central-1");
        env.put("GATEHOUSE_AUDIT_S3_LOCK_MODE", "governance");
        env.put("GATEHOUSE_AUDIT_S3_RETAIN_DAYS", "2555");

        S3AnchorSettings settings = S3AnchorSettings.from(env).orElseThrow();

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://minio:9000"));
        assertThat(settings.prefix()).isEqualTo("gatehouse/audit/");
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.lockMode()).isEqualTo(LockMode.GOVERNANCE);
        assertThat(settings.retainDays()).isEqualTo(2555);
    }

    @Test
    void missingCredentialsNameTheVariable() {
        Map<String, String> env = minimal();
        env.remove("GATEHOUSE_AUDIT_S3_SECRET_ACCESS_KEY");

        assertThatThrownBy(() -> S3AnchorSettings.from(env)).hasMessageContaining("GATEHOUSE_AUDIT_S3_SECRET_ACCESS_KEY");
    }

    @Test
    void badValuesAreRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> S3AnchorSettings.from(with("GATEHOUSE_AUDIT_S3_LOCK_MODE", "forever")))
                .hasMessageContaining("GATEHOUSE_AUDIT_S3_LOCK_MODE");
        assertThatThrownBy(() -> S3AnchorSettings.from(with("GATEHOUSE_AUDIT_S3_RETAIN_DAYS", "0")))
                .hasMessageContaining("GATEHOUSE_AUDIT_S3_RETAIN_DAYS");
        assertThatThrownBy(() -> S3AnchorSettings.from(with("GATEHOUSE_AUDIT_S3_ENDPOINT", "ftp://host")))
                .hasMessageContaining("GATEHOUSE_AUDIT_S3_ENDPOINT");
        assertThatThrownBy(() -> S3AnchorSettings.from(with("GATEHOUSE_AUDIT_S3_ENDPOINT", "https://user:pw@host")))
                .hasMessageContaining("GATEHOUSE_AUDIT_S3_ENDPOINT");
        assertThatThrownBy(() -> S3AnchorSettings.from(with("GATEHOUSE_AUDIT_S3_BUCKET", "a/b")))
                .hasMessageContaining("GATEHOUSE_AUDIT_S3_BUCKET");
        assertThatThrownBy(() -> S3AnchorSettings.from(with("GATEHOUSE_AUDIT_S3_PREFIX", "/abs")))
                .hasMessageContaining("GATEHOUSE_AUDIT_S3_PREFIX");
    }

    @Test
    void theSecretIsNeverInTheTextFormNorInErrors() {
        assertThat(S3AnchorSettings.from(minimal()).orElseThrow().toString()).doesNotContain(SECRET).contains("AKIDEXAMPLE");
        assertThatThrownBy(() -> S3AnchorSettings.from(with("GATEHOUSE_AUDIT_S3_RETAIN_DAYS", "x"))).hasMessageNotContaining(SECRET);
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = minimal();
        env.put(name, value);
        return env;
    }

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_AUDIT_S3_ENDPOINT", "https://s3.example.com");
        env.put("GATEHOUSE_AUDIT_S3_BUCKET", "audit");
        env.put("GATEHOUSE_AUDIT_S3_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("GATEHOUSE_AUDIT_S3_SECRET_ACCESS_KEY", SECRET);
        return env;
    }
}
