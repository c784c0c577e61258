package dev.gatehouse.ui;

import dev.gatehouse.recording.RecordedSession;
import dev.gatehouse.recording.ResultPage;
import dev.gatehouse.recording.SessionFilter;
import dev.gatehouse.recording.SessionHistory;
import dev.gatehouse.recording.SessionSummary;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs sessions.xhtml: recorded data-path sessions, newest first, loaded a page at a time because
 * a busy gateway records far more than a browser should hold.
 */
@Named
@ViewScoped
public class SessionsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionHistory history;

    private String connection;
    private String identity;
    private LocalDateTime from;
    private LocalDateTime to;
    private String status = "all";
    private final SessionRows rows = new SessionRows();

    /** Applies the filter form; the table starts again at its first page. */
    public void search() {
        var table = FacesContext.getCurrentInstance().getViewRoot().findComponent("list:sessions");
        if (table instanceof DataTable dataTable) {
            dataTable.setFirst(0);
        }
    }

    public void clear() {
        connection = null;
        identity = null;
        from = null;
        to = null;
        status = "all";
        search();
    }

    SessionFilter filter() {
        return new SessionFilter(blankToNull(connection), blankToNull(identity), from == null ? null : from.toInstant(ZoneOffset.UTC),
                to == null ? null : to.toInstant(ZoneOffset.UTC), switch (status) {
                    case "active" -> Boolean.TRUE;
                    case "ended" -> Boolean.FALSE;
                    default -> null;
                });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public LazyDataModel<SessionRow> getRows() {
        return rows;
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    public String getIdentity() {
        return identity;
    }

    public void setIdentity(String identity) {
        this.identity = identity;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status == null ? "all" : status;
    }

    /** Loads only the page the table shows, with the filter as it is at that moment. */
    private final class SessionRows extends LazyDataModel<SessionRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, history.count(filter()));
        }

        /** Also refreshes the total: PrimeFaces keeps the first count it got, but the filter or the data may have changed. */
        @Override
        public List<SessionRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            ResultPage<SessionSummary> page = history.sessions(filter(), first / pageSize, pageSize);
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.items().stream().map(SessionRow::of).toList();
        }

        @Override
        public String getRowKey(SessionRow row) {
            return row.id();
        }
    }

    /** One session flattened for the table; times already formatted in UTC. */
    public record SessionRow(String id, String shortId, String connection, String database, String identity, String kind,
            String clientAddress, boolean clientTls, String applicationName, String started, String duration, boolean active,
            long statements, String endReason) implements Serializable {

        static SessionRow of(SessionSummary summary) {
            RecordedSession s = summary.session();
            return new SessionRow(s.id().toString(), s.id().toString().substring(0, 8), s.connectionName(), s.database(), s.displayName(),
                    s.kind(), s.clientAddress(), s.clientTls(), s.applicationName(), RecordingFormat.dateTime(s.startedAt()),
                    RecordingFormat.span(s.startedAt(), s.endedAt()), s.active(), summary.statements(), s.endReason());
        }
    }
}
