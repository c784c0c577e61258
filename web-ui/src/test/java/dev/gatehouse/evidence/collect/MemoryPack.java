package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackEntries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pack's files in memory, for tests of small fixtures; refuses a second open file, as the zip writer would. */
final class MemoryPack implements PackEntries {

    final Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
    private boolean open;

    @Override
    public OutputStream open(String path) throws IOException {
        if (open) {
            throw new IllegalStateException("a file is still open while " + path + " is opened");
        }
        if (files.containsKey(path)) {
            throw new IllegalStateException(path + " written twice");
        }
        open = true;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        files.put(path, bytes);
        return new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    String text(String path) {
        ByteArrayOutputStream bytes = files.get(path);
        if (bytes == null) {
            throw new IllegalArgumentException("no file " + path + " in " + files.keySet());
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
