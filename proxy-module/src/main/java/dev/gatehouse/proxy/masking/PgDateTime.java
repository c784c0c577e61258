package dev.gatehouse.proxy.masking;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * PostgreSQL's date and time encodings. Binary: date is int32 days since 2000-01-01; time int64
 * microseconds since midnight; timestamp and timestamptz int64 microseconds since 2000-01-01
 * 00:00 (UTC for timestamptz); ±infinity are the extreme integers. Text: the ISO DateStyle only
 * (PostgreSQL's default); any other style does not parse, so those values fail closed.
 */
final class PgDateTime {

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    /** 1970-01-01 minus 2000-01-01, in days. */
    static final int UNIX_EPOCH_DAYS = -10_957;

    /** A decoded value: days (date) or microseconds (the others), and for timestamptz text the offset it showed. */
    record Value(long ticks, int offsetSeconds) {
    }

    private PgDateTime() {
    }

    static Value parseDate(String text) {
        return switch (text) {
            case "infinity" -> new Value(Integer.MAX_VALUE, 0);
            case "-infinity" -> new Value(Integer.MIN_VALUE, 0);
            default -> {
                boolean bc = text.endsWith(" BC");
                String body = bc ? text.substring(0, text.length() - 3) : text;
                yield new Value(days(body, bc), 0);
            }
        };
    }

    static Value parseTime(String text) {
        return new Value(timeOfDay(text), 0);
    }

    /** timestamp (no zone) or timestamptz (with a zone offset after the time). */
    static Value parseTimestamp(String text, boolean withZone) {
        if (text.equals("infinity")) {
            return new Value(Long.MAX_VALUE, 0);
        }
        if (text.equals("-infinity")) {
            return new Value(Long.MIN_VALUE, 0);
        }
        boolean bc = text.endsWith(" BC");
        String body = bc ? text.substring(0, text.length() - 3) : text;
        int space = body.indexOf(' ');
        if (space < 0) {
            throw new DateTimeException("no time");
        }
        String time = body.substring(space + 1);
        int offsetSeconds = 0;
        if (withZone) {
            int sign = Math.max(time.lastIndexOf('+'), time.lastIndexOf('-'));
            if (sign < 0) {
                throw new DateTimeException("no zone");
            }
            offsetSeconds = offset(time.substring(sign));
            time = time.substring(0, sign);
        }
        long local = days(body.substring(0, space), bc) * MICROS_PER_DAY + timeOfDay(time);
        return new Value(local - offsetSeconds * MICROS_PER_SECOND, offsetSeconds);
    }

    private static long days(String date, boolean bc) {
        int first = date.indexOf('-', 1);
        int second = date.indexOf('-', first + 1);
        if (first < 4 || second != first + 3 || date.length() != second + 3) {
            throw new DateTimeException("not ISO");
        }
        int year = number(date, 0, first);
        LocalDate local = LocalDate.of(bc ? 1 - year : year, number(date, first + 1, second), number(date, second + 1, date.length()));
        return local.toEpochDay() + UNIX_EPOCH_DAYS;
    }

    /** HH:MM:SS with up to six fractional digits; 24:00:00 is a valid time in PostgreSQL. */
    private static long timeOfDay(String time) {
        if (time.length() < 8 || time.charAt(2) != ':' || time.charAt(5) != ':') {
            throw new DateTimeException("not HH:MM:SS");
        }
        int hours = number(time, 0, 2);
        int minutes = number(time, 3, 5);
        int seconds = number(time, 6, 8);
        long micros = 0;
        if (time.length() > 8) {
            if (time.charAt(8) != '.' || time.length() > 15 || time.length() == 9) {
                throw new DateTimeException("bad fraction");
            }
            String fraction = time.substring(9) + "0".repeat(15 - time.length());
            micros = number(fraction, 0, 6);
        }
        long total = ((hours * 60L + minutes) * 60 + seconds) * MICROS_PER_SECOND + micros;
        if (minutes > 59 || seconds > 60 || total > MICROS_PER_DAY) {
            throw new DateTimeException("out of range");
        }
        return total;
    }

    private static int offset(String zone) {
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        String[] parts = zone.substring(1).split(":", -1);
        if (parts.length > 3 || parts[0].length() != 2) {
            throw new DateTimeException("bad zone");
        }
        int seconds = 0;
        for (int i = 0; i < 3; i++) {
            seconds = seconds * 60 + (i < parts.length ? number(parts[i], 0, parts[i].length()) : 0);
        }
        return sign * seconds;
    }

    private static int number(String text, int from, int to) {
        if (from >= to || to - from > 9) {
            throw new DateTimeException("not a number");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not a number");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String formatDate(long days) {
        if (days == Integer.MAX_VALUE) {
            return "infinity";
        }
        if (days == Integer.MIN_VALUE) {
            return "-infinity";
        }
        LocalDate date = LocalDate.ofEpochDay(days - UNIX_EPOCH_DAYS);
        int year = date.getYear();
        String text = String.format("%04d-%02d-%02d", year > 0 ? year : 1 - year, date.getMonthValue(), date.getDayOfMonth());
        return year > 0 ? text : text + " BC";
    }

    static String formatTime(long micros) {
        long seconds = micros / MICROS_PER_SECOND;
        String text = String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        long fraction = micros % MICROS_PER_SECOND;
        if (fraction == 0) {
            return text;
        }
        String digits = String.format("%06d", fraction).replaceAll("0+$", "");
        return text + "." + digits;
    }

    /** timestamp, or timestamptz shown at the given offset (e.g. {@code +00}, {@code +05:30}). */
    static String formatTimestamp(long micros, boolean withZone, int offsetSeconds) {
        if (micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        long local = micros + offsetSeconds * MICROS_PER_SECOND;
        long days = Math.floorDiv(local, MICROS_PER_DAY);
        String date = formatDate(days);
        boolean bc = date.endsWith(" BC");
        String text = (bc ? date.substring(0, date.length() - 3) : date) + " " + formatTime(Math.floorMod(local, MICROS_PER_DAY));
        if (withZone) {
            text += formatOffset(offsetSeconds);
        }
        return bc ? text + " BC" : text;
    }

    private static String formatOffset(int offsetSeconds) {
        int magnitude = Math.abs(offsetSeconds);
        String text = (offsetSeconds < 0 ? "-" : "+") + String.format("%02d", magnitude / 3600);
        if (magnitude % 3600 != 0) {
            text += String.format(":%02d", magnitude / 60 % 60);
        }
        if (magnitude % 60 != 0) {
            text += String.format(":%02d", magnitude % 60);
        }
        return text;
    }

    static String ascii(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII);
    }
}
