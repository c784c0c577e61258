package dev.gatehouse.proxy.protocol.postgres.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.SessionStarted;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.oracle.DifferentialOracle;
import dev.gatehouse.proxy.oracle.SessionEvidence;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RuleMatch;
import dev.gatehouse.proxy.policy.StatementSelector;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.proxy.testing.OneShotApprovals;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.protocol.postgres.upstream.RoutineQuery;
import dev.gatehouse.proxy.testing.RawPostgresClient;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's acceptance: for every session of the hostile corpus ({@code oracle/postgres-sessions.txt},
 * sent through a raw socket so that a "write" is one TCP write), every statement the target's
 * {@code log_statement = all} shows it executed was recorded by the gateway as allowed for that
 * session, with identical text; nothing recorded as denied is in the log; the only other statements
 * are the gateway's own stand-ins, each answering a recorded denial.
 */
class PostgresDifferentialOracleTest {

    static final String CORPUS = "/oracle/postgres-sessions.txt";

    @TempDir
    static Path tlsDir;

    /** One corpus session: its name, connection, startup parameters and TCP writes (each a list of messages). */
    record CorpusSession(String name, String connection, Map<String, String> startup, List<String[]> approvals,
            List<List<String[]>> writes) {
    }

    /** The gate of connection "approve": each session grants its own approvals (its 'approve' lines). */
    static final OneShotApprovals APPROVALS = new OneShotApprovals();

    @Test
    void theTargetExecutesOnlyWhatTheGatewayRecordedAsAllowed() throws Exception {
        List<CorpusSession> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        try (TargetPostgres target = TargetPostgres.startLoggingStatements(); TestGateway gateway = TestGateway.start(tlsDir)) {
            Connection base = target.connection(TargetPostgres.SCRAM_USER, TlsMode.DISABLE);
            String secret = target.password(TargetPostgres.SCRAM_USER);
            Connection guarded = gateway.addConnection(named(base, "guarded"), secret, false);
            Connection open = gateway.addConnection(named(base, "open"), secret, false);
            Connection approve = gateway.addConnection(named(base, "approve"), secret, false);
            RuleMatch writes = new RuleMatch(Set.of(StatementSelector.of(StatementClass.UPDATE), StatementSelector.of(StatementClass.DELETE),
                    StatementSelector.of(StatementClass.INSERT)), false, List.of(), false, Set.of(), false, null, null);
            gateway.guard(approve.name(), new RuleSet(List.of(new GuardrailRule("approve-writes", RuleAction.REQUIRE_APPROVAL, writes,
                    null, null)), false));
            gateway.approvals(APPROVALS);
            List<GuardrailRule> packs = new ArrayList<>();
            packs.addAll(RulePacks.all().get(RulePacks.NO_DESTRUCTIVE_DDL));
            packs.addAll(RulePacks.all().get(RulePacks.NO_UNBOUNDED_WRITES));
            packs.addAll(RulePacks.all().get(RulePacks.NO_SERVER_FILE_ACCESS));
            gateway.guard(guarded.name(), new RuleSet(packs, false));
            try (var admin = target.superuser(); var st = admin.createStatement()) {
                st.execute("grant all on schema public to " + TargetPostgres.SCRAM_USER);
                st.execute("create table keepme(id int)");
                st.execute("create table victims(id int)");
                st.execute("alter table keepme owner to " + TargetPostgres.SCRAM_USER);
                st.execute("alter table victims owner to " + TargetPostgres.SCRAM_USER);
                st.execute("create table appr(id int primary key, n int not null default 0)");
                st.execute("insert into appr(id) select generate_series(1, 5)");
                st.execute("alter table appr owner to " + TargetPostgres.SCRAM_USER);
            }
            String token = gateway.userToken("oracle", TestGateway.ROLE);
            for (CorpusSession session : corpus) {
                run(gateway, session, token);
            }
            awaitEveryEnd(gateway);
            awaitLogged(target);
            List<SessionEvidence> evidence = evidence(gateway, PostgresStatementLog.read(target.statementLog(), TargetPostgres.SCRAM_USER));
            List<String> violations = DifferentialOracle.violations(evidence, new PostgresStandIns());
            assertThat(violations).as(DifferentialOracle.report(evidence, violations)).isEmpty();
            // The corpus did what it is for: the target ran much, the gateway refused much, and no refusal got through.
            String report = DifferentialOracle.report(evidence, violations);
            assertThat(evidence).as(report).hasSizeGreaterThanOrEqualTo(150);
            assertThat(evidence.stream().mapToInt(e -> e.executed().size()).sum()).as(report).isGreaterThan(300);
            assertThat(evidence.stream().mapToInt(SessionEvidence::deniedCount).sum()).as(report).isGreaterThan(100);
        }
    }

