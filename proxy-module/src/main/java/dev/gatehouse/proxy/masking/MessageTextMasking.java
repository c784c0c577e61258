package dev.gatehouse.proxy.masking;

import dev.gatehouse.proxy.masking.CellRewriter;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import dev.gatehouse.proxy.masking.MaskingRule;
import dev.gatehouse.proxy.masking.MaskingTally;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks values the target puts into text outside rows: the fields of ErrorResponse and
 * NoticeResponse (message, detail, hint, context, ...) and NotificationResponse payloads. Content
 * detectors read every such field; and a constraint violation's detail,
 * {@code Key (ssn)=(123-45-6789) already exists.}, names its columns, so the value of a column a
 * column or name rule covers is masked even where no detector would recognise it.
 */
public final class MessageTextMasking {

    /** Fields that carry no data value: severity, SQLSTATE, position, source file, line, routine. */
    private static final String STRUCTURAL = "SVCPpFLR";
    private static final Pattern KEY_DETAIL = Pattern.compile("\\(([^()]*)\\)=\\((.*)\\)", Pattern.DOTALL);
    private static final int TEXT = 25;
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    private final CellRewriter cells;
    private final List<MaskingRule> columnRules;

    public MessageTextMasking(CellRewriter cells, MaskingPolicy policy) {
        this.cells = cells;
        this.columnRules = policy.rules().stream()
                .filter(rule -> !(rule.target() instanceof MaskTarget.Content)).toList();
    }

    /** The masked fields, or null when nothing changed. */
    public Map<Character, String> fields(Map<Character, String> fields, String label, MaskingTally tally) throws UnmaskableValueException {
        Map<Character, String> masked = new LinkedHashMap<>(fields);
        boolean changed = false;
        String sqlState = fields.get('C');
        if (!columnRules.isEmpty() && sqlState != null && sqlState.startsWith("22")) {
            // A data exception quotes the value it choked on ("invalid input syntax for type integer:
            // \"1984-03-17\""), and that value may be derived from a masked column in a way no detector
            // sees. Lineage cannot say which row's value it was, so under column rules the quoted text
            // and the detail and context around it are withheld (docs/adr/0018).
            for (char field : new char[] {'M', 'D', 'W', 'H', 'q'}) {
                String text = masked.get(field);
                if (text == null) {
                    continue;
                }
                String withheld = field == 'M' ? QUOTED.matcher(text).replaceAll("\"[REDACTED]\"") : "[withheld by Gatehouse masking]";
                if (!withheld.equals(text)) {
                    masked.put(field, withheld);
                    changed = true;
                }
            }
            if (changed) {
                tally.add(columnRules.get(0), label + " (data exception)", 1);
                fields = new LinkedHashMap<>(masked);
            }
        }
        for (Map.Entry<Character, String> field : fields.entrySet()) {
            if (STRUCTURAL.indexOf(field.getKey()) >= 0 || field.getValue() == null) {
                continue;
            }
            String text = field.getKey() == 'D' ? keyValues(field.getValue(), fields, tally) : field.getValue();
            String scanned = text(text, label, tally);
            String result = scanned != null ? scanned : text;
            if (!result.equals(field.getValue())) {
                masked.put(field.getKey(), result);
                changed = true;
            }
        }
        return changed ? masked : null;
    }

    /** Content detectors over one text; null when nothing was found. */
    public String text(String text, String label, MaskingTally tally) throws UnmaskableValueException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] masked = cells.cells().scans() ? cells.scanText(utf8, 0, label, tally) : null;
        return masked == null ? null : new String(masked, StandardCharsets.UTF_8);
    }

    /** {@code Key (a, b)=(x, y)}: masks the values when a column rule covers one of the named columns. */
    private String keyValues(String detail, Map<Character, String> fields, MaskingTally tally) throws UnmaskableValueException {
        Matcher key = KEY_DETAIL.matcher(detail);
        if (!key.find()) {
            return detail;
        }
        String[] columns = key.group(1).split(",\\s*");
        for (String column : columns) {
            MaskingRule rule = ruleFor(column.replace("\"", ""), fields.get('s'), fields.get('t'));
            if (rule == null) {
                continue;
            }
            String masked;
            if (columns.length == 1) {
                byte[] value = cells.cells().mask(rule.method(), TEXT, false, key.group(2).getBytes(StandardCharsets.UTF_8));
                masked = value == null ? "NULL" : new String(value, StandardCharsets.UTF_8);
            } else {
                masked = "(masked)"; // the values of a multi-column key cannot be told apart safely
            }
            tally.add(rule, "(error detail)", 1);
            return detail.substring(0, key.start(2)) + masked + detail.substring(key.end(2));
        }
        return detail;
    }

    private MaskingRule ruleFor(String column, String schema, String table) {
        for (MaskingRule rule : columnRules) {
            switch (rule.target()) {
                case MaskTarget.Column c when c.column().column().equals(column)
                        && (table == null || c.column().table().equals(table))
                        && (schema == null || c.column().schema().equals(schema)) -> {
                    return rule;
                }
                case MaskTarget.ColumnName name when name.pattern().matcher(column).matches() -> {
                    return rule;
                }
                default -> {
                }
            }
        }
        return null;
    }
}
