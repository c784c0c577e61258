package dev.gatehouse.evidence;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Management sign-off of a completed pack by a compliance officer (gatehouse-officer) who did not
 * generate it: name, title, date and statement, bound to the pack's SHA-256. Recorded as an audit
 * event; later packs list the sign-offs made in their period.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class PackSignoffs {

    /** Why a sign-off was refused, said to the officer. */
    public static final class SignoffRefused extends RuntimeException {
        public SignoffRefused(String message) {
            super(message);
        }
    }

    public record Signoff(UUID id, UUID packId, String officer, String officerName, String title, String statement, String packSha256,
            Instant signedAt) {
    }

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AuditLog audit;

    public Signoff signOff(EvidencePack pack, String officerName, String title, String statement, Actor officer) {
        if (!pack.completed()) {
            throw new SignoffRefused("only a completed pack can be signed off; this one is " + pack.status().wireName());
        }
        if (pack.requestedBy().equals(officer.name())) {
            throw new SignoffRefused(officer.name() + " generated this pack and cannot also sign it off: the sign-off must be independent");
        }
        Signoff signoff = new Signoff(UUID.randomUUID(), pack.id(), officer.name(), officerName, title, statement, pack.sha256(), Instant.now());
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into evidence_signoff (id, pack_id, officer, officer_name, title, statement,"
                    + " pack_sha256, signed_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (pack_id, officer) do nothing")) {
                insert.setObject(1, signoff.id());
                insert.setObject(2, pack.id());
                insert.setString(3, officer.name());
                insert.setString(4, officerName);
                insert.setString(5, title);
                insert.setString(6, statement);
                insert.setString(7, pack.sha256());
                insert.setTimestamp(8, Timestamp.from(signoff.signedAt()));
                if (insert.executeUpdate() == 0) {
                    throw new SignoffRefused(officer.name() + " has already signed this pack off");
                }
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("officerName", officerName);
        details.put("title", title);
        details.put("packSha256", pack.sha256());
        audit.append(officer, "evidence.signed_off", "evidence_pack", pack.id().toString(), null, "success", details);
        return signoff;
    }
}
