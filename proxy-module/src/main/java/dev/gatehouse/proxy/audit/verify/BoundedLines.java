package dev.gatehouse.proxy.audit.verify;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most {@link #MAX_LINE_CHARS} characters: a bundle comes from elsewhere, and
 * one endless line must not take the verifier's memory with it.
 */
final class BoundedLines {

    /** Generous for one event with its statement text and parameters, small enough to hold in memory. */
    static final int MAX_LINE_CHARS = 64 * 1024 * 1024;

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private long lineNumber;

    BoundedLines(Reader reader) {
        this(reader, MAX_LINE_CHARS);
    }

    BoundedLines(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line without its line break (LF or CRLF), or null at the end. */
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit && !fill()) {
                if (line == null) {
                    return null;
                }
                return finish(line);
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (line == null) {
                line = new StringBuilder(position - start + 16);
            }
            if (line.length() + (position - start) > maxChars) {
                throw new IOException("line " + (lineNumber + 1) + " is longer than " + maxChars + " characters");
            }
            line.append(buffer, start, position - start);
            if (position < limit) {
                position++;
                return finish(line);
            }
        }
    }

    long lineNumber() {
        return lineNumber;
    }

    private boolean fill() throws IOException {
        int read = reader.read(buffer);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private String finish(StringBuilder line) {
        lineNumber++;
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}
