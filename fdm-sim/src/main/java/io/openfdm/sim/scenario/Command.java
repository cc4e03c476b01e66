package io.openfdm.sim.scenario;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmId;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One action of a {@code cmdlist}. {@link #text()} gives the command back as written, for the
 * timeline.
 */
public sealed interface Command {
    String text();

    /** {@code power <host> off|on}: crash (no goodbye, hypervisor and VMs gone) or boot. */
    record Power(HostId host, boolean on) implements Command {
        public String text() {
            return "power " + host + (on ? " on" : " off");
        }
    }

    /** {@code shutdown <host>}: graceful stop of the agent, then the host powers off. */
    record Shutdown(HostId host) implements Command {
        public String text() {
            return "shutdown " + host;
        }
    }

    /** {@code network <host> off|on}: every cable of the host. */
    record Network(HostId host, boolean on) implements Command {
        public String text() {
            return "network " + host + (on ? " on" : " off");
        }
    }

    /** {@code partition h1,h2 | h3}: groups of hosts that still reach each other. */
    record Partition(List<List<HostId>> groups) implements Command {
        public Partition {
            groups = groups.stream().map(List::copyOf).toList();
        }

        public String text() {
            return "partition " + groups.stream()
                    .map(g -> g.stream().map(HostId::toString).collect(Collectors.joining(",")))
                    .collect(Collectors.joining(" | "));
        }
    }

    /** {@code heal}: ends a partition. */
    record Heal() implements Command {
        public String text() {
            return "heal";
        }
    }

    /** {@code storage <host> <datastore> off|on}: one host's access to one datastore. */
    record Storage(HostId host, String datastore, boolean on) implements Command {
        public String text() {
            return "storage " + host + " " + datastore + (on ? " on" : " off");
        }
    }

    /** {@code loss <p>}: datagram loss probability from now on, 0..1. */
    record Loss(double probability) implements Command {
        public String text() {
            return "loss " + probability;
        }
    }

    /** {@code duplicate <p>}: datagram duplication probability from now on, 0..1. */
    record Duplicate(double probability) implements Command {
        public String text() {
            return "duplicate " + probability;
        }
    }

    /** {@code jitter <ms>}: extra random delay per datagram, milliseconds, from now on. */
    record Jitter(long jitterMs) implements Command {
        public String text() {
            return "jitter " + jitterMs;
        }
    }

    /** {@code fail-power-on <vm> <count>}: the next {@code count} power-ons of the VM fail, on every live host. */
    record FailPowerOn(VmId vm, int count) implements Command {
        public String text() {
            return "fail-power-on " + vm + " " + count;
        }
    }

    /**
     * {@code hang-guest <vm>}: the VM's guest hangs where it runs powered on: its heartbeats stop and
     * it ignores shutdown requests, until a reset, power-off or power-on.
     */
    record HangGuest(VmId vm) implements Command {
        public String text() {
            return "hang-guest " + vm;
        }
    }

    /**
     * {@code guest-boot <seconds>}: from now on, a guest powered on or reset on any host sends its
     * first heartbeat this long afterwards (gray until then; 0, the default, at once).
     */
    record GuestBoot(long bootMs) implements Command {
        public String text() {
            return "guest-boot " + Times.format(bootMs);
        }
    }

    /** {@code corrupt <datastore> <path>}: overwrite the file with garbage (torn write). */
    record Corrupt(String datastore, String path) implements Command {
        public String text() {
            return "corrupt " + datastore + " " + path;
        }
    }

    /** {@code agent <host> stop|start}: only the host's agent dies or starts; the host and its VMs stay up. */
    record Agent(HostId host, boolean start) implements Command {
        public String text() {
            return "agent " + host + (start ? " start" : " stop");
        }
    }

    /** {@code datastore <datastore> off|on}: all paths down to the datastore, from every host. */
    record Datastore(String datastore, boolean on) implements Command {
        public String text() {
            return "datastore " + datastore + (on ? " on" : " off");
        }
    }

    /**
     * {@code poweron <host> isolated|clear <vm,vm|->}: writes the host's poweron file (isolation
     * flag, powered-on VMs) on every datastore it reaches, as the host's agent would.
     */
    record Poweron(HostId host, boolean isolated, List<VmId> vms) implements Command {
        public Poweron {
            vms = List.copyOf(vms);
        }

        public String text() {
            return "poweron " + host + (isolated ? " isolated " : " clear ")
                    + (vms.isEmpty() ? "-" : vms.stream().map(VmId::toString).collect(Collectors.joining(",")));
        }
    }

    /**
     * {@code isolation-power-off <host> <vm>}: the host powers the VM off as its isolation response
     * and writes the VM's poweredoff marker on the VM's home datastore, as the host's agent would.
     */
    record IsolationPowerOff(HostId host, VmId vm) implements Command {
        public String text() {
            return "isolation-power-off " + host + " " + vm;
        }
    }

    /**
     * {@code maintenance <host> enter|exit} and {@code standby <host> enter|exit}: the operator's
     * {@code fdm host maintenance|standby}, delivered to the host's running agent.
     */
    record HostModeChange(HostId host, HostMode mode, boolean enter) implements Command {
        public String text() {
            return mode.displayName() + " " + host + (enter ? " enter" : " exit");
        }
    }

    /** {@code wall-jump <host> <seconds>}: step the host's wall clock; monotonic time is untouched. */
    record WallJump(HostId host, long deltaMs) implements Command {
        public String text() {
            return "wall-jump " + host + " " + Times.format(deltaMs);
        }
    }

    /**
     * The faults of the seeded random tier ({@code RandomSchedule}); {@code SimCluster} hands
     * them all to {@code FaultInjector}.
     */
    sealed interface Fault extends Command {
    }

    /** {@code apd <datastore> off|on}: every host loses (regains) the datastore: all paths down. */
    record AllPathsDown(String datastore, boolean on) implements Fault {
        public String text() {
            return "apd " + datastore + (on ? " on" : " off");
        }
    }

    /**
     * {@code slow-io <host> <datastore> <ms>}: each call of the host's agent on the datastore
     * takes this long, on the host's datastore workers (0: normal).
     */
    record SlowIo(HostId host, String datastore, long latencyMs) implements Fault {
        public String text() {
            return "slow-io " + host + " " + datastore + " " + latencyMs;
        }
    }

    /** {@code drift <host> <percent>}: the host's monotonic clock runs this many percent fast (or slow, negative). */
    record Drift(HostId host, double percent) implements Fault {
        public String text() {
            return "drift " + host + " " + percent;
        }
    }

    /** {@code spike <p> <ms>}: a datagram copy is held up, with probability p, by up to ms milliseconds. */
    record Spike(double probability, long spikeMs) implements Fault {
        public String text() {
            return "spike " + probability + " " + spikeMs;
        }
    }

    /** {@code tear <datastore> <path>}: truncate the file, as an interrupted non-atomic overwrite would. */
    record Tear(String datastore, String path) implements Fault {
        public String text() {
            return "tear " + datastore + " " + path;
        }
    }

    /** Where {@code crash-at} strikes: during the k-th write (temp file left), right after it, or right after the k-th send. */
    enum CrashPoint {
        TORN_WRITE("torn-write"), WRITE("write"), SEND("send");

        private final String word;

        CrashPoint(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * {@code crash-at <host> write|torn-write|send <k> power|agent}: counting from now, the host
     * crashes at its k-th datastore write or send, in the middle of its step; {@code power} loses
     * the whole host (VMs too), {@code agent} only the agent process, which its watchdog restarts
     * after {@code restartDelayMs}.
     */
    record CrashAt(HostId host, CrashPoint point, int k, boolean powerLoss, long restartDelayMs) implements Fault {
        public String text() {
            return "crash-at " + host + " " + point.word() + " " + k + (powerLoss ? " power" : " agent " + restartDelayMs);
        }
    }
}
