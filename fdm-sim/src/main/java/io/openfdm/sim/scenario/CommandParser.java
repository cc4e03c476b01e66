package io.openfdm.sim.scenario;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.VmId;
import io.openfdm.sim.scenario.LineReader.Line;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a scenario's {@code cmdlist}: one command per line, {@code <seconds> <command>}, times
 * non-decreasing, {@code #} comments, and one final line {@code end <seconds>} (no leading time)
 * saying when the run stops. Commands:
 * <pre>
 * power host-3 off|on            crash / boot a host
 * shutdown host-3                graceful agent stop, then power off
 * network host-2 off|on          all of a host's network
 * partition host-1,host-2 | host-3
 * heal
 * storage host-2 ds-1 off|on     one host's access to one datastore
 * loss 0.05                      datagram loss probability
 * duplicate 0.01                 datagram duplication probability
 * jitter 5                       extra random delay per datagram, milliseconds
 * fail-power-on vm-3 2           the next 2 power-ons of vm-3 fail (on every live host)
 * hang-guest vm-3                vm-3's guest hangs: no heartbeats, shutdown ignored, until a reset
 * guest-boot 5                   guests powered on (or reset) from now on send heartbeats 5 s later
 * corrupt ds-1 .vSphere-HA/c1/protectedlist
 * wall-jump host-2 -30           step a host's wall clock by seconds
 * agent host-2 stop|start        only the agent dies or starts; host, VMs and address stay up
 * datastore ds-1 off|on          all paths down to one datastore, from every host
 * poweron host-2 isolated vm-1,vm-2   write the host's poweron file (flag clear|isolated, VMs or -)
 * isolation-power-off host-2 vm-1     the host powers the VM off and writes its poweredoff marker
 * maintenance host-2 enter|exit  maintenance mode of a running host (fdm host maintenance)
 * standby host-2 enter|exit      standby mode of a running host (fdm host standby)
 * </pre>
 * and the faults of the seeded random tier ({@link FaultCommandParser}): {@code apd},
 * {@code slow-io}, {@code drift}, {@code spike}, {@code tear}, {@code crash-at}.
 * Host, VM and datastore names are checked against the cluster description.
 */
public final class CommandParser {
    static final String FILE = "cmdlist";
    private static final String COMMANDS =
            "power, shutdown, network, partition, heal, storage, loss, duplicate, jitter, fail-power-on, hang-guest, guest-boot, corrupt,"
                    + " wall-jump, agent, datastore, poweron, isolation-power-off, maintenance, standby, "
                    + FaultCommandParser.COMMANDS;

    private final ClusterDescription cluster;

    public CommandParser(ClusterDescription cluster) {
        this.cluster = cluster;
    }

    /** @throws ScenarioSyntaxException naming the first bad line */
    public CommandList parse(String text) {
        List<CommandList.Timed> commands = new ArrayList<>();
        long lastMs = 0;
        Long endMs = null;
        for (Line line : LineReader.read(text)) {
            if (endMs != null) {
                throw error(line, "nothing may follow the 'end' line");
            }
            if (line.word(0).equals("end")) {
                if (line.size() != 2) {
                    throw error(line, "expected 'end <seconds>'");
                }
                endMs = time(line, line.word(1));
                if (endMs < lastMs) {
                    throw error(line, "end " + line.word(1) + " is before the last command at " + Times.format(lastMs));
                }
                continue;
            }
            if (line.size() < 2) {
                throw error(line, "expected '<seconds> <command>'");
            }
            long atMs = time(line, line.word(0));
            if (atMs < lastMs) {
                throw error(line, "time " + line.word(0) + " is before the previous command at " + Times.format(lastMs)
                        + " (times must not decrease)");
            }
            lastMs = atMs;
            commands.add(new CommandList.Timed(atMs, command(line, line.words().subList(1, line.size())), line.number()));
        }
        if (endMs == null) {
            throw new ScenarioSyntaxException(FILE, 0, "missing final line 'end <seconds>'");
        }
        return new CommandList(commands, endMs);
    }

    private Command command(Line line, List<String> w) {
        String name = w.get(0);
        return switch (name) {
            case "power" -> {
                arity(line, w, 3, "power <host> off|on");
                yield new Command.Power(host(line, w.get(1)), onOff(line, w.get(2)));
            }
            case "shutdown" -> {
                arity(line, w, 2, "shutdown <host>");
                yield new Command.Shutdown(host(line, w.get(1)));
            }
            case "network" -> {
                arity(line, w, 3, "network <host> off|on");
                yield new Command.Network(host(line, w.get(1)), onOff(line, w.get(2)));
            }
            case "partition" -> partition(line, String.join(" ", w.subList(1, w.size())));
            case "heal" -> {
                arity(line, w, 1, "heal");
                yield new Command.Heal();
            }
            case "storage" -> {
                arity(line, w, 4, "storage <host> <datastore> off|on");
                yield new Command.Storage(host(line, w.get(1)), datastore(line, w.get(2)), onOff(line, w.get(3)));
            }
            case "loss" -> {
                arity(line, w, 2, "loss <probability 0..1>");
                yield new Command.Loss(probability(line, w.get(1)));
            }
            case "duplicate" -> {
                arity(line, w, 2, "duplicate <probability 0..1>");
                yield new Command.Duplicate(probability(line, w.get(1)));
            }
            case "jitter" -> {
                arity(line, w, 2, "jitter <milliseconds>");
                yield new Command.Jitter(count(line, w.get(1), "jitter", 0, 60_000));
            }
            case "fail-power-on" -> {
                arity(line, w, 3, "fail-power-on <vm> <count>");
                VmId vm = VmId.of(w.get(1));
                if (cluster.vm(vm).isEmpty()) {
                    throw error(line, "unknown vm '" + vm + "'");
                }
                yield new Command.FailPowerOn(vm, (int) count(line, w.get(2), "count", 1, 1000));
            }
            case "hang-guest" -> {
                arity(line, w, 2, "hang-guest <vm>");
                VmId vm = VmId.of(w.get(1));
                if (cluster.vm(vm).isEmpty()) {
                    throw error(line, "unknown vm '" + vm + "'");
                }
                yield new Command.HangGuest(vm);
            }
            case "guest-boot" -> {
                arity(line, w, 2, "guest-boot <seconds>");
                try {
                    yield new Command.GuestBoot(Times.parseSeconds(w.get(1), false));
                } catch (IllegalArgumentException e) {
                    throw error(line, "guest-boot: " + e.getMessage());
                }
            }
            case "corrupt" -> {
                arity(line, w, 3, "corrupt <datastore> <path>");
                yield new Command.Corrupt(datastore(line, w.get(1)), w.get(2));
            }
            case "wall-jump" -> {
                arity(line, w, 3, "wall-jump <host> <seconds>");
                long delta;
                try {
                    delta = Times.parseSeconds(w.get(2), true);
                } catch (IllegalArgumentException e) {
                    throw error(line, e.getMessage());
                }
                yield new Command.WallJump(host(line, w.get(1)), delta);
            }
            case "agent" -> {
                arity(line, w, 3, "agent <host> stop|start");
                boolean start = switch (w.get(2)) {
                    case "start" -> true;
                    case "stop" -> false;
                    default -> throw error(line, "expected 'stop' or 'start', found '" + w.get(2) + "'");
                };
                yield new Command.Agent(host(line, w.get(1)), start);
            }
            case "datastore" -> {
                arity(line, w, 3, "datastore <datastore> off|on");
                yield new Command.Datastore(datastore(line, w.get(1)), onOff(line, w.get(2)));
            }
            case "poweron" -> {
                arity(line, w, 4, "poweron <host> isolated|clear <vm,vm|->");
                boolean isolated = switch (w.get(2)) {
                    case "isolated" -> true;
                    case "clear" -> false;
                    default -> throw error(line, "expected 'isolated' or 'clear', found '" + w.get(2) + "'");
                };
                List<VmId> vms = new ArrayList<>();
                if (!w.get(3).equals("-")) {
                    for (String vmName : w.get(3).split(",")) {
                        vms.add(vm(line, vmName));
                    }
                }
                yield new Command.Poweron(host(line, w.get(1)), isolated, vms);
            }
            case "isolation-power-off" -> {
                arity(line, w, 3, "isolation-power-off <host> <vm>");
                yield new Command.IsolationPowerOff(host(line, w.get(1)), vm(line, w.get(2)));
            }
            case "maintenance", "standby" -> {
                arity(line, w, 3, name + " <host> enter|exit");
                boolean enter = switch (w.get(2)) {
                    case "enter" -> true;
                    case "exit" -> false;
                    default -> throw error(line, "expected 'enter' or 'exit', found '" + w.get(2) + "'");
                };
                yield new Command.HostModeChange(host(line, w.get(1)),
                        name.equals("maintenance") ? HostMode.MAINTENANCE : HostMode.STANDBY, enter);
            }
            case "apd", "slow-io", "drift", "spike", "tear", "crash-at" -> new FaultCommandParser(this).parse(line, w);
            default -> throw error(line, "unknown command '" + name + "' (expected one of " + COMMANDS + ")");
        };
    }

    private Command.Partition partition(Line line, String spec) {
        String[] parts = spec.split("\\|", -1);
        if (parts.length < 2) {
            throw error(line, "expected 'partition <host,host> | <host,...>' with at least two groups");
        }
        List<List<HostId>> groups = new ArrayList<>();
        Set<HostId> seen = new HashSet<>();
        for (String part : parts) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                throw error(line, "empty partition group");
            }
            List<HostId> group = new ArrayList<>();
            for (String name : trimmed.split("\\s*,\\s*")) {
                HostId host = host(line, name);
                if (!seen.add(host)) {
                    throw error(line, host + " appears in two partition groups");
                }
                group.add(host);
            }
            groups.add(group);
        }
        return new Command.Partition(groups);
    }

    static void arity(Line line, List<String> w, int count, String usage) {
        if (w.size() != count) {
            throw error(line, "expected '" + usage + "'");
        }
    }

    private static long time(Line line, String text) {
        try {
            return Times.parseSeconds(text, false);
        } catch (IllegalArgumentException e) {
            throw error(line, "bad time: " + e.getMessage());
        }
    }

    HostId host(Line line, String name) {
        if (name.isBlank()) {
            throw error(line, "missing host name");
        }
        HostId id = HostId.of(name);
        if (cluster.host(id).isEmpty()) {
            throw error(line, "unknown host '" + name + "'");
        }
        return id;
    }

    private VmId vm(Line line, String name) {
        VmId vm = VmId.of(name);
        if (cluster.vm(vm).isEmpty()) {
            throw error(line, "unknown vm '" + vm + "'");
        }
        return vm;
    }

    String datastore(Line line, String name) {
        if (!cluster.datastores().contains(name)) {
            throw error(line, "unknown datastore '" + name + "'");
        }
        return name;
    }

    private static boolean onOff(Line line, String word) {
        return switch (word) {
            case "on" -> true;
            case "off" -> false;
            default -> throw error(line, "expected 'on' or 'off', found '" + word + "'");
        };
    }

    static double probability(Line line, String text) {
        try {
            double p = Double.parseDouble(text);
            if (p >= 0.0 && p <= 1.0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw error(line, "probability must be a number in [0, 1], was '" + text + "'");
    }

    static long count(Line line, String text, String what, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw error(line, what + " must be an integer in [" + min + ", " + max + "], was '" + text + "'");
    }

    static ScenarioSyntaxException error(Line line, String detail) {
        return new ScenarioSyntaxException(FILE, line.number(), detail);
    }
}
