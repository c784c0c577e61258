package dev.gatehouse.proxy.masking;

/**
 * The check digits that separate real account numbers from look-alike digit runs. Each reads
 * {@code text[from, to)} and skips separators (spaces, dashes), so grouped forms check as written.
 */
final class Checksums {

    private Checksums() {
    }

    /** Luhn (mod 10), as on payment cards. */
    static boolean luhn(byte[] text, int from, int to) {
        int sum = 0;
        boolean doubled = false;
        for (int i = to - 1; i >= from; i--) {
            if (!Ascii.digit(text[i])) {
                continue;
            }
            int d = Ascii.value(text[i]);
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /**
     * ISO 13616 mod-97: the first four characters move to the end, letters count as 10..35, and
     * the resulting number leaves remainder 1. Letters may be either case.
     */
    static boolean iban(byte[] text, int from, int to) {
        int[] chars = new int[34];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text[i] != ' ') {
                if (n == chars.length) {
                    return false;
                }
                chars[n++] = text[i];
            }
        }
        int remainder = 0;
        for (int k = 0; k < n; k++) {
            int c = chars[(k + 4) % n];
            if (Ascii.digit((byte) c)) {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (Ascii.letter((byte) c)) {
                remainder = (remainder * 100 + ((c | 0x20) - 'a' + 10)) % 97;
            } else {
                return false;
            }
        }
        return n >= 4 && remainder == 1;
    }

    /** ABA routing number: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10. */
    static boolean abaRouting(byte[] text, int from) {
        int sum = 0;
        for (int k = 0; k < 9; k++) {
            int weight = switch (k % 3) {
                case 0 -> 3;
                case 1 -> 7;
                default -> 1;
            };
            sum += weight * Ascii.value(text[from + k]);
        }
        return sum % 10 == 0;
    }

    /** SSA rules: area 000, 666 and 900-999, group 00 and serial 0000 were never issued. */
    static boolean ssnIssuable(int area, int group, int serial) {
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
