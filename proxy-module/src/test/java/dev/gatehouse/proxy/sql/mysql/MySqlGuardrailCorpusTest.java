package dev.gatehouse.proxy.sql.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.policy.GuardrailEngine;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RuleMatch;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.policy.TablePattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement of {@code mysql-guardrail-corpus.tsv} under the rule packs, decided as the data
 * path will decide it for a MySQL or MariaDB connection: read by {@link MySqlSqlAnalyzer} in the
 * session's reading (sql_mode, target version), then judged by the same engine PostgreSQL uses.
 * The evasions of issue 18 (executable comments, backslashes, sql_mode, character sets, PREPARE
 * FROM a variable, HANDLER, routine bodies) must not get through.
 */
class MySqlGuardrailCorpusTest {

    static final String CORPUS = "/dev/gatehouse/proxy/sql/mysql/mysql-guardrail-corpus.tsv";

    static final Set<String> REQUIRED_CATEGORIES = Set.of("case-whitespace", "comments", "executable-comments", "backslash-strings",
            "sql-mode", "charset", "multi-statement", "prepare-execute", "handler", "routines", "server-files", "tautology",
            "drop-kinds", "alter-drop", "ddl", "dcl", "session", "plain-reads", "unparseable", "empty");

    private static final Identity AGENT = new Identity("s-agent", "service-account-ci", "ci", IdentityKind.AGENT, Set.of(),
            Set.of(), null, null, null, null);
    private static final Instant AT = Instant.parse("2025-01-15T12:00:00Z");
    private static final MySqlReading MARIADB = new MySqlReading(false, false, 101119, true);
    private static final Map<String, MySqlReading> MODES = Map.of(
            "-", MARIADB,
            "ansi_quotes", MARIADB.withSqlModeFlags(true, false),
            "ansi", MARIADB.withSqlModeFlags(true, false),
            "no_backslash_escapes", MARIADB.withSqlModeFlags(false, true),
            "mysql8", new MySqlReading(false, false, 80036, false));

    private static final List<String> GUARD_PACKS = List.of(RulePacks.NO_DESTRUCTIVE_DDL, RulePacks.NO_UNBOUNDED_WRITES,
            RulePacks.NO_SERVER_FILE_ACCESS);
    private static final GuardrailRule NO_SECRETS = new GuardrailRule("no-secrets", RuleAction.DENY,
            new RuleMatch(Set.of(), false, List.of(TablePattern.parse("secrets")), false, Set.of(), false, null, null),
            "the secrets table is off limits", null);
    private static final Map<String, RuleSet> RULE_SETS = Map.of(
            "guard", packs(List.of(), GUARD_PACKS),
            "read-only", packs(List.of(), concat(List.of(RulePacks.READ_ONLY), GUARD_PACKS)),
            "no-secrets", packs(List.of(NO_SECRETS), GUARD_PACKS));

    record Entry(int line, String category, String ruleSet, String mode, String expected, String rule, String sql, String why) {
        @Override
        public String toString() {
            return "line " + line + " [" + ruleSet + (mode.equals("-") ? "" : ", " + mode) + "] " + why;
        }
    }

    static List<Entry> corpus() {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = MySqlGuardrailCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = null;
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank() && header == null || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (header == null) {
                    header = line;
                    assertThat(columns).containsExactly("category", "ruleset", "mode", "expected", "rule", "sql", "why");
                    continue;
                }
                if (columns.length != 7) {
                    throw new IllegalStateException(CORPUS + " line " + number + " has " + columns.length + " columns, not 7");
                }
                entries.add(new Entry(number, columns[0], columns[1], columns[2], columns[3], "-".equals(columns[4]) ? null : columns[4],
                        unescape(columns[5], number), unescape(columns[6], number)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static String unescape(String text, int line) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == text.length()) {
                throw new IllegalStateException(CORPUS + " line " + line + " ends with a lone backslash");
            }
            out.append(switch (text.charAt(i)) {
                case '\\' -> '\\';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'f' -> '\f';
                default -> throw new IllegalStateException(CORPUS + " line " + line + " has an unknown escape \\" + text.charAt(i));
            });
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decidesAsExpected(Entry entry) {
        RuleSet rules = RULE_SETS.get(entry.ruleSet());
        MySqlReading reading = MODES.get(entry.mode());
        assertThat(rules).as("rule set of " + entry).isNotNull();
        assertThat(reading).as("mode of " + entry).isNotNull();
        MySqlAnalysis analysis = MySqlSqlAnalyzer.read(entry.sql(), reading);
        Decision decision = GuardrailEngine.decide(rules, AGENT, analysis.analysis(), Map.of(), AT);
        String seen = entry + ": " + entry.sql() + " -> " + decision + " " + analysis.analysis();
        assertThat(decision.outcome()).as(seen).isEqualTo(entry.expected());
        assertThat(decision.rule()).as(seen).isEqualTo(entry.rule());
    }

    @Test
    void theCorpusIsLargeAndCoversEveryEvasion() {
        List<Entry> entries = corpus();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(150);
        Map<String, Long> perCategory = entries.stream().collect(Collectors.groupingBy(Entry::category, Collectors.counting()));
        assertThat(perCategory.keySet()).containsAll(REQUIRED_CATEGORIES);
        REQUIRED_CATEGORIES.forEach(c -> assertThat(perCategory.get(c)).as(c).isGreaterThanOrEqualTo(4));
        assertThat(entries).allSatisfy(e -> {
            assertThat(RULE_SETS).containsKey(e.ruleSet());
            assertThat(MODES).containsKey(e.mode());
            assertThat(e.expected()).isIn("ALLOW", "DENY");
            assertThat(e.why()).isNotBlank();
            assertThat(e.rule() == null).as(e.toString()).isEqualTo("ALLOW".equals(e.expected()));
        });
    }

    private static RuleSet packs(List<GuardrailRule> first, List<String> names) {
        List<GuardrailRule> rules = new ArrayList<>(first);
        names.forEach(name -> rules.addAll(RulePacks.all().get(name)));
        return new RuleSet(rules, false);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
