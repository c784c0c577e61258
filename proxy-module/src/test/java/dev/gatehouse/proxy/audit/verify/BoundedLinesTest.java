package dev.gatehouse.proxy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {

    @Test
    void splitsOnLfAndCrlfAndKeepsALastLineWithoutBreak() throws IOException {
        assertThat(lines("one\ntwo\r\n\nthree", 1024)).containsExactly("one", "two", "", "three");
        assertThat(lines("one\n", 1024)).containsExactly("one");
        assertThat(lines("", 1024)).isEmpty();
    }

    @Test
    void decodesMultiByteCharactersSplitAcrossReads() throws IOException {
        String text = "\u00e9\u4e2d\uD83D\uDE00\n" + "x".repeat(70_000) + "\u4e2d\nend";

        assertThat(lines(text, 1024 * 1024)).containsExactly("\u00e9\u4e2d\uD83D\uDE00", "x".repeat(70_000) + "\u4e2d", "end");
    }

    @Test
    void malformedUtf8BecomesTheReplacementCharacter() throws IOException {
        byte[] bytes = {'a', (byte) 0xC3, '\n', 'b'};
        BoundedLines lines = new BoundedLines(new ByteArrayInputStream(bytes));

        assertThat(lines.next()).isEqualTo("a\uFFFD");
        assertThat(lines.next()).isEqualTo("b");
    }

    @Test
    void refusesALineLongerThanItsLimit() throws IOException {
        BoundedLines lines = new BoundedLines(new OneByteAtATime(("short\n" + "y".repeat(200) + "\n").getBytes(StandardCharsets.UTF_8)), 100);

        assertThat(lines.next()).isEqualTo("short");
        assertThatThrownBy(lines::next).isInstanceOf(IOException.class).hasMessage("line 2 is longer than 100 bytes");
    }

    @Test
    void countsLines() throws IOException {
        BoundedLines lines = new BoundedLines(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)));
        lines.next();
        lines.next();

        assertThat(lines.lineNumber()).isEqualTo(2);
        assertThat(lines.next()).isNull();
    }

    private static List<String> lines(String text, int max) throws IOException {
        BoundedLines lines = new BoundedLines(new OneByteAtATime(text.getBytes(StandardCharsets.UTF_8)), max);
        List<String> all = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        BoundedLines whole = new BoundedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<String> again = new ArrayList<>();
        for (String line = whole.next(); line != null; line = whole.next()) {
            again.add(line);
        }
        assertThat(again).isEqualTo(all);
        return all;
    }

    /** The worst case for buffer handling: every read returns a single byte. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int position;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            into[offset] = bytes[position++];
            return 1;
        }
    }
}
