package dev.gatehouse.audit.chain;

import dev.gatehouse.platform.GatehouseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The audit chain's settings, read once from the environment. */
@ApplicationScoped
public class AuditChainSettingsHolder {

    @Inject
    GatehouseSettings gatehouse;

    private AuditChainSettings settings;

    @PostConstruct
    void read() {
        settings = AuditChainSettings.from(System.getenv(), gatehouse.dataDir());
    }

    public AuditChainSettings get() {
        return settings;
    }
}
