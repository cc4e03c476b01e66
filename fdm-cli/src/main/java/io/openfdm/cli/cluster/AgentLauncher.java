package io.openfdm.cli.cluster;

import io.openfdm.cli.CliException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a local host's agent JVM:
 * {@code java <jvm options> -Dfdm.agentConfig=<agent.json> -cp <classpath> io.openfdm.agent.runtime.AgentMain <agent.json>}, in
 * the host's directory, stdout and stderr appended to {@code agent.log}, pid written to
 * {@code pid}. Agents outlive the {@code fdm} command that started them.
 */
public final class AgentLauncher {
    /** The agent's main class. */
    public static final String MAIN_CLASS = "io.openfdm.agent.runtime.AgentMain";
    /** Small heaps, a serial GC and the quick JIT tier: several agents share one small machine. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    private final String classpath;
    private final Path javaBinary;
    private final AgentProcesses processes = new AgentProcesses();

    /**
     * @param classpath  the agents' class path (normally this JVM's {@code java.class.path})
     * @param javaBinary the {@code java} executable
     */
    public AgentLauncher(String classpath, Path javaBinary) {
        this.classpath = classpath;
        this.javaBinary = javaBinary;
    }

    /** Agents run with this JVM's {@code java} and class path. */
    public static AgentLauncher sameAsThisJvm() {
        return new AgentLauncher(System.getProperty("java.class.path"),
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /**
     * Starts the host's agent, clears its killed/stopped markers and records the pid.
     *
     * @return the new process
     * @throws CliException if it already runs (usage) or cannot be started (failed)
     */
    public ProcessHandle start(LocalHost host) {
        Optional<ProcessHandle> running = processes.find(host);
        if (running.isPresent()) {
            throw CliException.usage(host.moid() + " already runs (pid " + running.get().pid() + ")");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary.toString());
        cmd.addAll(JVM_OPTIONS);
        // Also before the (long) class path: Linux shows another process only the first 4 KiB of
        // its command line (ProcessHandle.Info), and AgentProcesses recognises an agent by this path.
        cmd.add("-Dfdm.agentConfig=" + host.agentConfig());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN_CLASS);
        cmd.add(host.agentConfig().toString());
        try {
            Files.deleteIfExists(host.killedMarker());
            Files.deleteIfExists(host.stoppedMarker());
            Process p = new ProcessBuilder(cmd)
                    .directory(host.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(host.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            Files.writeString(host.pidFile(), p.pid() + "\n", StandardCharsets.US_ASCII);
            return p.toHandle();
        } catch (IOException e) {
            throw CliException.failed("cannot start the agent of " + host.moid() + ": " + e.getMessage());
        }
    }
}
