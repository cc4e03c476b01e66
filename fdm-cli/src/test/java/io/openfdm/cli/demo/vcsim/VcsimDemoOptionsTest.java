package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.CliException;
import io.openfdm.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fdm demo --vcsim}'s options and its vcsim install step, without starting anything. */
class VcsimDemoOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void badOptionsExit2NamingTheOptionBeforeAnythingStarts() {
        Path dir = tmp.resolve("never-created");
        for (String[] args : new String[][] {
                {"--hosts", "2"}, {"--vms", "3"}, {"--datastores", "9"}, {"--timing", "fast"},
                {"--base-address", "127.0.0.253"}, {"--base-address", "localhost"}, {"--vcsim-delay", "5000"}}) {
            String[] full = new String[args.length + 4];
            full[0] = "demo";
            full[1] = "--vcsim";
            System.arraycopy(args, 0, full, 2, args.length);
            full[args.length + 2] = "--dir";
            full[args.length + 3] = dir.toString();
            CliRun r = CliRun.of(full);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("fdm: " + args[0]);
        }
        assertThat(dir).doesNotExist();
        CliRun withoutVcsim = CliRun.of("demo", "--vcsim-delay", "100", "--dir", dir.toString());
        assertThat(withoutVcsim.exitCode()).isEqualTo(2);
        assertThat(withoutVcsim.err()).contains("--vcsim-delay needs --vcsim");
        assertThat(dir).doesNotExist();
    }

    @Test
    void theDefaultLayoutIsTheIssuesOne() {
        VcsimDemoSpec spec = VcsimDemoSpec.defaults(tmp, "127.0.0.11").validate();
        assertThat(spec.hosts()).isEqualTo(4);
        assertThat(spec.datastores()).isEqualTo(2);
        assertThat(spec.vms()).isEqualTo(16);
        assertThat(spec.agentAddress(0)).isEqualTo("127.0.0.11");
        assertThat(spec.agentAddress(3)).isEqualTo("127.0.0.14");
        assertThat(VcsimLab.flags(4, 2, 16, 0)).containsExactly("-dc", "1", "-cluster", "1", "-host", "4", "-ds", "2",
                "-vm", "16", "-standalone-host", "0");
        assertThat(VcsimLab.flags(4, 2, 16, 250)).endsWith("-delay", "250");
    }

    @Test
    void theInstallStepIsFoundInTheSourceTree() {
        assertThat(VcsimBinary.installScript()).hasValueSatisfying(p -> {
            assertThat(p).endsWith(Path.of("deploy/vcsim/install-vcsim.sh"));
            assertThat(p).isRegularFile();
        });
    }

    @Test
    void theInstalledBinaryIsTheInstallStepsLastLine() throws Exception {
        Path fake = Files.createFile(tmp.resolve("vcsim"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path ok = script("ok.sh", "echo building >&2\necho 'some line'\necho " + fake + "\n");
        assertThat(VcsimBinary.install(ok)).isEqualTo(fake);

        Path failing = script("failing.sh", "echo 'apt-get: no network' >&2\nexit 3\n");
        assertThatThrownBy(() -> VcsimBinary.install(failing)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).contains("failed (exit 3)");
        });

        Path wrong = script("wrong.sh", "echo " + tmp.resolve("missing") + "\n");
        assertThatThrownBy(() -> VcsimBinary.install(wrong)).isInstanceOf(CliException.class)
                .hasMessageContaining("not an executable file");
    }

    private Path script(String name, String body) throws Exception {
        return Files.writeString(tmp.resolve(name), "#!/usr/bin/env bash\n" + body);
    }
}
