package io.openfdm.vsphere.vcsim;

import io.openfdm.vsphere.VsphereEndpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts and stops a vcsim process (govmomi's vSphere API simulator) for demos, benchmarks and tests.
 *
 * <p><b>Binary:</b> the environment variable {@value #BINARY_ENV} if set, else the project's build
 * {@code ~/.cache/openfdm/vcsim/bin/vcsim} ({@code deploy/vcsim/install-vcsim.sh}), else the shared
 * build {@code ~/.cache/vcsim/bin/vcsim}. Only the project's build knows {@code -username} and
 * {@code -password} ({@link Options#credentials}).
 *
 * <p><b>Start:</b> {@code vcsim -l 127.0.0.1:0 <flags> -vim60}; port 0 (the default) picks a free port. vcsim
 * prints {@code export GOVC_URL=https://user:pass@127.0.0.1:PORT/sdk GOVC_SIM_PID=N} once it
 * serves; {@link #start} waits for that line and parses it. {@code -vim60} hides the vSphere 6.5+
 * managers that yavijava 6.0 cannot unmarshal. The certificate is self-signed: connect insecure.
 *
 * <p><b>Stop:</b> {@link #close()} sends SIGTERM (vcsim then removes its {@code /tmp/govcsim-*}
 * datastore directories) and waits up to {@value #STOP_TIMEOUT_MS} ms, then kills it.
 */
public final class Vcsim implements AutoCloseable {
    /** Environment variable naming the vcsim binary. */
    public static final String BINARY_ENV = "FDM_VCSIM";
    /** System property that lets tests skip when vcsim is not installed (never set in CI). */
    public static final String OPTIONAL_PROPERTY = "fdm.vcsim.optional";
    static final long STOP_TIMEOUT_MS = 5_000;
    private static final Pattern GOVC_URL = Pattern.compile("GOVC_URL=(\\S+)");
    private static final int KEPT_OUTPUT_LINES = 200;

    private final Process process;
    private final URI sdkUrl;
    private final String user;
    private final String password;
    private final Deque<String> output;

    /**
     * How to start vcsim.
     *
     * @param listenHost     IP address to listen on (a loopback address)
     * @param listenPort     TCP port, 0 for a free one (a fixed port lets a test restart "the same" vCenter)
     * @param flags          inventory flags, e.g. {@code List.of("-cluster", "1", "-host", "4", "-vm", "4")}
     * @param username       user vcsim accepts, or null for "any non-empty user and password"
     * @param password       password vcsim accepts (with {@code username})
     * @param startTimeoutMs how long to wait for the GOVC_URL line, milliseconds
     * @param tempDir        where vcsim creates its datastore directories ({@code govcsim-<dc>-<ds>-N}; its
     *                       {@code TMPDIR}), or null for the system's temporary directory
     */
    public record Options(String listenHost, int listenPort, List<String> flags, String username, String password,
                          long startTimeoutMs, Path tempDir) {
        public Options {
            flags = List.copyOf(flags);
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("username and password go together");
            }
        }

        public static Options flags(String... flags) {
            return new Options("127.0.0.1", 0, List.of(flags), null, null, 30_000, null);
        }

        /** vcsim accepts only this user and password (needs the project's vcsim build). */
        public Options credentials(String newUser, String newPassword) {
            return new Options(listenHost, listenPort, flags, newUser, newPassword, startTimeoutMs, tempDir);
        }

        public Options listenOn(String host) {
            return new Options(host, listenPort, flags, username, password, startTimeoutMs, tempDir);
        }

        public Options listenOn(String host, int port) {
            return new Options(host, port, flags, username, password, startTimeoutMs, tempDir);
        }

        /** vcsim's datastore directories go under {@code dir} (an existing directory). */
        public Options tempDir(Path dir) {
            return new Options(listenHost, listenPort, flags, username, password, startTimeoutMs, dir);
        }
    }

    private Vcsim(Process process, URI sdkUrl, String user, String password, Deque<String> output) {
        this.process = process;
        this.sdkUrl = sdkUrl;
        this.user = user;
        this.password = password;
        this.output = output;
    }

    /**
     * The vcsim binary to use, if one is installed: {@value #BINARY_ENV}, the project's build, or
     * the shared build (see the class comment).
     */
    public static Optional<Path> locate() {
        String env = System.getenv(BINARY_ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        for (Path p : List.of(cache.resolve("openfdm/vcsim/bin/vcsim"), cache.resolve("vcsim/bin/vcsim"))) {
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the system property {@value #OPTIONAL_PROPERTY} is {@code true}: tests that need
     * vcsim may then skip with a message when it is not installed. Unset in CI, where they fail.
     */
    public static boolean optionalForTests() {
        return Boolean.getBoolean(OPTIONAL_PROPERTY);
    }

    /** Where {@link #locate} looks, for error messages. */
    public static String searchPath() {
        return "$" + BINARY_ENV + ", ~/.cache/openfdm/vcsim/bin/vcsim (deploy/vcsim/install-vcsim.sh), ~/.cache/vcsim/bin/vcsim";
    }

    /** Starts the located binary with {@code -l 127.0.0.1:0 <flags> -vim60}. */
    public static Vcsim start(String... flags) {
        return start(Options.flags(flags));
    }

    /**
     * Starts the located binary.
     *
     * @throws IllegalStateException if no binary is installed, it exits early, or does not print
     *                               its URL within {@code startTimeoutMs} (its output is in the message)
     */
    public static Vcsim start(Options options) {
        Path binary = locate().orElseThrow(() -> new IllegalStateException("vcsim is not installed; looked at "
                + searchPath() + ". Install it with deploy/vcsim/install-vcsim.sh"));
        return start(binary, options);
    }

    public static Vcsim start(Path binary, Options options) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("-l");
        command.add(options.listenHost() + ":" + options.listenPort());
        command.addAll(options.flags());
        if (options.username() != null) {
            command.add("-username");
            command.add(options.username());
            command.add("-password");
            command.add(options.password());
        }
        if (!options.flags().contains("-vim60")) {
            command.add("-vim60");
        }
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (options.tempDir() != null) {
                builder.environment().put("TMPDIR", options.tempDir().toString());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process.getInputStream(), output, url), "vcsim-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            String govcUrl = url.get(options.startTimeoutMs(), TimeUnit.MILLISECONDS);
            URI withUser = URI.create(govcUrl);
            String[] userInfo = withUser.getRawUserInfo() == null ? new String[] {"user", "pass"}
                    : withUser.getRawUserInfo().split(":", 2);
            URI plain = URI.create(withUser.getScheme() + "://" + withUser.getHost() + ":" + withUser.getPort()
                    + withUser.getRawPath());
            return new Vcsim(process, plain, decode(userInfo[0]), userInfo.length > 1 ? decode(userInfo[1]) : "",
                    output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("vcsim did not start (" + command + "): " + lastOutput(output), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting vcsim", e);
        }
    }

    private static void drain(InputStream in, Deque<String> output, CompletableFuture<String> url) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > KEPT_OUTPUT_LINES) {
                        output.removeFirst();
                    }
                }
                Matcher m = GOVC_URL.matcher(line);
                if (!url.isDone() && m.find()) {
                    url.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process ended; whatever it printed is kept
        }
        url.completeExceptionally(new IllegalStateException("vcsim exited before printing GOVC_URL"));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String lastOutput(Deque<String> output) {
        synchronized (output) {
            return output.isEmpty() ? "(no output)" : String.join(" | ", output);
        }
    }

    /** The SDK URL without user information, {@code https://127.0.0.1:PORT/sdk}. */
    public URI sdkUrl() {
        return sdkUrl;
    }

    /** The user from GOVC_URL. */
    public String user() {
        return user;
    }

    /** The password from GOVC_URL. */
    public String password() {
        return password;
    }

    /** An endpoint for this vcsim: its user and password, insecure TLS, default timeouts. */
    public VsphereEndpoint endpoint() {
        return VsphereEndpoint.of(sdkUrl, user, password, true);
    }

    /** The vcsim process id. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The last lines vcsim printed (at most 200), for diagnostics. */
    public String recentOutput() {
        return lastOutput(output);
    }

    /** SIGTERM, wait up to {@value #STOP_TIMEOUT_MS} ms, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
