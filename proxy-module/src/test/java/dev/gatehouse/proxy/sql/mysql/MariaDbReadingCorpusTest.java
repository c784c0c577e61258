package dev.gatehouse.proxy.sql.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.StatementClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The parser corpus of bench/mysql-parsers (a copy: mariadb-reading-corpus.tsv), whose validity,
 * statement split and kinds the real MariaDB 10.11.19 decided (MariaOracle). The gateway's reading
 * must never see other statements than the server runs: for every string the server accepts, the
 * gateway either refuses it or sees the same number of statements of the same kinds. What it
 * refuses is pinned here, so a regression either way shows.
 */
class MariaDbReadingCorpusTest {

    static final String CORPUS = "/dev/gatehouse/proxy/sql/mysql/mariadb-reading-corpus.tsv";
    private static final MySqlReading MARIADB = new MySqlReading(false, false, 101119, true);

    /**
     * Valid strings the gateway refuses, and why: multi-byte client character sets and unknowable
     * sql_modes on purpose (docs/adr/0023), the rest are MariaDB syntax Druid 1.2.27 does not parse.
     */
    static final Set<String> REFUSED_VALID = Set.of(
            // on purpose: pinned reading
            "q21", "q22", "x02", "x03", "x05", "x06", "x08", "x09", "u05",
            // Druid's grammar: RETURNING, FOR SYSTEM_TIME, CREATE OR REPLACE TABLE, DROP SEQUENCE IF EXISTS, GRANT role,
            // procedure bodies with labels/CASE/FOR/DECLARE ... DEFAULT, INTO DUMPFILE after LIMIT, LOAD DATA ... CHARACTER SET,
            // FETCH FIRST
            "r34", "w18", "w19", "k05", "k26", "a09", "o06", "o23", "o24", "o32", "f05", "f09", "i17");

    record Entry(String id, String mode, boolean valid, List<String> kinds, String sql) {
    }

    static List<Entry> corpus() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = MariaDbReadingCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", 5);
                String sql = f[4].startsWith("hex:") ? new String(HexFormat.of().parseHex(f[4].substring(4)), StandardCharsets.UTF_8)
                        : f[4].replace('\u23CE', '\n');
                entries.add(new Entry(f[0], f[1], f[2].equals("valid"), f[3].equals("-") ? List.of() : List.of(f[3].split(";")), sql));
            }
        }
        return entries;
    }

    @Test
    void neverSeesOtherStatementsThanMariaDbRuns() throws IOException {
        List<String> differentials = new ArrayList<>();
        Set<String> refusedValid = new TreeSet<>();
        List<Entry> entries = corpus();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(250);
        for (Entry entry : entries) {
            MySqlReading reading = switch (entry.mode()) {
                case "-" -> MARIADB;
                case "ansi_quotes", "ansi" -> MARIADB.withSqlModeFlags(true, false);
                case "no_backslash_escapes" -> MARIADB.withSqlModeFlags(false, true);
                default -> null; // a multi-byte client character set: the session refuses to get there
            };
            MySqlAnalysis analysis = reading == null ? null : MySqlSqlAnalyzer.read(entry.sql(), reading);
            boolean refused = analysis == null || analysis.pinnedRefusal() != null || !analysis.analysis().parsed();
            if (!entry.valid()) {
                continue; // refusing or passing on what the server refuses is harmless: it runs nothing of the bad statement
            }
            if (refused) {
                refusedValid.add(entry.id());
                continue;
            }
            List<AnalyzedStatement> seen = analysis.analysis().statements();
            if (seen.size() != entry.kinds().size()) {
                differentials.add(entry.id() + " split: server " + entry.kinds() + ", gateway " + seen.stream().map(AnalyzedStatement::statementClass).toList());
                continue;
            }
            for (int i = 0; i < seen.size(); i++) {
                if (!sameKind(entry.kinds().get(i), seen.get(i))) {
                    differentials.add(entry.id() + " kind: server " + entry.kinds() + ", gateway " + seen.stream().map(AnalyzedStatement::statementClass).toList());
                    break;
                }
            }
        }
        assertThat(differentials).as("strings the gateway reads differently from MariaDB").isEmpty();
        assertThat(refusedValid).as("valid strings the gateway refuses").isEqualTo(new TreeSet<>(REFUSED_VALID));
    }

    /** The server's kind (performance_schema's statement/sql/<kind>) against the gateway's class. */
    static boolean sameKind(String server, AnalyzedStatement statement) {
        StatementClass c = statement.statementClass();
        String text = statement.text().toUpperCase(Locale.ROOT);
        return switch (server) {
            case "select" -> c == StatementClass.SELECT || c == StatementClass.EXPLAIN;
            case "do" -> c == StatementClass.SELECT;
            case "insert", "insert_select", "replace", "replace_select" -> c == StatementClass.INSERT;
            case "update", "update_multi" -> c == StatementClass.UPDATE || c == StatementClass.EXPLAIN;
            case "delete", "delete_multi" -> c == StatementClass.DELETE || c == StatementClass.EXPLAIN;
            case "truncate" -> c == StatementClass.TRUNCATE;
            case "load" -> c == StatementClass.COPY;
            case "create_user", "alter_user", "rename_user", "create_role" -> c == StatementClass.ALTER_ROLE;
            case "grant", "grant_role" -> c == StatementClass.GRANT;
            case "revoke", "revoke_all" -> c == StatementClass.REVOKE;
            case "rename_table" -> c == StatementClass.ALTER;
            case "set_option" -> c == StatementClass.SET || c == StatementClass.ALTER_ROLE && text.startsWith("SET PASSWORD");
            case "begin", "commit", "rollback", "savepoint", "rollback_to_savepoint", "release_savepoint", "xa_start", "xa_end",
                    "xa_rollback" -> c == StatementClass.TRANSACTION;
            case "lock_tables", "unlock_tables" -> c == StatementClass.LOCK;
            case "prepare_sql" -> c == StatementClass.PREPARE;
            case "execute_sql" -> c == StatementClass.EXECUTE;
            case "execute_immediate" -> text.startsWith("EXECUTE IMMEDIATE");
            case "dealloc_sql" -> c == StatementClass.DEALLOCATE;
            case "call_procedure" -> c == StatementClass.CALL;
            case "compound_sql" -> c == StatementClass.DO;
            case "ha_open", "ha_read", "ha_close" -> text.startsWith("HANDLER");
            case "kill", "install_plugin", "change_master", "signal" -> c == StatementClass.OTHER;
            case "change_db" -> text.startsWith("USE");
            case "optimize", "analyze", "check", "repair", "flush", "reset", "purge_before_date" -> c == StatementClass.MAINTENANCE;
            case "help" -> c == StatementClass.SHOW || c == StatementClass.OTHER;
            default -> server.startsWith("create_") ? c == StatementClass.CREATE
                    : server.startsWith("alter_") ? c == StatementClass.ALTER
                    : server.startsWith("drop_") ? c == StatementClass.DROP
                    : server.startsWith("show_") && c == StatementClass.SHOW;
        };
    }
}
