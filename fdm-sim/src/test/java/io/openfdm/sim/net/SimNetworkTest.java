package io.openfdm.sim.net;

import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.Resign;
import io.openfdm.sim.time.Scheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SimNetworkTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final HostId H3 = HostId.of("host-3");

    private final Scheduler scheduler = new Scheduler();

    private static Message msg(int n) {
        return new Resign(new Claim(HostId.of("host-" + n), n));
    }

    private List<String> wire(SimNetwork net, HostId... hosts) {
        List<String> log = new ArrayList<>();
        for (HostId h : hosts) {
            net.attach(h, (from, m) -> log.add(scheduler.nowMs() + " " + from + "->" + h + " "
                    + ((Resign) m).claim().datastores()));
        }
        return log;
    }

    @Test
    void deliversAfterBaseLatencyWithoutJitter() {
        SimNetwork net = new SimNetwork(scheduler, new SplittableRandom(1));
        net.setFaults(new LinkFaults(1, 0, 0, 0));
        List<String> log = wire(net, H1, H2);
        net.transport(H1).send(H2, msg(1));
        net.transport(H1).send(H2, msg(2));
        scheduler.runUntil(10, () -> { });
        assertThat(log).containsExactly("1 host-1->host-2 1", "1 host-1->host-2 2");
    }

    @Test
    void aHostWithItsAgentStoppedIsUpAndAnswersPingsButReceivesNothing() {
        SimNetwork net = new SimNetwork(scheduler, new SplittableRandom(1));
        List<String> log = wire(net, H1, H2);
        net.detach(H2);
        net.agentStopped(H2, true);
        assertThat(net.hostUp(H2)).isTrue();
        assertThat(net.attached(H2)).isFalse();
        var probe = new SimAddressProbe(H1, io.openfdm.sim.scenario.ClusterParser.parse("""
                seed 1
                timing default
                datastore ds-1
                host host-1 datastores ds-1 cpu 1 mem 1
                host host-2 datastores ds-1 cpu 1 mem 1
                """).toClusterConfig(), net);
        assertThat(probe.answers("10.0.0.12", 1000)).as("host-2's address").isTrue();
        net.transport(H1).send(H2, msg(1));
        scheduler.runUntil(10, () -> { });
        assertThat(log).isEmpty();
        net.cut(H2);
        assertThat(probe.answers("10.0.0.12", 1000)).as("cables pulled").isFalse();
        net.restore(H2);
        net.agentStopped(H2, false);
        assertThat(probe.answers("10.0.0.12", 1000)).as("powered off").isFalse();
    }

    @Test
    void cutHostAndPartitionsDrop() {
        SimNetwork net = new SimNetwork(scheduler, new SplittableRandom(1));
        List<String> log = wire(net, H1, H2, H3);
        net.cut(H2);
        net.transport(H1).send(H2, msg(1));
        net.transport(H2).send(H3, msg(2));
        net.restore(H2);
        net.partition(List.of(Set.of(H1, H2), Set.of(H3)));
        net.transport(H1).send(H3, msg(3));
        net.transport(H1).send(H2, msg(4));
        scheduler.runUntil(10, () -> { });
        assertThat(log).hasSize(1).allMatch(l -> l.endsWith("host-1->host-2 4"));
        assertThat(net.counters()).containsEntry("dropped.unreachable", 3L).containsEntry("delivered", 1L);
        net.heal();
        net.transport(H1).send(H3, msg(5));
        scheduler.runUntil(20, () -> { });
        assertThat(log).hasSize(2);
    }

    @Test
    void inFlightMessagesDieWithTheCableOrTheHost() {
        SimNetwork net = new SimNetwork(scheduler, new SplittableRandom(1));
        List<String> log = wire(net, H1, H2, H3);
        net.transport(H1).send(H2, msg(1));
        net.transport(H1).send(H3, msg(2));
        net.cut(H2);
        net.detach(H3);
        scheduler.runUntil(10, () -> { });
        assertThat(log).isEmpty();
        assertThat(net.counters()).containsEntry("dropped.unreachable", 1L).containsEntry("dropped.dead", 1L);
    }

    @Test
    void lossDuplicatesAndJitterAreSeededAndReproducible() {
        List<String> first = run(42);
        assertThat(first).isEqualTo(run(42));
        assertThat(first).isNotEqualTo(run(43));
        long delivered = first.size();
        // 1000 sends, 20% loss, 10% duplicates: about 800 + 80 deliveries
        assertThat(delivered).isBetween(800L, 960L);
    }

    @Test
    void jitterReorders() {
        List<String> log = run(7);
        List<Integer> order = log.stream().map(l -> Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1))).toList();
        assertThat(order).isNotEqualTo(order.stream().sorted().toList());
    }

    private List<String> run(long seed) {
        Scheduler s = new Scheduler();
        SimNetwork net = new SimNetwork(s, new SplittableRandom(seed));
        net.setFaults(new LinkFaults(1, 5, 0.2, 0.1));
        List<String> log = new ArrayList<>();
        net.attach(H2, (from, m) -> log.add(s.nowMs() + " " + ((Resign) m).claim().datastores()));
        for (int i = 0; i < 1000; i++) {
            int n = i;
            s.at(i, () -> net.transport(H1).send(H2, msg(n)));
        }
        s.runUntil(2000, () -> { });
        return log;
    }
}
