package dev.gatehouse.assembly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a tool's real {@code main} in a child JVM on the test classpath, to see exactly what a
 * person sees: the exit code and every line on stdout and stderr, library noise included.
 */
final class ToolProcess {

    private ToolProcess() {
    }

    static ProcessBuilder builder(Class<?> mainClass, Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(extraEnv);
        return builder;
    }

    static Result run(Class<?> mainClass, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        Process process = builder(mainClass, extraEnv, args).start();
        process.getOutputStream().close();
        // Both outputs are tiny (a line or two), so reading one after the other cannot block.
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        return new Result(process.waitFor(), out, err);
    }

    record Result(int exitCode, String stdout, String stderr) {

        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }
}
