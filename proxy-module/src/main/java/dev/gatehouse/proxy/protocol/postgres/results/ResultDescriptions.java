package dev.gatehouse.proxy.protocol.postgres.results;

import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.masking.ResultColumn;
import dev.gatehouse.proxy.protocol.postgres.message.Bind;
import dev.gatehouse.proxy.protocol.postgres.message.Close;
import dev.gatehouse.proxy.protocol.postgres.message.Describe;
import dev.gatehouse.proxy.protocol.postgres.message.Execute;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import dev.gatehouse.proxy.protocol.postgres.message.Sync;
import dev.gatehouse.proxy.protocol.postgres.message.UnknownFrontendMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Knows which column description applies to the rows the target sends. A simple query and a
 * Describe of a portal announce theirs in a RowDescription, but an Execute of a portal whose
 * statement was described earlier sends rows with none (pgjdbc does this once a statement is
 * server-prepared): those rows are read with the statement's remembered description and the
 * result format codes of the Bind.
 *
 * <p>Keeps a FIFO of the client's messages that the target answers with a description or rows,
 * like the statement tracker does. Event-loop confined.
 */
public final class ResultDescriptions {

    private enum Kind { DESCRIBE_STATEMENT, DESCRIBE_PORTAL, EXECUTE, QUERY, SYNC }

    /**
     * @param portal for a Describe of a portal or an Execute: the portal as bound when the client sent
     *               it. Looking it up by name when the answer comes would be wrong: a pipelining client
     *               may bind the unnamed portal again before the target has answered.
     */
    private record Expected(Kind kind, String name, Portal portal) {
        Expected(Kind kind, String name) {
            this(kind, name, null);
        }
    }

    private static final class Portal {
        final String statement;
        final List<Short> resultFormats;
        List<ResultColumn> described;

        Portal(String statement, List<Short> resultFormats) {
            this.statement = statement;
            this.resultFormats = resultFormats;
        }
    }

    private final ArrayDeque<Expected> expected = new ArrayDeque<>();
    private final Map<String, List<ResultColumn>> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();

    /** A message on its way to the target. */
    public void clientSent(Object message) {
        switch (message) {
            case Query query -> expected.add(new Expected(Kind.QUERY, null));
            case Parse parse -> statements.remove(parse.statementName());
            case Bind bind -> portals.put(bind.portal(), new Portal(bind.statement(), bind.resultFormats()));
            case Describe describe when describe.kind() == 'S' -> expected.add(new Expected(Kind.DESCRIBE_STATEMENT, describe.name()));
            case Describe describe -> expected.add(new Expected(Kind.DESCRIBE_PORTAL, describe.name(), portals.get(describe.name())));
            case Execute execute -> expected.add(new Expected(Kind.EXECUTE, execute.portal(), portals.get(execute.portal())));
            case Sync sync -> expected.add(new Expected(Kind.SYNC, null));
            case Close close -> (close.kind() == 'S' ? statements : portals).remove(close.name());
            case UnknownFrontendMessage call when call.type() == 'F' -> expected.add(new Expected(Kind.QUERY, null));
            default -> {
            }
        }
    }

    /** Whether rows follow the next RowDescription at once (a simple query), rather than after an Execute. */
    public boolean rowsFollowDescription() {
        Expected head = expected.peek();
        return head == null || head.kind() == Kind.QUERY || head.kind() == Kind.EXECUTE;
    }

    /** A RowDescription that answers a Describe: remembered for the rows of later Executes. */
    public void described(List<ResultColumn> columns) {
        Expected head = expected.peek();
        if (head == null) {
            return;
        }
        if (head.kind() == Kind.DESCRIBE_STATEMENT) {
            statements.put(head.name(), columns);
            expected.poll();
        } else if (head.kind() == Kind.DESCRIBE_PORTAL) {
            Portal portal = head.portal();
            if (portal != null) {
                portal.described = columns;
                // pgjdbc describes the portal on a statement's first run and later binds it without a Describe
                statements.putIfAbsent(portal.statement, columns);
            }
            expected.poll();
        }
    }

    /** NoData answers a Describe of something that returns no rows. */
    public void noData() {
        Expected head = expected.peek();
        if (head != null && (head.kind() == Kind.DESCRIBE_STATEMENT || head.kind() == Kind.DESCRIBE_PORTAL)) {
            expected.poll();
        }
    }

    /**
     * The columns of the rows of the Execute being answered now, or null when they are unknown (no
     * Describe was seen for its portal or statement).
     */
    public List<ResultColumn> executing() {
        Expected head = expected.peek();
        if (head == null || head.kind() != Kind.EXECUTE) {
            return null;
        }
        Portal portal = head.portal();
        if (portal == null) {
            return null;
        }
        if (portal.described != null) {
            return portal.described;
        }
        List<ResultColumn> statement = statements.get(portal.statement);
        return statement == null ? null : inFormats(statement, portal.resultFormats);
    }

    /** CommandComplete, EmptyQueryResponse or PortalSuspended ended a result. */
    public void resultEnded() {
        Expected head = expected.peek();
        if (head != null && head.kind() == Kind.EXECUTE) {
            expected.poll();
        }
    }

    /** An error: in the extended protocol the target skips everything up to Sync. */
    public void error() {
        Expected head = expected.peek();
        if (head != null && head.kind() == Kind.QUERY) {
            return; // the simple protocol ends with ReadyForQuery anyway
        }
        while (!expected.isEmpty() && expected.peek().kind() != Kind.SYNC) {
            expected.poll();
        }
    }

    /** ReadyForQuery settles the Query or Sync it answers, and everything before it. */
    public void readyForQuery() {
        while (!expected.isEmpty()) {
            Kind kind = expected.poll().kind();
            if (kind == Kind.QUERY || kind == Kind.SYNC) {
                return;
            }
        }
    }

    /** The columns of a RowDescription. */
    public static List<ResultColumn> columns(RowDescription description) {
        List<ResultColumn> columns = new ArrayList<>(description.fields().size());
        for (RowDescription.Field field : description.fields()) {
            columns.add(new ResultColumn(field.name(), new ColumnOrigin(field.tableOid(), field.attributeNumber()), field.typeOid(),
                    field.formatCode() == 1));
        }
        return columns;
    }

    /** A statement's description (always text) in the formats a Bind asked for: none, one for all, or one each. */
    static List<ResultColumn> inFormats(List<ResultColumn> columns, List<Short> formats) {
        List<ResultColumn> bound = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            short format = formats.isEmpty() ? 0 : formats.size() == 1 ? formats.get(0) : i < formats.size() ? formats.get(i) : 0;
            bound.add(columns.get(i).inFormat(format == 1));
        }
        return bound;
    }
}
