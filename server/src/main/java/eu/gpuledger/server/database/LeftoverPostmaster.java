package eu.gpuledger.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL a killed ledger left behind. The postmaster runs detached from the JVM that started it
 * (pg_ctl daemonises it), so a {@code kill -9} or the OOM killer ends the ledger and leaves PostgreSQL running,
 * holding {@code postmaster.pid}; the next start would fail on that lock file. Before starting, this finds such a
 * server and stops it with a fast shutdown (SIGINT: sessions end, the log is flushed, nothing committed is lost).
 * <p>
 * It is left behind, and not another ledger's live database, only if no process holds zonky's {@code epg-lock} in
 * the same folder: the JVM that starts a PostgreSQL locks it for its whole life, and the operating system releases
 * the lock when that JVM dies, however it dies. A {@code postmaster.pid} whose process is gone needs nothing:
 * PostgreSQL sees that and recovers from its write-ahead log.
 */
final class LeftoverPostmaster {

    /** A fast shutdown waits for the running transactions to roll back and a checkpoint to be written. */
    static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(60);
    /** After an immediate shutdown PostgreSQL only has to exit; the next start recovers from the log. */
    static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private static final String PID_FILE = "postmaster.pid";
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /** Stops a PostgreSQL left running on this data folder by a ledger that is gone; does nothing when there is none. */
    static void stopIfAny(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = postmasterPid(pidFile);
        if (pid.isEmpty()) {
            return; // not a pid file PostgreSQL wrote: let PostgreSQL judge it
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.info("{} names process {}, which is gone: PostgreSQL will recover from its write-ahead log",
                    pidFile, pid.get());
            return;
        }
        assertNoLiveLedgerOwns(dataDirectory);
        if (!isPostmasterOf(process.get(), dataDirectory)) {
            // The pid was reused by another program (after a reboot, possibly another PostgreSQL): PostgreSQL would
            // take it for a postmaster running on this folder and refuse to start.
            log.warn("{} names process {}, which is not a PostgreSQL on this folder ({}): removing the stale lock file",
                    pidFile, pid.get(), process.get().info().commandLine().orElse("unknown command"));
            delete(pidFile);
            return;
        }
        log.warn("PostgreSQL (pid {}) is still running on {}, left by a ledger that was killed: stopping it",
                pid.get(), dataDirectory);
        stop(process.get(), dataDirectory);
    }

    private static Optional<Long> postmasterPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (NumberFormatException notAPid) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    private static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) {
        boolean postgres = process.info().command()
                .map(command -> Path.of(command).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe"))
                .isPresent();
        String[] arguments = process.info().arguments().orElse(new String[0]);
        boolean onThisFolder = false;
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D") && sameFolder(Path.of(arguments[i + 1]), dataDirectory)) {
                onThisFolder = true;
            }
        }
        return postgres && onThisFolder;
    }

    private static boolean sameFolder(Path one, Path other) {
        try {
            return Files.isSameFile(one, other);
        } catch (IOException cannotTell) {
            return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
        }
    }

    private static void assertNoLiveLedgerOwns(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
             FileLock lock = stream.getChannel().tryLock()) {
            if (lock == null) {
                throw new DataDirectoryInUse(dataDirectory, "another process holds " + lockFile
                        + " and the PostgreSQL it started is running");
            }
        } catch (OverlappingFileLockException sameJvm) {
            throw new DataDirectoryInUse(dataDirectory, "this JVM already runs a PostgreSQL on it");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + lockFile, e);
        }
    }

    private static void stop(ProcessHandle postmaster, Path dataDirectory) {
        signal(postmaster, "INT"); // fast shutdown
        if (exited(postmaster, FAST_SHUTDOWN_WAIT)) {
            log.info("stopped the PostgreSQL left running on {}", dataDirectory);
            return;
        }
        log.warn("PostgreSQL (pid {}) did not stop within {}: immediate shutdown, it recovers at the next start",
                postmaster.pid(), FAST_SHUTDOWN_WAIT);
        signal(postmaster, "QUIT"); // immediate shutdown
        if (!exited(postmaster, IMMEDIATE_SHUTDOWN_WAIT)) {
            throw new DataDirectoryInUse(dataDirectory, "PostgreSQL (pid " + postmaster.pid()
                    + ") left by an earlier ledger does not stop");
        }
    }

    /** Java can only send SIGTERM (a smart shutdown, which waits for every session) and SIGKILL: ask kill(1). */
    private static void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes()).strip();
            if (kill.waitFor() != 0 && process.isAlive()) {
                throw new IllegalStateException("kill -s " + signal + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill to stop PostgreSQL (pid " + process.pid() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL (pid " + process.pid() + ")", e);
        }
    }

    private static boolean exited(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for PostgreSQL (pid " + process.pid() + ") to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL (pid " + process.pid() + ")", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }
}
