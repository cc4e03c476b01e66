package io.openfdm.bridge.vcenter;

import io.openfdm.vsphere.vcsim.Vcsim;

/**
 * Starts vcsim on 127.0.3.1 for a test, through vsphere-client's {@code VcsimFixture} (which
 * fails the test without vcsim unless {@code -Dfdm.vcsim.optional=true}).
 */
public final class VcsimFixture {
    private VcsimFixture() {
    }

    public static Vcsim start(String... flags) {
        return start(Vcsim.Options.flags(flags));
    }

    public static Vcsim start(Vcsim.Options options) {
        return io.openfdm.vsphere.VcsimFixture.start(options.listenOn("127.0.3.1"));
    }
}
