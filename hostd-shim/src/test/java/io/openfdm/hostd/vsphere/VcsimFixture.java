package io.openfdm.hostd.vsphere;

import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts vcsim for a test class. When vcsim is not installed the test fails, unless
 * {@code -Dfdm.vcsim.optional=true} (local runs only), which skips it with a message.
 */
final class VcsimFixture {
    private VcsimFixture() {
    }

    static Vcsim start(Vcsim.Options options) {
        if (Vcsim.locate().isEmpty() && Vcsim.optionalForTests()) {
            Assumptions.abort("vcsim not installed (looked at " + Vcsim.searchPath()
                    + "); skipped because -Dfdm.vcsim.optional=true");
        }
        return Vcsim.start(options);
    }
}
