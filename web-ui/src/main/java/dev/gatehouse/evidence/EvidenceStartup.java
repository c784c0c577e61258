package dev.gatehouse.evidence;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Once the schema is migrated: packs a previous process left unfinished fail as "interrupted by a gateway restart". */
@Startup
@Singleton
@DependsOn("StartupChecks")
public class EvidenceStartup {

    @Inject
    EvidencePacks packs;

    @PostConstruct
    void recover() {
        packs.failInterrupted();
    }
}
