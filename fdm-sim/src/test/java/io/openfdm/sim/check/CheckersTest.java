package io.openfdm.sim.check;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.lease.LeaseRecord;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckersTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");

    private static LeaseRecord lease(HostId owner, long generation, long renewals) {
        return new LeaseRecord("c1", owner, generation, renewals, 0);
    }

    @Test
    void aVmOnTwoHostsIsAViolation() {
        Map<HostId, List<VmId>> running = new LinkedHashMap<>();
        running.put(H1, List.of(VmId.of("vm-1"), VmId.of("vm-2")));
        running.put(H2, List.of(VmId.of("vm-3")));
        assertThatCode(() -> NoVmRunsTwice.check(running)).doesNotThrowAnyException();
        running.put(H2, List.of(VmId.of("vm-3"), VmId.of("vm-2")));
        assertThatThrownBy(() -> NoVmRunsTwice.check(running))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("vm-2 is powered on on both host-1 and host-2");
    }

    @Test
    void leaseHistoryOfAnOrdinaryTakeoverPasses() {
        LeaseFilesFenced check = new LeaseFilesFenced();
        check.observe("ds-1", lease(H1, 1, 0));
        check.observe("ds-1", lease(H1, 1, 1));
        check.observe("ds-1", lease(H1, 1, 2));
        check.observe("ds-1", lease(null, 1, 3)); // released
        check.observe("ds-1", lease(H2, 2, 0)); // racing claims of one generation are allowed
        check.observe("ds-1", lease(H1, 2, 0));
        check.observe("ds-1", lease(H1, 2, 1));
        check.observe("ds-2", lease(H2, 1, 1)); // datastores are independent
    }

    @Test
    void generationGoingBackIsAViolation() {
        LeaseFilesFenced check = new LeaseFilesFenced();
        check.observe("ds-1", lease(H1, 3, 1));
        assertThatThrownBy(() -> check.observe("ds-1", lease(H2, 2, 0)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("lease of ds-1 went back from generation 3 to 2 (owner host-2)");
    }

    @Test
    void twoRenewersOfOneGenerationIsAViolation() {
        LeaseFilesFenced check = new LeaseFilesFenced();
        check.observe("ds-1", lease(H1, 1, 1));
        assertThatThrownBy(() -> check.observe("ds-1", lease(H2, 1, 2)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("generation 1 of the lease of ds-1 renewed by both host-1 and host-2");
    }
}
