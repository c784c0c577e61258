package dev.gatehouse.assembly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a PostgreSQL server still running on a cluster, from the pid file it keeps there. */
final class LeftoverPostmaster {

    private LeftoverPostmaster() {
    }

    /** @return the pid in {@code postmaster.pid} if that process is alive; a stale file is not a server */
    static Optional<Long> pid(Path clusterDir) {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException absentOrUnreadable) {
            return Optional.empty();
        }
    }
}
