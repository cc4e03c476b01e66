package io.openfdm.vsphere;

import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * vcsim for tests, shared through this module's test-jar by every module that tests against it.
 * When vcsim is not installed the test FAILS, unless {@code -Dfdm.vcsim.optional=true} (local runs
 * only), which skips it with a message. Install it with {@code deploy/vcsim/install-vcsim.sh}.
 */
public final class VcsimFixture {
    private VcsimFixture() {
    }

    /** Starts vcsim with these options (skips the test as described above). */
    public static Vcsim start(Vcsim.Options options) {
        skipIfOptionalAndMissing();
        return Vcsim.start(options);
    }

    /** The vcsim binary, for tests that start it through other code (skips as described above). */
    public static Path binary() {
        skipIfOptionalAndMissing();
        return Vcsim.locate().orElseThrow(() -> new AssertionError("vcsim is not installed (looked at "
                + Vcsim.searchPath() + "); install it with deploy/vcsim/install-vcsim.sh, or run with"
                + " -Dfdm.vcsim.optional=true to skip the vcsim tests locally"));
    }

    private static void skipIfOptionalAndMissing() {
        if (Vcsim.locate().isEmpty() && Vcsim.optionalForTests()) {
            Assumptions.abort("vcsim not installed (looked at " + Vcsim.searchPath()
                    + "); skipped because -Dfdm.vcsim.optional=true");
        }
    }
}
