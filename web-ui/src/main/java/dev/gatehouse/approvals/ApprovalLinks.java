package dev.gatehouse.approvals;

import dev.gatehouse.platform.GatehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Where people follow a request: its page in the approvals inbox, under GATEHOUSE_PUBLIC_URL. */
@ApplicationScoped
public class ApprovalLinks {

    @Inject
    GatehouseSettings settings;

    public String request(String requestId) {
        String base = settings.publicUrl().orElseGet(() -> "http://localhost:"
                + Optional.ofNullable(System.getenv("GATEHOUSE_HTTP_PORT")).orElse("8080"));
        return base + "/approvals.xhtml?id=" + requestId;
    }
}