    /** A session's statements are all recorded once its end is: wait (bounded) until every started session ended. */
    private static void awaitEveryEnd(TestGateway gateway) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (gateway.recorded(dev.gatehouse.proxy.api.RecordedEvent.SessionEnded.class).size()
                < gateway.recorded(SessionStarted.class).size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not every session's end was recorded");
            }
            Thread.sleep(20);
        }
    }

    /** The collector writes the log a little after the statement: wait (bounded) until a marker run last is in it. */
    private static void awaitLogged(TargetPostgres target) throws Exception {
        String marker = "oracle_end_" + UUID.randomUUID().toString().replace("-", "");
        try (var admin = target.superuser(); var st = admin.createStatement()) {
            st.execute("select '" + marker + "'");
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!java.nio.file.Files.readString(target.statementLog()).contains(marker)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the target's statement log never showed the last statement");
            }
            Thread.onSpinWait();
        }
    }

    private static Connection named(Connection base, String name) {
        return new Connection(name, base.type(), base.host(), base.port(), base.database(), base.username(), base.tlsMode(),
                base.labels(), base.allowedRoles(), false, true);
    }

    private static void run(TestGateway gateway, CorpusSession session, String token) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", session.connection());
        parameters.put("database", TargetPostgres.DATABASE);
        parameters.put("application_name", session.name());
        parameters.putAll(session.startup());
        APPROVALS.clear();
        for (String[] approval : session.approvals()) {
            APPROVALS.approve(approval[2], Integer.parseInt(approval[1]), java.util.Arrays.copyOfRange(approval, 3, approval.length));
        }
        try (RawPostgresClient client = RawPostgresClient.connect(gateway.port(), parameters, token)) {
            if (client.login().closed()) {
                return; // refused at login: nothing may run
            }
            for (List<String[]> write : session.writes()) {
                byte[][] messages = new byte[write.size()][];
                int answers = 0;
                for (int i = 0; i < write.size(); i++) {
                    messages[i] = message(write.get(i));
                    answers += "QXSF".contains(write.get(i)[0]) ? 1 : 0;
                }
                client.send(messages);
                if (client.readUntilReady(answers).closed()) {
                    return;
                }
            }
        }
    }

    private static byte[] message(String[] fields) {
        return switch (fields[0]) {
            case "Q" -> RawPostgresClient.query(fields[1]);
            case "X" -> RawPostgresClient.queryBytes(HexFormat.of().parseHex(fields[1]));
            case "P" -> RawPostgresClient.parse(fields[1], fields[2]);
            case "B" -> RawPostgresClient.bind(fields[1], fields[2], java.util.Arrays.copyOfRange(fields, 3, fields.length));
            case "E" -> RawPostgresClient.execute(fields[1], Integer.parseInt(fields[2]));
            case "S" -> RawPostgresClient.sync();
            case "F" -> RawPostgresClient.functionCall(Integer.parseInt(fields[1]), java.util.Arrays.copyOfRange(fields, 2, fields.length));
            default -> throw new IllegalArgumentException("unknown corpus message " + fields[0]);
        };
    }

    /** Joins the gateway's records (by the session's application name at startup) with the target's log. */
    private static List<SessionEvidence> evidence(TestGateway gateway, Map<String, PostgresStatementLog.Backend> log) {
        Map<UUID, String> names = new HashMap<>();
        gateway.recorded(SessionStarted.class).forEach(started -> names.put(started.sessionId(), started.applicationName()));
        Map<String, Set<String>> allowed = new HashMap<>();
        Map<String, Set<String>> denied = new HashMap<>();
        Map<String, Integer> denials = new HashMap<>();
        Map<String, Map<String, Integer>> allowedRuns = new HashMap<>();
        for (StatementExecuted statement : gateway.recorded(StatementExecuted.class)) {
            String name = names.get(statement.sessionId());
            boolean refused = "DENY".equals(statement.decision()) || "REQUIRE_APPROVAL".equals(statement.decision());
            (refused ? denied : allowed).computeIfAbsent(name, n -> new HashSet<>()).add(statement.sql());
            if (refused) {
                denials.merge(name, 1, Integer::sum);
            } else {
                allowedRuns.computeIfAbsent(name, n -> new HashMap<>()).merge(statement.sql(), 1, Integer::sum);
            }
        }
        Map<String, List<String>> executed = new LinkedHashMap<>();
        // The gateway's own catalog sessions (routine bodies for judging calls) log in as the connection's user too.
        // They are the gateway's only if every statement is exactly a routine lookup the gateway would send.
        Set<String> catalogQueries = new HashSet<>();
        for (PostgresStatementLog.Backend backend : log.values()) {
            if (GATEWAY_CATALOG.equals(backend.applicationName())) {
                backend.statements().stream().filter(PostgresDifferentialOracleTest::isRoutineLookup).forEach(catalogQueries::add);
            }
        }
        allowed.computeIfAbsent(GATEWAY_CATALOG, n -> new HashSet<>()).addAll(catalogQueries);
        // A backend's application name is the one it logged in with, unless a statement changed it; the gateway's
        // login record is the authority, so backends are matched by the first name they logged.
        log.values().forEach(backend -> executed.computeIfAbsent(backend.applicationName(), n -> new ArrayList<>()).addAll(backend.statements()));
        Map<String, Map<String, Integer>> runs = new HashMap<>();
        log.values().forEach(backend -> backend.runs().forEach(
                text -> runs.computeIfAbsent(backend.applicationName(), n -> new HashMap<>()).merge(text, 1, Integer::sum)));
        List<SessionEvidence> evidence = new ArrayList<>();
        for (var entry : executed.entrySet()) {
            // Run counts where an approval is at stake (connection "approve"); elsewhere texts are compared.
            boolean counted = entry.getKey().contains("-appr-");
            evidence.add(new SessionEvidence(entry.getKey(), entry.getValue(), allowed.getOrDefault(entry.getKey(), Set.of()),
                    denied.getOrDefault(entry.getKey(), Set.of()), denials.getOrDefault(entry.getKey(), 0),
                    counted ? runs.getOrDefault(entry.getKey(), Map.of()) : Map.of(),
                    counted ? allowedRuns.getOrDefault(entry.getKey(), Map.of()) : Map.of()));
        }
        return evidence;
    }

    static final String GATEWAY_CATALOG = "gatehouse-catalog";

    /** Exactly the text RoutineQuery sends for the names in its IN list, and nothing else. */
    static boolean isRoutineLookup(String sql) {
        if (dev.gatehouse.proxy.protocol.postgres.upstream.ViewQuery.SQL.equals(sql)) {
            return true; // the view lookup lineage makes (docs/adr/0018): fixed text, no names in it
        }
        String list = "p.proname IN (";
        int open = sql.indexOf(list);
        int close = open < 0 ? -1 : sql.indexOf(')', open);
        if (close < 0) {
            return false;
        }
        Set<String> names = new java.util.TreeSet<>();
        for (String quoted : sql.substring(open + list.length(), close).split(",")) {
            if (quoted.length() < 3 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
                return false;
            }
            names.add(quoted.substring(1, quoted.length() - 1));
        }
        return RoutineQuery.sql(names).equals(sql);
    }

    static List<CorpusSession> corpus() throws IOException {
        String text;
        try (InputStream in = PostgresDifferentialOracleTest.class.getResourceAsStream(CORPUS)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            text = bytes.toString(StandardCharsets.UTF_8);
        }
        List<CorpusSession> sessions = new ArrayList<>();
        CorpusSession current = null;
        List<String[]> write = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                current = null;
                continue;
            }
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "session" -> {
                    current = new CorpusSession(fields[1], fields[2], new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
                    sessions.add(current);
                }
                case "startup" -> current.startup().put(fields[1], fields[2]);
                case "approve" -> current.approvals().add(fields);
                case "write" -> {
                    current.writes().add(write);
                    write = new ArrayList<>();
                }
                default -> write.add(fields);
            }
        }
        return sessions;
    }
}
