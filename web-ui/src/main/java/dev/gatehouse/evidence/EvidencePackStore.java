package dev.gatehouse.evidence;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The evidence_pack rows and the audit events of each change of state, in one transaction each
 * (the audit row last: the chain lock is held until commit). JDBC on the transaction's connection,
 * since the row's text[] columns need nothing of an entity mapping.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class EvidencePackStore {

    static final String INTERRUPTED = "interrupted by a gateway restart";
    private static final String TARGET = "evidence_pack";
    private static final String COLUMNS = "id, requested_by, requested_at, period_from, period_to, connections, labels, controls, status,"
            + " progress, stage, started_at, finished_at, file_name, size_bytes, sha256, statements, error";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** Records the request (queued) and its evidence.requested event; committed before the job may start. */
    public void queued(UUID id, PackScope scope, Actor requester, Instant at) {
        work(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into evidence_pack (id, requested_by, requested_at, period_from,"
                    + " period_to, connections, labels, controls, status, progress, stage) values (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, 'queued')")) {
                insert.setObject(1, id);
                insert.setString(2, requester.name());
                insert.setObject(3, PackRows.timestamp(at));
                insert.setObject(4, PackRows.timestamp(scope.from()));
                insert.setObject(5, PackRows.timestamp(scope.to()));
                insert.setArray(6, connection.createArrayOf("text", scope.connections().toArray()));
                insert.setArray(7, connection.createArrayOf("text", scope.labels().toArray()));
                insert.setArray(8, connection.createArrayOf("text", scope.controls().stream().sorted().map(Enum::name).toArray()));
                insert.executeUpdate();
            }
        });
        audit.append(requester, "evidence.requested", TARGET, id.toString(), null, "success", PackRows.scopeDetails(scope));
    }

    public void running(UUID id, Instant at) {
        update("update evidence_pack set status = 'running', started_at = ?, stage = 'starting' where id = ? and status = 'queued'",
                PackRows.timestamp(at), id);
    }

    /** Never lowers the percent, even if reports overtake each other. */
    public void progress(UUID id, String stage, int percent) {
        update("update evidence_pack set progress = greatest(progress, ?), stage = ? where id = ? and status = 'running'",
                percent, PackRows.stage(stage), id);
    }

    public void completed(UUID id, String fileName, long size, String sha256, PackBuilder.BuiltPack built, Instant at) {
        update("update evidence_pack set status = 'completed', progress = 100, stage = 'completed', finished_at = ?, file_name = ?,"
                + " size_bytes = ?, sha256 = ?, statements = ? where id = ?", PackRows.timestamp(at), fileName, size, sha256, built.statements(), id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sha256", sha256);
        details.put("sizeBytes", size);
        details.put("statements", built.statements());
        if (built.manifestSha256() != null) {
            details.put("manifestSha256", built.manifestSha256());
        }
        audit.append(Actor.SYSTEM, "evidence.generated", TARGET, id.toString(), fileName, "success", details);
    }

    public void failed(UUID id, String error, Instant at) {
        update("update evidence_pack set status = 'failed', stage = 'failed', finished_at = ?, error = ? where id = ?",
                PackRows.timestamp(at), error, id);
        audit.append(Actor.SYSTEM, "evidence.failed", TARGET, id.toString(), null, "failure", Map.of("error", error));
    }

    /** Rows a previous process left queued or running can never finish: they fail, each with its audit event. */
    public List<UUID> failLeftovers(Instant at) {
        List<UUID> ids = new ArrayList<>();
        work(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update evidence_pack set status = 'failed', stage = 'failed',"
                    + " finished_at = ?, error = ? where status in ('queued', 'running') returning id")) {
                update.setObject(1, PackRows.timestamp(at));
                update.setString(2, INTERRUPTED);
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        ids.forEach(id -> audit.append(Actor.SYSTEM, "evidence.failed", TARGET, id.toString(), null, "failure", Map.of("error", INTERRUPTED)));
        return ids;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EvidencePack> find(UUID id) {
        return select("select " + COLUMNS + " from evidence_pack where id = ?", id).stream().findFirst();
    }

    /** Newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EvidencePack> latest(int limit) {
        return select("select " + COLUMNS + " from evidence_pack order by requested_at desc, id limit ?", limit);
    }

    private List<EvidencePack> select(String sql, Object parameter) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setObject(1, parameter);
                try (ResultSet rows = query.executeQuery()) {
                    List<EvidencePack> packs = new ArrayList<>();
                    while (rows.next()) {
                        packs.add(PackRows.read(rows));
                    }
                    return packs;
                }
            }
        });
    }

    private void update(String sql, Object... parameters) {
        work(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    update.setObject(i + 1, parameters[i]);
                }
                update.executeUpdate();
            }
        });
    }

    private interface Work {
        void on(Connection connection) throws SQLException;
    }

    private void work(Work work) {
        em.unwrap(Session.class).doWork(work::on);
    }
}
