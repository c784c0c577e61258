package dev.gatehouse.audit.chain;

import dev.gatehouse.proxy.audit.CheckpointAnchor;
import dev.gatehouse.proxy.audit.DirectoryAnchor;
import dev.gatehouse.proxy.audit.S3AnchorSettings;
import dev.gatehouse.proxy.audit.S3ObjectLockAnchor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The external anchors configured for this gateway: the directory by default, S3 Object Lock when set. */
@ApplicationScoped
public class AuditAnchors {

    @Inject
    AuditChainSettingsHolder settings;

    private List<CheckpointAnchor> configured;

    @PostConstruct
    void configure() {
        List<CheckpointAnchor> anchors = new ArrayList<>();
        settings.get().anchorDirectory().ifPresent(directory -> anchors.add(new DirectoryAnchor(directory)));
        // A bad S3 setting fails here, loudly: an anchor silently left out would look configured.
        S3AnchorSettings.from(System.getenv()).map(S3ObjectLockAnchor::new).ifPresent(anchors::add);
        configured = List.copyOf(anchors);
    }

    public List<CheckpointAnchor> configured() {
        return configured;
    }

    public List<String> kinds() {
        return configured.stream().map(CheckpointAnchor::kind).toList();
    }
}
