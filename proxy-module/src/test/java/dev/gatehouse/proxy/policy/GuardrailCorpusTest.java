package dev.gatehouse.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement of {@code guardrail-corpus.tsv} under the rule packs, decided as the data path
 * decides it: parsed by PostgreSQL's own parser, then judged by the engine. Evasions that fool a
 * regex on raw text must not fool this.
 */
class GuardrailCorpusTest {

    static final String CORPUS = "/dev/gatehouse/proxy/policy/guardrail-corpus.tsv";

    /** The evasion categories the corpus must cover, each with several lines. */
    static final Set<String> REQUIRED_CATEGORIES = Set.of("case-whitespace", "comments", "nested-comments", "quoted-identifiers",
            "multi-statement", "cte-dml", "do-dollar", "prepare-execute", "parameters", "unicode-escapes", "backslash-strings",
            "copy", "hidden-functions", "tautology", "alter-drop", "truncate", "drop-kinds", "explain", "merge", "dcl", "session",
            "select-into", "plain-reads", "unparseable", "empty");

    private static final PostgresSqlAnalyzer ANALYZER = PostgresSqlAnalyzer.withDefaults();
    private static final Identity AGENT = new Identity("s-agent", "service-account-ci", "ci", IdentityKind.AGENT, Set.of(),
            Set.of(), null, null, null, null);
    private static final Instant AT = Instant.parse("2025-01-15T12:00:00Z");

    private static final List<String> GUARD_PACKS = List.of(RulePacks.NO_DESTRUCTIVE_DDL, RulePacks.NO_UNBOUNDED_WRITES,
            RulePacks.NO_SERVER_FILE_ACCESS);
    private static final Map<String, RuleSet> RULE_SETS = Map.of(
            "guard", packs(GUARD_PACKS),
            "read-only", packs(concat(List.of(RulePacks.READ_ONLY), GUARD_PACKS)));

    /** One line of the corpus; {@code rule} is null for "-". */
    record Entry(int line, String category, String ruleSet, String expected, String rule, String sql, String why) {
        @Override
        public String toString() {
            return "line " + line + " [" + ruleSet + "] " + why;
        }
    }

    @AfterAll
    static void stop() {
        ANALYZER.close();
    }

    static List<Entry> corpus() {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = GuardrailCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = null;
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (header == null) {
                    header = line;
                    assertThat(columns).containsExactly("category", "ruleset", "expected", "rule", "sql", "why");
                    continue;
                }
                if (columns.length != 6) {
                    throw new IllegalStateException(CORPUS + " line " + number + " has " + columns.length + " columns, not 6");
                }
                entries.add(new Entry(number, columns[0], columns[1], columns[2], "-".equals(columns[3]) ? null : columns[3],
                        unescape(columns[4], number), unescape(columns[5], number)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** {@code \\}, {@code \t}, {@code \n}, {@code \r} and {@code \f}; any other escape is a mistake in the file. */
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
        assertThat(rules).as("rule set of " + entry).isNotNull();
        Decision decision = GuardrailEngine.decide(rules, AGENT, ANALYZER.analyzeNow(entry.sql()), Map.of(), AT);
        assertThat(decision.outcome()).as(entry + ": " + entry.sql() + " -> " + decision).isEqualTo(entry.expected());
        assertThat(decision.rule()).as(entry + ": " + entry.sql() + " -> " + decision).isEqualTo(entry.rule());
    }

    @Test
    void theCorpusIsLargeAndCoversEveryEvasion() {
        List<Entry> entries = corpus();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(170);
        Map<String, Long> perCategory = entries.stream().collect(Collectors.groupingBy(Entry::category, Collectors.counting()));
        assertThat(perCategory.keySet()).containsAll(REQUIRED_CATEGORIES);
        REQUIRED_CATEGORIES.stream().filter(c -> !c.equals("merge") && !c.equals("truncate"))
                .forEach(c -> assertThat(perCategory.get(c)).as(c).isGreaterThanOrEqualTo(4));
        assertThat(entries).allSatisfy(e -> {
            assertThat(RULE_SETS).containsKey(e.ruleSet());
            assertThat(e.expected()).isIn("ALLOW", "DENY");
            assertThat(e.why()).isNotBlank();
            if ("DENY".equals(e.expected())) {
                assertThat(e.rule()).as(e.toString()).isNotNull();
            }
        });
        // Both rule sets and both outcomes are exercised.
        assertThat(entries).extracting(Entry::ruleSet).contains("guard", "read-only");
        assertThat(entries.stream().filter(e -> e.expected().equals("ALLOW")).count()).isGreaterThanOrEqualTo(50);
        assertThat(entries.stream().map(Entry::rule).collect(Collectors.toSet())).contains("no-drop-or-truncate", "no-do-blocks",
                "no-unbounded-writes", "no-copy-program-or-server-file", "no-dangerous-functions", "read-only",
                GuardrailEngine.UNPARSEABLE, GuardrailEngine.UNKNOWN_PREPARED);
    }

    @Test
    void unescapeKnowsItsEscapesOnly() {
        assertThat(unescape("a\\tb\\nc\\\\d", 1)).isEqualTo("a\tb\nc\\d");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> unescape("a\\x", 1)).isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> unescape("a\\", 1)).isInstanceOf(IllegalStateException.class);
    }

    private static RuleSet packs(List<String> names) {
        List<GuardrailRule> rules = new ArrayList<>();
        names.forEach(name -> rules.addAll(RulePacks.all().get(name)));
        return new RuleSet(rules, false);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
