package io.openfdm.cli.bridge;

import io.openfdm.cli.CliRun;
import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fdm bridge}: bad input and refused credentials exit 2 with a message that names the problem. */
class BridgeCommandTest {
    @TempDir
    Path dir;

    private CliRun bridge(String... more) {
        String[] args = new String[more.length + 7];
        args[0] = "bridge";
        args[1] = "--state-dir";
        args[2] = dir.resolve("state").toString();
        args[3] = "--agents-dir";
        args[4] = dir.resolve("agents").toString();
        args[5] = "--listen";
        args[6] = "127.0.3.1:0";
        System.arraycopy(more, 0, args, 7, more.length);
        return CliRun.of(args);
    }

    @Test
    void missingOrBadOptionsAreUsageErrors() throws Exception {
        assertThat(bridge("--user", "u")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("--vcenter is required");
        });
        assertThat(bridge("--vcenter", "https://127.0.3.1:1/sdk", "--user", "u", "--password-file", dir.resolve("nope").toString()))
                .satisfies(r -> {
                    assertThat(r.exitCode()).isEqualTo(2);
                    assertThat(r.err()).contains("--password-file: cannot read");
                });
        Path pw = Files.writeString(dir.resolve("pw"), "secret\n");
        assertThat(bridge("--vcenter", "https://127.0.3.1:1/sdk", "--user", "u", "--password-file", pw.toString(),
                "--agent-address", "host-21=300.0.0.1")).satisfies(r -> {
                    assertThat(r.exitCode()).isEqualTo(2);
                    assertThat(r.err()).contains("--agent-address host-21=300.0.0.1").contains("not an IPv4 address");
                });
        assertThat(bridge("--vcenter", "ftp://x", "--user", "u", "--password-file", pw.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("bridge", "--listen", "localhost:80", "--vcenter", "https://x/sdk").exitCode()).isEqualTo(2);
    }

    @Test
    void credentialsVcenterRefusesExitTwo() throws Exception {
        if (Vcsim.locate().isEmpty() && Vcsim.optionalForTests()) {
            Assumptions.abort("vcsim not installed (looked at " + Vcsim.searchPath() + "); skipped because -Dfdm.vcsim.optional=true");
        }
        Path pw = Files.writeString(dir.resolve("pw"), "wrong\n");
        try (Vcsim vcsim = Vcsim.start(Vcsim.Options.flags("-cluster", "1", "-host", "2", "-vm", "1")
                .credentials("fdm", "secret").listenOn("127.0.3.1"))) {
            CliRun r = bridge("--vcenter", vcsim.sdkUrl().toString(), "--user", "fdm", "--password-file", pw.toString(), "--insecure");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("refused the credentials of user fdm");
        }
    }
}
