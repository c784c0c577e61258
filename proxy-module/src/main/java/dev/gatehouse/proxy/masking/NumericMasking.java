package dev.gatehouse.proxy.masking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * numeric, in both formats. Redact gives 0 at the value's own scale; Partial keeps the digits named
 * and zeroes the rest (a card number stored as numeric keeping 4 shows only its last four); Tokenize
 * and Hash give a non-negative number with as many digits (at most 38) and the same scale, derived
 * from the digest of the plain decimal text. NaN and ±Infinity carry no data and stay as they are,
 * except under Redact.
 */
final class NumericMasking implements TypeMasking {

    private static final int MAX_TOKEN_DIGITS = 38;

    @Override
    public String typeName() {
        return "numeric";
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        if (method instanceof MaskMethod.Redact) {
            return encode(binary, BigDecimal.ZERO.setScale(redactScale(binary, value)));
        }
        if (special(binary, value)) {
            return value;
        }
        BigDecimal number = decode(binary, value);
        BigDecimal masked = switch (method) {
            case MaskMethod.Partial partial -> new BigDecimal(new BigInteger(
                    (number.signum() < 0 ? "-" : "") + Digits.partial(number.unscaledValue().abs().toString(), partial)),
                    number.scale());
            default -> derived(number, method, tokens);
        };
        return encode(binary, masked);
    }

    private static BigDecimal derived(BigDecimal number, MaskMethod method, Tokens tokens) throws UnmaskableValueException {
        byte[] digest = tokens.digest(method, TextMasks.utf8(number.toPlainString()));
        int digits = Math.min(MAX_TOKEN_DIGITS, number.unscaledValue().abs().toString().length());
        BigInteger derived = new BigInteger(1, java.util.Arrays.copyOf(digest, 16)).mod(BigInteger.TEN.pow(digits));
        return new BigDecimal(derived, number.scale());
    }

    /** Redact keeps the scale when the value shows it, so 1234.56 becomes 0.00; it does not need to decode more. */
    private int redactScale(boolean binary, byte[] value) {
        try {
            if (special(binary, value)) {
                return 0;
            }
            return Math.max(0, decode(binary, value).scale());
        } catch (UnmaskableValueException e) {
            return 0;
        }
    }

    private static boolean special(boolean binary, byte[] value) {
        if (binary) {
            return NumericBinary.special(value) >= 0;
        }
        String text = new String(value, StandardCharsets.US_ASCII);
        return text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity");
    }

    BigDecimal decode(boolean binary, byte[] value) throws UnmaskableValueException {
        try {
            if (binary) {
                return NumericBinary.decode(value);
            }
            for (byte b : value) {
                if (!Ascii.digit(b) && b != '-' && b != '.') {
                    throw new NumberFormatException();
                }
            }
            return new BigDecimal(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException | ArithmeticException e) {
            throw TypeMasking.undecodable(typeName(), binary);
        }
    }

    private static byte[] encode(boolean binary, BigDecimal value) {
        return binary ? NumericBinary.encode(value) : TextMasks.utf8(value.toPlainString());
    }
}
