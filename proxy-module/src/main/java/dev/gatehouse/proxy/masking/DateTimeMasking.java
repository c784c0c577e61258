package dev.gatehouse.proxy.masking;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * date, time, timestamp and timestamptz stay values of their type:
 * <ul>
 * <li>Redact: 1970-01-01, 00:00:00, 1970-01-01 00:00:00 (UTC for timestamptz);</li>
 * <li>Partial: keeps the year only (January 1st, midnight; UTC for timestamptz, shown in the offset the
 * value was shown in, so text and binary agree), or the hour for time; the keep counts do not apply;</li>
 * <li>Tokenize and Hash: a date between 1900-01-01 and 2099-12-31 (and a whole-second time of day)
 * derived from the digest of the exact instant, so text and binary give the same token.</li>
 * </ul>
 * ±infinity stays as it is under Partial.
 */
enum DateTimeMasking implements TypeMasking {
    DATE("date"), TIME("time"), TIMESTAMP("timestamp"), TIMESTAMPTZ("timestamptz");

    private static final long TOKEN_FIRST_DAY = LocalDate.of(1900, 1, 1).toEpochDay() + PgDateTime.UNIX_EPOCH_DAYS;
    private static final long TOKEN_DAYS = LocalDate.of(2100, 1, 1).toEpochDay() - LocalDate.of(1900, 1, 1).toEpochDay();
    private static final long SECONDS_PER_DAY = 86_400;

    private final String typeName;

    DateTimeMasking(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        if (method instanceof MaskMethod.Redact) {
            return encode(binary, this == DATE ? PgDateTime.UNIX_EPOCH_DAYS
                    : this == TIME ? 0 : PgDateTime.UNIX_EPOCH_DAYS * PgDateTime.MICROS_PER_DAY, 0);
        }
        PgDateTime.Value decoded = decode(binary, value);
        long ticks = decoded.ticks();
        if (method instanceof MaskMethod.Partial) {
            return infinite(ticks) ? encode(binary, ticks, decoded.offsetSeconds())
                    : encode(binary, truncated(ticks), decoded.offsetSeconds());
        }
        byte[] digest = tokens.digest(method, TextMasks.utf8(typeName + ":" + ticks));
        long derived = Tokens.leadingLong(digest) & Long.MAX_VALUE;
        long day = TOKEN_FIRST_DAY + derived % TOKEN_DAYS;
        long second = derived / TOKEN_DAYS % SECONDS_PER_DAY;
        long masked = switch (this) {
            case DATE -> day;
            case TIME -> second * PgDateTime.MICROS_PER_SECOND;
            default -> day * PgDateTime.MICROS_PER_DAY + second * PgDateTime.MICROS_PER_SECOND;
        };
        return encode(binary, masked, 0);
    }

    private boolean infinite(long ticks) {
        return this == DATE ? ticks == Integer.MAX_VALUE || ticks == Integer.MIN_VALUE
                : this != TIME && (ticks == Long.MAX_VALUE || ticks == Long.MIN_VALUE);
    }

    /** January 1st of the value's year (midnight, UTC for timestamptz), or the start of the hour for time. */
    private long truncated(long ticks) {
        if (this == TIME) {
            return ticks - ticks % (3600 * PgDateTime.MICROS_PER_SECOND);
        }
        long days = this == DATE ? ticks : Math.floorDiv(ticks, PgDateTime.MICROS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days - PgDateTime.UNIX_EPOCH_DAYS);
        long yearStart = LocalDate.of(date.getYear(), 1, 1).toEpochDay() + PgDateTime.UNIX_EPOCH_DAYS;
        return this == DATE ? yearStart : yearStart * PgDateTime.MICROS_PER_DAY;
    }

    PgDateTime.Value decode(boolean binary, byte[] value) throws UnmaskableValueException {
        if (binary) {
            int width = this == DATE ? 4 : 8;
            if (value.length != width) {
                throw TypeMasking.undecodable(typeName, true);
            }
            long ticks = 0;
            for (byte b : value) {
                ticks = (ticks << 8) | (b & 0xff);
            }
            return new PgDateTime.Value(width == 4 ? (int) ticks : ticks, 0);
        }
        try {
            String text = PgDateTime.ascii(value);
            return switch (this) {
                case DATE -> PgDateTime.parseDate(text);
                case TIME -> PgDateTime.parseTime(text);
                case TIMESTAMP -> PgDateTime.parseTimestamp(text, false);
                case TIMESTAMPTZ -> PgDateTime.parseTimestamp(text, true);
            };
        } catch (DateTimeException | ArithmeticException | IndexOutOfBoundsException e) {
            throw TypeMasking.undecodable(typeName, false);
        }
    }

    private byte[] encode(boolean binary, long ticks, int offsetSeconds) {
        if (binary) {
            Utf8Builder out = new Utf8Builder(8);
            return (this == DATE ? out.int32((int) ticks) : out.int64(ticks)).toArray();
        }
        return TextMasks.utf8(switch (this) {
            case DATE -> PgDateTime.formatDate(ticks);
            case TIME -> PgDateTime.formatTime(ticks);
            case TIMESTAMP -> PgDateTime.formatTimestamp(ticks, false, 0);
            case TIMESTAMPTZ -> PgDateTime.formatTimestamp(ticks, true, offsetSeconds);
        });
    }
}
