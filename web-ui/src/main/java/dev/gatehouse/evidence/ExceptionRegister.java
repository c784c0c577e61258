package dev.gatehouse.evidence;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Exceptions tracked per control, carried from pack to pack: the cause, the owner of the fix, the
 * due date and the status. Every change is an audit event; every pack lists the exceptions open at
 * any time in its period under their control.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ExceptionRegister {

    public static final Set<String> STATUSES = Set.of("open", "remediating", "closed", "risk_accepted");
    private static final String TARGET = "evidence_exception";
    private static final String COLUMNS = "id, control, cause, owner, due_date, status, opened_by, opened_at, updated_by, updated_at, resolution";

    /** One tracked exception as the register holds it. */
    public record TrackedException(UUID id, String control, String cause, String owner, LocalDate dueDate, String status, String openedBy,
            Instant openedAt, String updatedBy, Instant updatedAt, String resolution) {
    }

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AuditLog audit;

    public TrackedException open(FfiecControl control, String cause, String owner, LocalDate due, Actor by) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        work(c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into evidence_exception (id, control, cause, owner, due_date, status,"
                    + " opened_by, opened_at) values (?, ?, ?, ?, ?, 'open', ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, control.name());
                insert.setString(3, cause);
                insert.setString(4, owner);
                insert.setDate(5, Date.valueOf(due));
                insert.setString(6, by.name());
                insert.setTimestamp(7, Timestamp.from(now));
                insert.executeUpdate();
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("control", control.name());
        details.put("cause", cause);
        details.put("owner", owner);
        details.put("dueDate", due.toString());
        details.put("status", "open");
        audit.append(by, "evidence.exception_opened", TARGET, id.toString(), control.name(), "success", details);
        return find(id).orElseThrow();
    }

    public Optional<TrackedException> update(UUID id, String status, String owner, LocalDate due, String resolution, Actor by) {
        Optional<TrackedException> before = find(id);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        TrackedException was = before.get();
        String newStatus = status == null ? was.status() : status;
        String newOwner = owner == null ? was.owner() : owner;
        LocalDate newDue = due == null ? was.dueDate() : due;
        String newResolution = resolution == null ? was.resolution() : resolution;
        work(c -> {
            try (PreparedStatement update = c.prepareStatement("update evidence_exception set status = ?, owner = ?, due_date = ?, resolution = ?,"
                    + " updated_by = ?, updated_at = ?, closed_at = case when ? in ('closed', 'risk_accepted') then coalesce(closed_at, ?) else null end"
                    + " where id = ?")) {
                update.setString(1, newStatus);
                update.setString(2, newOwner);
                update.setDate(3, Date.valueOf(newDue));
                update.setString(4, newResolution);
                update.setString(5, by.name());
                update.setTimestamp(6, Timestamp.from(now));
                update.setString(7, newStatus);
                update.setTimestamp(8, Timestamp.from(now));
                update.setObject(9, id);
                update.executeUpdate();
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", newStatus);
        details.put("owner", newOwner);
        details.put("dueDate", newDue.toString());
        details.put("before", "status=" + was.status() + "; owner=" + was.owner() + "; dueDate=" + was.dueDate());
        if (newResolution != null) {
            details.put("resolution", newResolution);
        }
        audit.append(by, "evidence.exception_updated", TARGET, id.toString(), was.control(), "success", details);
        return find(id);
    }

    public Optional<TrackedException> find(UUID id) {
        List<TrackedException> found = query("select " + COLUMNS + " from evidence_exception where id = ?", id);
        return found.stream().findFirst();
    }

    public List<TrackedException> all() {
        return query("select " + COLUMNS + " from evidence_exception order by opened_at, id", null);
    }

    private List<TrackedException> query(String sql, UUID id) {
        List<TrackedException> rows = new ArrayList<>();
        work(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                if (id != null) {
                    select.setObject(1, id);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new TrackedException(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getDate(5).toLocalDate(), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9),
                                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getString(11)));
                    }
                }
            }
        });
        return rows;
    }

    private interface Work {
        void on(Connection connection) throws SQLException;
    }

    private void work(Work work) {
        em.unwrap(Session.class).doWork(work::on);
    }
}
