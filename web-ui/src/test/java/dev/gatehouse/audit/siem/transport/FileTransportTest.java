package dev.gatehouse.audit.siem.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransportTest {

    @TempDir
    Path directory;

    @Test
    void batchesAreAppendedOneRecordPerLineAndSurviveARotation() throws Exception {
        Path file = directory.resolve("export/audit.ndjson");
        FileTransport transport = new FileTransport(file);

        transport.send(List.of("{\"seq\":1}", "{\"seq\":2}"));
        transport.send(List.of("{\"seq\":3}"));
        assertThat(Files.readAllLines(file)).containsExactly("{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}");

        // A shipper renames the file away; the next batch starts a new one.
        Files.move(file, directory.resolve("export/audit.ndjson.1"));
        transport.send(List.of("{\"seq\":4}"));
        assertThat(Files.readAllLines(file)).containsExactly("{\"seq\":4}");
        assertThat(Files.readString(file)).endsWith("\n");
    }
}
