package io.openfdm.sim.net;

import io.openfdm.core.env.Transport;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;
import io.openfdm.sim.time.Scheduler;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A datagram network between simulated hosts, driven by the {@link Scheduler} and one seeded
 * {@link SplittableRandom}, so a run replays exactly from its seed.
 *
 * <p>Each {@link Transport#send} is decided at once: dropped when the two hosts cannot reach each
 * other, dropped with {@link LinkFaults#lossProbability()}, otherwise scheduled for delivery after
 * {@code baseLatencyMs + uniform[0, jitterMs]} (plus, with {@link LinkFaults#spikeProbability()},
 * a spike of {@code uniform[0, spikeMs]}), and with {@link LinkFaults#duplicateProbability()}
 * scheduled a second time. At delivery the message is dropped again if the hosts cannot reach
 * each other by then or the receiver is not live ({@link #detach}): a cable pulled while a packet
 * is in flight loses it.
 *
 * <p>Reachability: a host that is {@linkplain #cut cut} reaches nobody; under a
 * {@linkplain #partition partition} two hosts reach each other only within one group (a host not
 * named in any group is alone); {@link #heal} ends the partition. A host always reaches itself.
 */
public final class SimNetwork {
    private final Scheduler scheduler;
    private final SplittableRandom random;
    private final Map<HostId, Receiver> receivers = new HashMap<>();
    private final Set<HostId> cut = new HashSet<>();
    /** Hosts that are up while their agent is stopped ({@code agent host-2 stop}): they answer pings. */
    private final Set<HostId> agentStopped = new HashSet<>();
    private final Map<HostId, Integer> groupOf = new HashMap<>();
    private final Map<String, Long> counters = new TreeMap<>();
    private boolean partitioned;
    private LinkFaults faults = LinkFaults.calm();

    /**
     * @param scheduler delivers messages
     * @param random    decides loss, duplicates and jitter; give it a split of the run's seed
     */
    public SimNetwork(Scheduler scheduler, SplittableRandom random) {
        this.scheduler = scheduler;
        this.random = random;
    }

    /** The transport {@code self} sends with; it never throws and never blocks. */
    public Transport transport(HostId self) {
        return (to, message) -> send(self, to, message);
    }

    /** {@code host} is live: deliver its messages to {@code receiver} from now on. */
    public void attach(HostId host, Receiver receiver) {
        receivers.put(host, receiver);
    }

    /** True when the network is split into groups ({@link #partition}, until {@link #heal}). */
    public boolean partitioned() {
        return partitioned;
    }

    /** {@code host} crashed or stopped: messages to it are dropped, also those in flight. */
    public void detach(HostId host) {
        receivers.remove(host);
    }

    public LinkFaults faults() {
        return faults;
    }

    public void setFaults(LinkFaults newFaults) {
        this.faults = newFaults;
    }

    /** Pulls every cable of {@code host} ({@code network host-2 off}). */
    public void cut(HostId host) {
        cut.add(host);
    }

    /** Plugs {@code host} back in ({@code network host-2 on}). */
    public void restore(HostId host) {
        cut.remove(host);
    }

    /** True when {@code host}'s cables are pulled ({@code network host-2 off}). */
    public boolean isCut(HostId host) {
        return cut.contains(host);
    }

    /**
     * Marks {@code host} as up with its agent stopped (true) or not (false): its management
     * address answers pings although nothing receives datagrams ({@code agent host-2 stop}).
     */
    public void agentStopped(HostId host, boolean stopped) {
        if (stopped) {
            agentStopped.add(host);
        } else {
            agentStopped.remove(host);
        }
    }

    /** True when {@code host} is powered on: attached, or up with its agent stopped. */
    public boolean hostUp(HostId host) {
        return receivers.containsKey(host) || agentStopped.contains(host);
    }

    /** True when some host's cables are pulled. */
    public boolean anyCut() {
        return !cut.isEmpty();
    }

    /** True when {@code host} is attached: its agent runs and receives messages. */
    public boolean attached(HostId host) {
        return receivers.containsKey(host);
    }

    /** Splits the network into {@code groups}; replaces any earlier partition. */
    public void partition(List<? extends Collection<HostId>> groups) {
        groupOf.clear();
        for (int g = 0; g < groups.size(); g++) {
            for (HostId host : groups.get(g)) {
                if (groupOf.put(host, g) != null) {
                    throw new IllegalArgumentException(host + " is in two partition groups");
                }
            }
        }
        partitioned = true;
    }

    /** Ends the partition (hosts that are {@linkplain #cut cut} stay cut). */
    public void heal() {
        groupOf.clear();
        partitioned = false;
    }

    /** True when a datagram from {@code a} can reach {@code b} now. */
    public boolean reachable(HostId a, HostId b) {
        if (a.equals(b)) {
            return true;
        }
        if (cut.contains(a) || cut.contains(b)) {
            return false;
        }
        if (!partitioned) {
            return true;
        }
        Integer ga = groupOf.get(a);
        Integer gb = groupOf.get(b);
        return ga != null && ga.equals(gb);
    }

    /**
     * Counters since creation: {@code sent}, {@code delivered}, {@code duplicated},
     * {@code dropped.unreachable}, {@code dropped.loss}, {@code dropped.dead}.
     */
    public Map<String, Long> counters() {
        return Map.copyOf(counters);
    }

    private void send(HostId from, HostId to, Message message) {
        count("sent");
        if (!reachable(from, to)) {
            count("dropped.unreachable");
            return;
        }
        if (faults.lossProbability() > 0 && random.nextDouble() < faults.lossProbability()) {
            count("dropped.loss");
            return;
        }
        scheduleDelivery(from, to, message);
        if (faults.duplicateProbability() > 0 && random.nextDouble() < faults.duplicateProbability()) {
            count("duplicated");
            scheduleDelivery(from, to, message);
        }
    }

    private void scheduleDelivery(HostId from, HostId to, Message message) {
        scheduler.after(faults.drawDelayMs(random), () -> deliver(from, to, message));
    }

    private void deliver(HostId from, HostId to, Message message) {
        if (!reachable(from, to)) {
            count("dropped.unreachable");
            return;
        }
        Receiver receiver = receivers.get(to);
        if (receiver == null) {
            count("dropped.dead");
            return;
        }
        count("delivered");
        receiver.receive(from, message);
    }

    private void count(String name) {
        counters.merge(name, 1L, Long::sum);
    }
}
