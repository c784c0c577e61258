package dev.gatehouse.proxy.masking;

import java.math.BigDecimal;

/**
 * PostgreSQL's binary numeric: int16 ndigits, int16 weight, int16 sign, int16 dscale, then ndigits
 * base-10000 digits (int16 each); the value is the sum of digit[i] · 10000^(weight - i), shown with
 * dscale decimals. The special values NaN and ±Infinity are signs with no digits.
 */
final class NumericBinary {

    static final int POSITIVE = 0x0000;
    static final int NEGATIVE = 0x4000;
    static final int NAN = 0xC000;
    static final int PLUS_INFINITY = 0xD000;
    static final int MINUS_INFINITY = 0xF000;

    private NumericBinary() {
    }

    /** The sign word of a special value in {@code value}, or -1 when it holds a number. */
    static int special(byte[] value) {
        if (value.length < 8) {
            return -1;
        }
        int sign = int16(value, 4) & 0xffff;
        return sign == NAN || sign == PLUS_INFINITY || sign == MINUS_INFINITY ? sign : -1;
    }

    static BigDecimal decode(byte[] value) {
        if (value.length < 8) {
            throw new NumberFormatException();
        }
        int ndigits = int16(value, 0);
        int weight = (short) int16(value, 2);
        int sign = int16(value, 4) & 0xffff;
        int dscale = int16(value, 6);
        if (ndigits < 0 || dscale < 0 || value.length != 8 + 2 * ndigits || (sign != POSITIVE && sign != NEGATIVE)) {
            throw new NumberFormatException();
        }
        BigDecimal result = BigDecimal.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int digit = int16(value, 8 + 2 * i);
            if (digit < 0 || digit > 9999) {
                throw new NumberFormatException();
            }
            result = result.add(BigDecimal.valueOf(digit).scaleByPowerOfTen(4 * (weight - i)));
        }
        result = result.setScale(dscale, java.math.RoundingMode.DOWN);
        return sign == NEGATIVE ? result.negate() : result;
    }

    static byte[] encode(BigDecimal value) {
        BigDecimal number = value.scale() < 0 ? value.setScale(0) : value;
        int dscale = number.scale();
        String digits = number.unscaledValue().abs().toString();
        if (digits.length() <= dscale) {
            digits = "0".repeat(dscale - digits.length() + 1) + digits;
        }
        String integerPart = digits.substring(0, digits.length() - dscale);
        String fraction = digits.substring(digits.length() - dscale);
        integerPart = "0".repeat((4 - integerPart.length() % 4) % 4) + integerPart;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String all = integerPart + fraction;
        int groups = all.length() / 4;
        int weight = integerPart.length() / 4 - 1;
        int first = 0;
        while (first < groups && group(all, first) == 0) {
            first++;
        }
        int last = groups - 1;
        while (last >= first && group(all, last) == 0) {
            last--;
        }
        int ndigits = Math.max(0, last - first + 1);
        Utf8Builder out = new Utf8Builder(8 + 2 * ndigits);
        out.int16(ndigits).int16(ndigits == 0 ? 0 : weight - first)
                .int16(number.signum() < 0 ? NEGATIVE : POSITIVE).int16(dscale);
        for (int g = first; g <= last; g++) {
            out.int16(group(all, g));
        }
        return out.toArray();
    }

    /** A special value's encoding: the sign word and no digits. */
    static byte[] encodeSpecial(int sign) {
        return new Utf8Builder(8).int16(0).int16(0).int16(sign).int16(0).toArray();
    }

    private static int group(String digits, int index) {
        return Integer.parseInt(digits, 4 * index, 4 * index + 4, 10);
    }

    private static int int16(byte[] value, int at) {
        return ((value[at] & 0xff) << 8) | (value[at + 1] & 0xff);
    }
}
