package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.CliException;
import io.openfdm.vsphere.vcsim.Vcsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The vcsim binary for the demo: the one {@link Vcsim#locate()} finds, else the one the project's
 * install step builds ({@code deploy/vcsim/install-vcsim.sh}: Debian's golang-go and govmomi 0.24
 * packages, about 40 s on a fresh machine; it needs root or sudo for apt-get).
 */
public final class VcsimBinary {
    /** The install step, relative to the source tree's root. */
    static final String INSTALL_SCRIPT = "deploy/vcsim/install-vcsim.sh";
    /** Environment variable naming the source tree (or distribution) root, checked first. */
    static final String HOME_ENV = "FDM_HOME";

    private VcsimBinary() {
    }

    /**
     * Finds vcsim, or installs it with the project's install step.
     *
     * @param log progress lines (the install script's own output goes to this process's stderr)
     * @throws CliException (failed) if it is not installed and the install step is missing or fails
     */
    public static Path locateOrInstall(PrintWriter log) {
        Optional<Path> found = Vcsim.locate();
        if (found.isPresent()) {
            return found.get();
        }
        Path script = installScript().orElseThrow(() -> CliException.failed("vcsim is not installed (looked at "
                + Vcsim.searchPath() + ") and " + INSTALL_SCRIPT + " was not found; run it from an OpenFDM source tree"
                + " or set " + Vcsim.BINARY_ENV + " to a vcsim binary"));
        log.println("vcsim not found; installing it with " + script + " (Debian packages golang-go and"
                + " golang-github-vmware-govmomi-dev; about 40 s the first time)");
        log.flush();
        return install(script);
    }

    /** Runs the install script; its last stdout line is the binary. */
    static Path install(Path script) {
        List<String> lines = new ArrayList<>();
        int exit;
        try {
            Process p = new ProcessBuilder("bash", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            }
            exit = p.waitFor();
        } catch (IOException e) {
            throw CliException.failed("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted while installing vcsim");
        }
        if (exit != 0 || lines.isEmpty()) {
            throw CliException.failed(script + " failed (exit " + exit + "); see its output above");
        }
        Path binary = Path.of(lines.get(lines.size() - 1).strip());
        if (!Files.isExecutable(binary)) {
            throw CliException.failed(script + " printed " + binary + ", which is not an executable file");
        }
        return binary;
    }

    /**
     * The install script: under {@code $FDM_HOME}, else above the directory of the jar or classes
     * this class was loaded from ({@code <root>/fdm-cli/target/...} in a source tree).
     */
    static Optional<Path> installScript() {
        List<Path> roots = new ArrayList<>();
        String home = System.getenv(HOME_ENV);
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home));
        }
        try {
            Path from = Path.of(VcsimBinary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = from.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                roots.add(p);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): only FDM_HOME
        }
        return roots.stream().map(r -> r.resolve(INSTALL_SCRIPT)).filter(Files::isRegularFile).findFirst();
    }
}
