package dev.gatehouse.audit.siem.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.siem.ExportOrigin;
import dev.gatehouse.audit.siem.ExportedEvent;
import dev.gatehouse.audit.siem.SampleEvents;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the OCSF events to the attribute tables of docs/siem.md, so the documentation and the
 * emitted events cannot drift apart: every kind of event is rendered, and each attribute must be
 * documented for its class, typed as documented, and present when documented as always there.
 */
class OcsfEventTest {

    private static final Path DOC = Path.of("..", "docs", "siem.md");
    private static final Pattern CLASS_HEADING = Pattern.compile("### .* \\((\\d{4})\\)");
    private static final String BASE = "base";

    private static final ExportOrigin ORIGIN = new ExportOrigin("gw-1", "9.9.9");
    private static final OcsfFormat FORMAT = new OcsfFormat(ORIGIN);

    /** One documented attribute. */
    record Attribute(String path, String type, String ocsf, boolean always) {
    }

    /** One row of the mapping table. */
    record Mapped(String action, int classUid, int activityId, String otherName) {
    }

    private static Map<String, Map<String, Attribute>> tables;
    private static List<Mapped> mapping;

    @BeforeAll
    static void readTheDocumentation() throws IOException {
        tables = new HashMap<>();
        mapping = new ArrayList<>();
        String section = null;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("#")) {
                Matcher heading = CLASS_HEADING.matcher(line);
                section = heading.matches() ? heading.group(1)
                        : line.equals("### Attributes every class carries") ? BASE
                        : line.equals("### OCSF class mapping") ? "mapping" : null;
                continue;
            }
            if (section == null || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (section.equals("mapping")) {
                mapping.add(mappedRow(cells));
            } else {
                Attribute attribute = new Attribute(unquote(cells[1]), cells[2].trim(), cells[3].trim(), cells[4].trim().equals("always"));
                tables.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(attribute.path(), attribute);
            }
        }
        assertThat(tables).as("tables read from " + DOC.toAbsolutePath()).containsKeys(BASE, "6005", "3002", "3003", "3001", "6003");
        assertThat(mapping).hasSizeGreaterThan(20);
    }

    private static Mapped mappedRow(String[] cells) {
        String activity = cells[3].trim();
        Matcher other = Pattern.compile("99 Other \\(\"(.*)\"\\)").matcher(activity);
        return new Mapped(unquote(cells[1]), Integer.parseInt(cells[2].trim().split(" ")[0]), Integer.parseInt(activity.split(" ")[0]),
                other.matches() ? other.group(1) : null);
    }

    @Test
    void everyRequiredAttributeIsDocumentedAsAlwaysThere() {
        tables.forEach((table, attributes) -> attributes.values().stream()
                .filter(a -> a.ocsf().equals("required"))
                .forEach(a -> assertThat(a.always()).as(table + " " + a.path()).isTrue()));
    }

    @Test
    void everyKindOfEventMatchesTheDocumentedAttributesOfItsClass() {
        for (ExportedEvent event : SampleEvents.everyKind()) {
            Map<String, Object> ocsf = NdjsonFormatTest.json(FORMAT.render(event));
            String what = event.action() + " (seq " + event.seq() + ")";

            int classUid = integer(ocsf.get("class_uid"));
            assertThat(tables).as(what + ": a documented class").containsKey(Integer.toString(classUid));
            assertThat(OcsfClass.values()).extracting(OcsfClass::uid).as(what).contains(classUid);
            assertThat(integer(ocsf.get("type_uid"))).as(what + ": type_uid").isEqualTo(classUid * 100 + integer(ocsf.get("activity_id")));
            assertThat(integer(ocsf.get("category_uid"))).as(what + ": category_uid").isEqualTo(classUid / 1000);

            Map<String, Attribute> spec = new LinkedHashMap<>(tables.get(BASE));
            spec.putAll(tables.get(Integer.toString(classUid)));
            Map<String, Integer> seen = new HashMap<>();
            walk("", ocsf, spec, seen, what);
            for (Attribute attribute : spec.values()) {
                if (!attribute.always()) {
                    continue;
                }
                String path = attribute.path();
                int parents = path.contains(".") ? seen.getOrDefault(path.substring(0, path.lastIndexOf('.')), 0) : 1;
                assertThat(seen.getOrDefault(path, 0)).as(what + ": " + path + " is always there").isEqualTo(parents);
            }
        }
    }

    @Test
    void fixedValuesAreWhatTheDocumentationSays() {
        ExportedEvent event = SampleEvents.statementExecuted();
        Map<String, Object> ocsf = NdjsonFormatTest.json(FORMAT.render(event));

        assertThat(ocsf).containsEntry("time", new BigDecimal(event.occurredAt().toEpochMilli())).containsEntry("timezone_offset", BigDecimal.ZERO);
        Map<String, Object> metadata = map(ocsf.get("metadata"));
        assertThat(metadata).containsEntry("version", "1.3.0").containsEntry("uid", "42").containsEntry("sequence", new BigDecimal(42))
                .containsEntry("log_name", "gatehouse.audit");
        assertThat(map(metadata.get("product"))).containsEntry("name", "Gatehouse").containsEntry("vendor_name", "Gatehouse")
                .containsEntry("version", "9.9.9");
        assertThat(map(ocsf.get("query_info"))).containsEntry("query_string", event.statementText());
        assertThat(map(ocsf.get("src_endpoint"))).containsEntry("ip", "10.1.2.3");
        assertThat(map(map(ocsf.get("actor")).get("user"))).containsEntry("name", "alice").containsEntry("type_id", BigDecimal.ONE);
    }

    @Test
    void aBlockedStatementFailsWithTheRuleInTheDetail() {
        Map<String, Object> ocsf = NdjsonFormatTest.json(FORMAT.render(SampleEvents.statementBlocked()));

        assertThat(ocsf).containsEntry("status_id", new BigDecimal(2)).containsEntry("severity_id", new BigDecimal(3));
        assertThat((String) ocsf.get("status_detail")).startsWith("DENY by rule no-drop: ");
        assertThat(map(ocsf.get("src_endpoint"))).containsEntry("ip", "2001:db8::7");
    }

    @Test
    void withoutItsTextAStatementHasNoQueryInfo() {
        assertThat(NdjsonFormatTest.json(FORMAT.render(SampleEvents.purged()))).doesNotContainKey("query_info");
    }

    @Test
    void theMappingTableIsWhatTheCodeDoes() {
        for (Mapped row : mapping) {
            OcsfActivity activity = OcsfMapping.of(row.action());
            assertThat(activity.ocsfClass().uid()).as(row.action()).isEqualTo(row.classUid());
            assertThat(activity.id()).as(row.action()).isEqualTo(row.activityId());
            if (row.otherName() != null) {
                assertThat(activity.name()).as(row.action()).isEqualTo(row.otherName());
            }
        }
        assertThat(OcsfMapping.of("retention.purged")).isEqualTo(new OcsfActivity(OcsfClass.API_ACTIVITY, 99, "Retention Purged"));
        assertThat(OcsfMapping.of("approval.requested").id()).isEqualTo(1);
        assertThat(OcsfMapping.of("audit.exported").id()).isEqualTo(2);
        assertThat(OcsfMapping.of("masking.deleted").id()).isEqualTo(4);
        assertThat(OcsfMapping.of("auth.mfa").ocsfClass()).isEqualTo(OcsfClass.AUTHENTICATION);
    }

    /** Records how often each path occurs and checks each value against its documented type. */
    private static void walk(String prefix, Map<?, ?> object, Map<String, Attribute> spec, Map<String, Integer> seen, String what) {
        object.forEach((key, value) -> {
            String path = prefix.isEmpty() ? (String) key : prefix + "." + key;
            Attribute attribute = spec.get(path);
            assertThat(attribute).as(what + ": " + path + " is documented").isNotNull();
            seen.merge(path, 1, Integer::sum);
            if (value == null) {
                assertThat(path).as(what + ": only unmapped values may be null").startsWith("unmapped.");
                return;
            }
            assertThat(typed(attribute.type(), value)).as(what + ": " + path + " is " + attribute.type() + " but is " + value).isTrue();
            if (attribute.type().equals("object")) {
                walk(path, (Map<?, ?>) value, spec, seen, what);
            } else if (attribute.type().equals("object[]")) {
                for (Object element : (List<?>) value) {
                    seen.merge(path + "[]", 1, Integer::sum);
                    walk(path + "[]", (Map<?, ?>) element, spec, seen, what);
                }
            }
        });
    }

    private static boolean typed(String type, Object value) {
        return switch (type) {
            case "integer", "long", "timestamp" -> value instanceof BigDecimal n && n.stripTrailingZeros().scale() <= 0;
            case "string" -> value instanceof String;
            case "ip" -> value instanceof String s && (IpLiteral.isV4(s) || IpLiteral.isV6(s));
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof Map;
            case "object[]" -> value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance);
            case "string[]" -> value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
            case "json" -> true;
            default -> throw new IllegalArgumentException("docs/siem.md uses an unknown type: " + type);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static int integer(Object value) {
        return ((BigDecimal) value).intValueExact();
    }

    private static String unquote(String cell) {
        return cell.trim().replace("`", "");
    }
}
