package io.openfdm.cli.demo.vcsim;

import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * The vcsim binary for a test: the test fails when vcsim is not installed (CI installs it with
 * deploy/vcsim/install-vcsim.sh), unless {@code -Dfdm.vcsim.optional=true} (local runs only),
 * which skips it with a message.
 */
final class VcsimForTests {
    private VcsimForTests() {
    }

    static Path binary() {
        if (Vcsim.locate().isEmpty() && Vcsim.optionalForTests()) {
            Assumptions.abort("vcsim not installed (looked at " + Vcsim.searchPath()
                    + "); skipped because -Dfdm.vcsim.optional=true");
        }
        return Vcsim.locate().orElseThrow(() -> new AssertionError("vcsim is not installed (looked at "
                + Vcsim.searchPath() + "); install it with deploy/vcsim/install-vcsim.sh, or run with"
                + " -Dfdm.vcsim.optional=true to skip the vcsim tests locally"));
    }
}
