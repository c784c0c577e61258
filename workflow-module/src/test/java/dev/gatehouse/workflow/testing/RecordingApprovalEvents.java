package dev.gatehouse.workflow.testing;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event; tests look only at the events of the requests they started. */
public final class RecordingApprovalEvents implements ApprovalEvents {

    private final List<ApprovalEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(ApprovalEvent event) {
        events.add(event);
    }

    public List<ApprovalEvent> of(String requestId) {
        return events.stream().filter(event -> requestId.equals(event.requestId())).toList();
    }

    public <T extends ApprovalEvent> List<T> of(String requestId, Class<T> type) {
        return of(requestId).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
