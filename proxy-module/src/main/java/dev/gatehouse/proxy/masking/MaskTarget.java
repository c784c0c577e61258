package dev.gatehouse.proxy.masking;

import java.util.Objects;
import java.util.regex.Pattern;

/** What a masking rule protects. */
public sealed interface MaskTarget {

    /** One catalog column, wherever a result carries it (aliases, {@code SELECT *}, plain references). */
    record Column(CatalogColumn column) implements MaskTarget {
        public Column {
            Objects.requireNonNull(column, "column");
        }
    }

    /** Every result column whose name (the name the client sees, or the source column's) matches. */
    record ColumnName(Pattern pattern) implements MaskTarget {
        public ColumnName {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** Every text value anywhere in the result, including computed ones, in which the detector finds a match. */
    record Content(Detector detector) implements MaskTarget {
        public Content {
            Objects.requireNonNull(detector, "detector");
        }
    }
}
