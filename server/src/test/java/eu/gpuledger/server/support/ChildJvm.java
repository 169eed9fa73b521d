package eu.gpuledger.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A second JVM on the tests' class path, to be stopped or killed the way an operator or the OOM killer would: its
 * output goes to a file the test reads.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static ChildJvm start(Class<?> mainClass, Path output, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            return new ChildJvm(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass.getName() + " in a JVM of its own", e);
        }
    }

    /** Waits until a line of the output matches, at most {@code wait}; fails when the JVM ends first. */
    public String awaitLine(Pattern line, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (String written : lines()) {
                if (line.matcher(written).find()) {
                    return written;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the child JVM ended (exit " + process.exitValue() + ") before printing "
                        + line + ":\n" + String.join("\n", lines()));
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("no line matching " + line + " within " + wait + ":\n" + String.join("\n", lines()));
    }

    public List<String> lines() {
        try {
            return Files.readAllLines(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, as {@code kill} or systemd stop a server; waits for the JVM to end. */
    public int stop(Duration wait) throws InterruptedException {
        process.destroy();
        return awaitExit(wait);
    }

    /** SIGKILL, as {@code kill -9} or the OOM killer: no shutdown hook runs. */
    public void kill(Duration wait) throws InterruptedException {
        process.destroyForcibly();
        awaitExit(wait);
    }

    private int awaitExit(Duration wait) throws InterruptedException {
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child JVM did not end within " + wait);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
