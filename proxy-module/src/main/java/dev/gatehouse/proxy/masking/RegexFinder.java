package dev.gatehouse.proxy.masking;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom detector: every non-empty match of the admin's pattern. The pattern runs on the decoded
 * text, and match positions are mapped back to byte offsets, so matches of non-ASCII text (and
 * text around them) are masked whole. Text that is not valid UTF-8 cannot be matched reliably and
 * fails the value rather than letting it through unscanned. A pattern that backtracks for longer
 * than {@value #BUDGET_MILLIS} ms on one value fails it too: an admin's regex must not stall the
 * data path, and giving up must not pass the value.
 */
final class RegexFinder implements Finder {

    static final long BUDGET_MILLIS = 50;

    private final Pattern pattern;

    RegexFinder(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean mayMatch(boolean hasDigit, boolean hasAt) {
        return true;
    }

    @Override
    public void find(byte[] text, int from, int to, Sink sink) throws UnmaskableValueException {
        CharSequence chars = decode(text, from, to);
        Matcher matcher = pattern.matcher(new Budgeted(chars, System.nanoTime() + BUDGET_MILLIS * 1_000_000));
        int charIndex = 0;
        int byteIndex = from;
        while (find(matcher)) {
            if (matcher.end() == matcher.start()) {
                continue;
            }
            byteIndex = advance(chars, charIndex, matcher.start(), byteIndex);
            int start = byteIndex;
            byteIndex = advance(chars, matcher.start(), matcher.end(), byteIndex);
            charIndex = matcher.end();
            sink.add(start, byteIndex);
        }
    }

    private static boolean find(Matcher matcher) throws UnmaskableValueException {
        try {
            return matcher.find();
        } catch (OverBudget e) {
            throw new UnmaskableValueException("a custom detector took longer than " + BUDGET_MILLIS + " ms on one value");
        }
    }

    private static CharSequence decode(byte[] text, int from, int to) throws UnmaskableValueException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text, from, to - from));
        } catch (CharacterCodingException e) {
            throw new UnmaskableValueException("a text value is not valid UTF-8, so custom detectors cannot scan it");
        }
    }

    /** The byte offset after the UTF-8 encoding of {@code chars[fromChar, toChar)}, starting at {@code byteIndex}. */
    private static int advance(CharSequence chars, int fromChar, int toChar, int byteIndex) {
        for (int c = fromChar; c < toChar; c++) {
            char ch = chars.charAt(c);
            if (ch < 0x80) {
                byteIndex += 1;
            } else if (ch < 0x800) {
                byteIndex += 2;
            } else if (Character.isHighSurrogate(ch)) {
                byteIndex += 4;
                c++;
            } else {
                byteIndex += 3;
            }
        }
        return byteIndex;
    }

    /** The text as the matcher reads it, checking the clock every few thousand characters read. */
    private static final class Budgeted implements CharSequence {

        private final CharSequence text;
        private final long deadline;
        private int reads;

        Budgeted(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xfff) == 0 && System.nanoTime() > deadline) {
                throw new OverBudget();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }
}
