package dev.gatehouse.retention;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.api.RecordedEvent.SessionEnded;
import dev.gatehouse.proxy.api.RecordedEvent.SessionStarted;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.SessionRecorder;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Test-only servlet deployed with the application by {@link RetentionIT}. The audit table refuses
 * every direct change, so rows that must look old are written the way the data path writes them:
 * through the real {@link SessionRecorder}, with event times in the past. The audit rows then carry
 * those times too, chained like any other. Answers "PASSED" or the failure.
 */
@WebServlet("/it/retention-scenarios")
public class RetentionScenariosServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionRecorder recorder;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            if (!"recordSessionWithPayloads".equals(request.getParameter("scenario"))) {
                throw new AssertionError("unknown scenario " + request.getParameter("scenario"));
            }
            recordSessionWithPayloads(request);
            response.getWriter().write("PASSED");
        } catch (Exception | AssertionError e) {
            response.setStatus(500);
            response.getWriter().write("FAILED " + e);
        }
    }

    /**
     * A session of {@code connection} started at {@code startedAt}: {@code statements} extended-protocol
     * statements a second apart, each with a text parameter (the payload retention must drop), then
     * its end a minute after the start.
     */
    private void recordSessionWithPayloads(HttpServletRequest request) throws Exception {
        UUID session = UUID.fromString(request.getParameter("session"));
        String connection = request.getParameter("connection");
        Instant start = Instant.parse(request.getParameter("startedAt"));
        int count = Integer.parseInt(request.getParameter("statements"));
        List<RecordedEvent> batch = new ArrayList<>();
        batch.add(new SessionStarted(session, start, alice(), "postgres", connection, "app", "127.0.0.1:50000", true, "psql",
                "role:gatehouse-user"));
        for (int i = 1; i <= count; i++) {
            Instant at = start.plusSeconds(i);
            batch.add(new StatementExecuted(session, i, at, at.plusMillis(2), 2000, "extended",
                    "select * from accounts where owner = $1 -- statement " + i,
                    List.of(new BoundParameter(1, 25, false, "payload-value-" + i, 15)), List.of("SELECT 1"), 1, null, null));
        }
        batch.add(new SessionEnded(session, start.plusSeconds(60), "client terminated", 100, 200, count));
        recorder.write(batch);
    }

    private static Identity alice() {
        return new Identity("subject-alice", "alice", "gatehouse-cli", IdentityKind.HUMAN, Set.of("gatehouse-user"), Set.of(),
                "jti-" + UUID.randomUUID(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(300), "oidc-access-token");
    }
}
