package dev.gatehouse.proxy.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines of at most {@link #MAX_LINE_BYTES} bytes: a bundle comes from elsewhere, and
 * one endless line must not take the verifier's memory with it. Lines are split on the byte '\n',
 * which never occurs inside a multi-byte UTF-8 sequence, and each is decoded whole, which is much
 * faster than decoding through a Reader. Malformed UTF-8 becomes U+FFFD, so a damaged byte still
 * changes the line and fails its hash.
 */
final class BoundedLines {

    /** Generous for one event with its statement text and parameters, small enough to hold in memory. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final int maxBytes;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int limit;
    private long lineNumber;

    BoundedLines(InputStream in) {
        this(in, MAX_LINE_BYTES);
    }

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its line break (LF or CRLF), or null at the end. */
    String next() throws IOException {
        int scanned = start;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    String line = decode(start, i);
                    start = i + 1;
                    return line;
                }
            }
            scanned = limit;
            if (limit - start > maxBytes) {
                throw new IOException("line " + (lineNumber + 1) + " is longer than " + maxBytes + " bytes");
            }
            int shift = start;
            if (!fill()) {
                if (start == limit) {
                    return null;
                }
                String last = decode(start, limit);
                start = limit;
                return last;
            }
            scanned -= shift;
        }
    }

    long lineNumber() {
        return lineNumber;
    }

    /** Moves the unread part to the front, grows the buffer when a line fills it, and reads more. */
    private boolean fill() throws IOException {
        int unread = limit - start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, unread);
        } else if (unread == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 2));
        }
        start = 0;
        limit = unread;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read <= 0) {
            return false;
        }
        limit += read;
        return true;
    }

    private String decode(int from, int to) {
        lineNumber++;
        int end = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
        return new String(buffer, from, end - from, StandardCharsets.UTF_8);
    }
}
