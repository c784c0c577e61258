package dev.gatehouse.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which references each control answers in each framework, read from data (crosswalk.csv:
 * {@code control,framework,reference}), never from code, so a compliance officer reviews and an
 * institution replaces it (GATEHOUSE_EVIDENCE_CROSSWALK). A file that names an unknown control or
 * framework, or leaves a control without its FFIEC references, is refused with the line that is wrong:
 * a pack is never produced with a silently incomplete crosswalk.
 */
public final class Crosswalk {

    /** The frameworks a pack may cite, in the order the report prints them. */
    public enum Framework {
        FFIEC_IT_HANDBOOK("FFIEC-IT-HANDBOOK", "FFIEC IT Handbook"),
        FFIEC_APPENDIX_A("FFIEC-APPENDIX-A", "FFIEC Appendix A procedure"),
        FFIEC_AUTH_ACCESS_2021("FFIEC-AUTH-ACCESS-2021", "FFIEC Authentication and Access (2021)"),
        SOC2("SOC2", "SOC 2"),
        PCI_DSS_4("PCI-DSS-4.0", "PCI DSS v4.0"),
        GLBA_SAFEGUARDS("GLBA-SAFEGUARDS", "GLBA Safeguards Rule"),
        NYDFS_500("NYDFS-500", "NYDFS Part 500");

        private final String id;
        private final String label;

        Framework(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }
    }

    static final String RESOURCE = "crosswalk.csv";
    private static final String HEADER = "control,framework,reference";
    private static final List<Framework> REQUIRED = List.of(Framework.FFIEC_IT_HANDBOOK, Framework.FFIEC_APPENDIX_A,
            Framework.FFIEC_AUTH_ACCESS_2021);

    private final Map<FfiecControl, Map<Framework, List<String>>> references;
    private final byte[] source;

    private Crosswalk(Map<FfiecControl, Map<Framework, List<String>>> references, byte[] source) {
        this.references = references;
        this.source = source;
    }

    /** The crosswalk shipped with the gateway. */
    public static Crosswalk bundled() {
        try (InputStream in = Crosswalk.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway's build");
            }
            return parse(RESOURCE, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("reading " + RESOURCE + " failed: " + e.getMessage(), e);
        }
    }

    /** GATEHOUSE_EVIDENCE_CROSSWALK when set, else the bundled one. */
    public static Crosswalk configured(Map<String, String> env) throws IOException {
        String path = env.getOrDefault("GATEHOUSE_EVIDENCE_CROSSWALK", "").trim();
        return path.isEmpty() ? bundled() : parse(path, Files.readAllBytes(Path.of(path)));
    }

    /** @throws IllegalArgumentException naming the file, the line and the cause */
    public static Crosswalk parse(String name, byte[] bytes) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals(HEADER)) {
            throw new IllegalArgumentException("crosswalk " + name + " must start with the header '" + HEADER + "'");
        }
        Map<FfiecControl, Map<Framework, List<String>>> references = new EnumMap<>(FfiecControl.class);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", 3);
            String where = "crosswalk " + name + " line " + (i + 1);
            if (cells.length < 3 || cells[2].isBlank()) {
                throw new IllegalArgumentException(where + ": expected control,framework,reference");
            }
            FfiecControl control = Arrays.stream(FfiecControl.values()).filter(c -> c.name().equals(cells[0].strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + ": unknown control '" + cells[0].strip() + "'"));
            Framework framework = Arrays.stream(Framework.values()).filter(f -> f.id().equals(cells[1].strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + ": unknown framework '" + cells[1].strip() + "' (known: "
                            + Arrays.stream(Framework.values()).map(Framework::id).collect(Collectors.joining(", ")) + ")"));
            references.computeIfAbsent(control, c -> new EnumMap<>(Framework.class)).computeIfAbsent(framework, f -> new ArrayList<>())
                    .add(unquote(cells[2].strip()));
        }
        for (FfiecControl control : FfiecControl.values()) {
            for (Framework framework : REQUIRED) {
                if (references.getOrDefault(control, Map.of()).get(framework) == null) {
                    throw new IllegalArgumentException("crosswalk " + name + ": " + control + " has no " + framework.id() + " reference");
                }
            }
        }
        return new Crosswalk(references, bytes.clone());
    }

    /** The reference cell as RFC 4180 writes it: "a, b" when it holds a comma, with "" for a quote. */
    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"")
                : cell;
    }

    /** The references of one control, framework by framework in {@link Framework} order. */
    public Map<Framework, List<String>> of(FfiecControl control) {
        Map<Framework, List<String>> ordered = new LinkedHashMap<>();
        references.getOrDefault(control, Map.of()).forEach((f, refs) -> ordered.put(f, Collections.unmodifiableList(refs)));
        return ordered;
    }

    /** The file's exact bytes, which the pack ships as crosswalk.csv. */
    public byte[] source() {
        return source.clone();
    }
}
