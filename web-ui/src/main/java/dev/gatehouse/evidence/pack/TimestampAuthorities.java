package dev.gatehouse.evidence.pack;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * The timestamp authority evidence packs use, from GATEHOUSE_EVIDENCE_TSA_URL: none when unset (each
 * pack's VERIFY.txt then says it carries no independent timestamp); when set, a pack whose manifest
 * the authority does not timestamp is refused.
 */
@ApplicationScoped
public class TimestampAuthorities {

    public Timestamper configured() {
        String url = System.getenv().getOrDefault("GATEHOUSE_EVIDENCE_TSA_URL", "").trim();
        return url.isEmpty() ? null : new HttpTimestamper(URI.create(url));
    }
}
