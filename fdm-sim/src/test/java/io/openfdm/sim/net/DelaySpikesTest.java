package io.openfdm.sim.net;

import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Resign;
import io.openfdm.sim.time.Scheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelaySpikesTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");

    /** Sends 200 datagrams 1 ms apart and returns their numbers in arrival order. */
    private static List<Integer> arrivals(LinkFaults faults) {
        Scheduler scheduler = new Scheduler();
        SimNetwork net = new SimNetwork(scheduler, new SplittableRandom(7));
        net.setFaults(faults);
        List<Integer> order = new ArrayList<>();
        net.attach(H2, (from, m) -> order.add(((Resign) m).claim().datastores()));
        for (int i = 0; i < 200; i++) {
            int n = i;
            scheduler.at(i, () -> net.transport(H1).send(H2, new Resign(new Claim(H1, n))));
        }
        scheduler.runUntil(10_000, () -> { });
        return order;
    }

    @Test
    void spikesHoldSomeDatagramsBackSoLaterOnesOvertakeThem() {
        List<Integer> calm = arrivals(new LinkFaults(1, 0, 0, 0));
        assertThat(calm).isSorted().hasSize(200);
        List<Integer> spiky = arrivals(new LinkFaults(1, 0, 0, 0).withSpikes(0.2, 1_500));
        assertThat(spiky).hasSize(200).isNotEqualTo(calm);
        // A held-up datagram is overtaken by many: some arrives after one sent 100 ms later.
        boolean longOvertake = false;
        for (int i = 0; i < spiky.size() && !longOvertake; i++) {
            for (int j = i + 1; j < spiky.size(); j++) {
                if (spiky.get(j) + 100 < spiky.get(i)) {
                    longOvertake = true;
                    break;
                }
            }
        }
        assertThat(longOvertake).isTrue();
    }

    @Test
    void spikeSettingsAreChecked() {
        assertThatThrownBy(() -> LinkFaults.calm().withSpikes(1.5, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spikeProbability");
        assertThatThrownBy(() -> LinkFaults.calm().withSpikes(0.1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spike delay");
        assertThat(LinkFaults.calm().withSpikes(0.0, 0)).isEqualTo(LinkFaults.calm());
    }
}
