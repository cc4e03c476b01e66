package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds, kills and stops the agent JVMs of a local cluster ({@link AgentLauncher} starts them),
 * by the pid recorded in each host's {@code pid} file (see {@link LocalHost}).
 *
 * <p>A pid is trusted only while its process is alive and, where the OS tells us, its command
 * line names this host's {@code agent.json}, so a recycled pid is never killed.
 */
public final class AgentProcesses {
    /** The host's live agent process, if any. */
    public Optional<ProcessHandle> find(LocalHost host) {
        return recordedPid(host).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> runsAgentOf(p, host));
    }

    /** What became of the host's agent. */
    public ProcessState state(LocalHost host) {
        if (find(host).isPresent()) {
            return ProcessState.RUNNING;
        }
        if (Files.exists(host.killedMarker())) {
            return ProcessState.KILLED;
        }
        if (Files.exists(host.stoppedMarker())) {
            return ProcessState.STOPPED;
        }
        return recordedPid(host).isPresent() ? ProcessState.EXITED : ProcessState.NOT_STARTED;
    }

    /** The pid recorded for the host, if the pid file exists and parses. */
    public Optional<Long> recordedPid(LocalHost host) {
        try {
            if (!Files.isRegularFile(host.pidFile())) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(host.pidFile(), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Kills the host's agent with SIGKILL (a host crash: no resignation, no lease release) and
     * marks it killed (only if it was running). Waits up to 5 s for the process to disappear.
     *
     * @return the killed pid, or empty if it was not running
     */
    public Optional<Long> kill9(LocalHost host) {
        Optional<ProcessHandle> p = find(host);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        mark(host.killedMarker());
        // destroyForcibly is SIGKILL on Linux and macOS.
        p.get().destroyForcibly();
        awaitExit(p.get(), 5_000);
        if (p.get().isAlive()) {
            runKill9(p.get().pid());
            awaitExit(p.get(), 5_000);
        }
        if (p.get().isAlive()) {
            throw CliException.failed("could not kill " + host.moid() + " (pid " + p.get().pid() + ")");
        }
        return Optional.of(p.get().pid());
    }

    /**
     * Sends SIGTERM to the host's agent (it resigns and releases its leases) and marks it stopped (only if it was running).
     * Does not wait; see {@link #awaitExit}.
     *
     * @return the process, or empty if it was not running
     */
    public Optional<ProcessHandle> terminate(LocalHost host) {
        Optional<ProcessHandle> p = find(host);
        if (p.isPresent()) {
            mark(host.stoppedMarker());
            p.get().destroy();
        }
        return p;
    }

    /** Waits up to {@code timeoutMs} milliseconds for the process to exit; true if it did. */
    public static boolean awaitExit(ProcessHandle p, long timeoutMs) {
        try {
            p.onExit().get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static boolean runsAgentOf(ProcessHandle p, LocalHost host) {
        Optional<String[]> args = p.info().arguments();
        if (args.isEmpty()) {
            return p.info().commandLine().map(c -> c.contains(host.agentConfig().toString())).orElse(true);
        }
        for (String a : args.get()) {
            if (a.equals(host.agentConfig().toString())) {
                return true;
            }
        }
        return false;
    }

    private static void runKill9(long pid) {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw CliException.failed("kill -9 " + pid + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void mark(Path marker) {
        try {
            Files.writeString(marker, java.time.Instant.now() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }
}
