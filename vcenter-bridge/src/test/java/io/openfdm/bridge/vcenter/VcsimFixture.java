package io.openfdm.bridge.vcenter;

import io.openfdm.vsphere.vcsim.Vcsim;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts vcsim on 127.0.3.1 for a test. When vcsim is not installed the test fails, unless
 * {@code -Dfdm.vcsim.optional=true} (local runs only), which skips it with a message.
 */
public final class VcsimFixture {
    private VcsimFixture() {
    }

    public static Vcsim start(String... flags) {
        return start(Vcsim.Options.flags(flags));
    }

    public static Vcsim start(Vcsim.Options options) {
        if (Vcsim.locate().isEmpty() && Vcsim.optionalForTests()) {
            Assumptions.abort("vcsim not installed (looked at " + Vcsim.searchPath()
                    + "); skipped because -Dfdm.vcsim.optional=true");
        }
        return Vcsim.start(options.listenOn("127.0.3.1"));
    }
}
