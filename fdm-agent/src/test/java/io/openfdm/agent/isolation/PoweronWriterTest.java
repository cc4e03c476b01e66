package io.openfdm.agent.isolation;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.poweron.PoweronRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PoweronWriterTest {
    static final HostId H1 = HostId.of("host-1");
    static final List<String> DS = List.of("ds-1", "ds-2");
    static final VmId VM1 = VmId.of("vm-1");
    static final VmId VM2 = VmId.of("vm-2");

    @Test
    void writesFirstOnChangeAndOnRefreshWithAGrowingCounter() {
        PoweronWriter w = new PoweronWriter(H1, 1000);
        Optional<PoweronRecord> first = w.next(false, List.of(VM2, VM1), DS, 0, 77, false);
        assertThat(first).contains(new PoweronRecord(H1, false, List.of(VM1, VM2), 1001, 77, 1000L));
        assertThat(w.next(false, List.of(VM1, VM2), DS, 50, 77, false)).as("unchanged").isEmpty();
        assertThat(w.next(false, List.of(VM1), DS, 100, 78, false)).as("a VM went off")
                .contains(new PoweronRecord(H1, false, List.of(VM1), 1002, 78, 1000L));
        assertThat(w.next(true, List.of(VM1), DS, 150, 79, false)).as("isolation flag")
                .contains(new PoweronRecord(H1, true, List.of(VM1), 1003, 79, 1000L));
        assertThat(w.next(true, List.of(VM1), List.of("ds-1"), 200, 80, false)).as("heartbeat datastores changed")
                .isPresent();
        assertThat(w.next(true, List.of(VM1), List.of("ds-1"), 200 + PoweronWriter.REFRESH_INTERVAL_MS - 1, 80, false)).isEmpty();
        assertThat(w.next(true, List.of(VM1), List.of("ds-1"), 200 + PoweronWriter.REFRESH_INTERVAL_MS, 81, false))
                .map(PoweronRecord::counter).contains(1005L);
        assertThat(w.next(true, List.of(VM1), List.of("ds-1"), 200 + PoweronWriter.REFRESH_INTERVAL_MS + 1, 81, true))
                .as("forced").isPresent();
    }
}
