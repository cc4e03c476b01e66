package io.openfdm.cli.demo;

import io.openfdm.cli.agents.ClusterView;
import io.openfdm.core.status.VmStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where VMs run, according to the hosts themselves: a VM counts as running on host H only when
 * H's own agent lists it as {@code poweredOn} on H. The master's view of other hosts is not
 * counted, so a VM that two hosts both run shows up twice.
 *
 * @param hostsByVm VM MOID to the hosts reporting it powered on, in answer order
 */
public record Placement(Map<String, List<String>> hostsByVm) {
    /** Power state text of a running VM in {@link VmStatus#power()}. */
    public static final String POWERED_ON = "poweredOn";

    /** Collects every answering agent's own powered-on VMs. */
    public static Placement of(ClusterView view) {
        Map<String, List<String>> byVm = new TreeMap<>();
        for (ClusterView.Answer a : view.answers()) {
            String self = a.status().host();
            for (VmStatus v : a.status().vms()) {
                if (self.equals(v.host()) && POWERED_ON.equals(v.power())) {
                    List<String> hosts = byVm.computeIfAbsent(v.vm(), k -> new ArrayList<>());
                    if (!hosts.contains(self)) {
                        hosts.add(self);
                    }
                }
            }
        }
        return new Placement(byVm);
    }

    /** The hosts reporting the VM powered on (empty if none). */
    public List<String> hostsOf(String vm) {
        return hostsByVm.getOrDefault(vm, List.of());
    }

    /** The VMs among {@code vms} not running on exactly one host, each with a reason. */
    public List<String> violations(Set<String> vms) {
        List<String> out = new ArrayList<>();
        for (String vm : vms.stream().sorted(io.openfdm.cli.cluster.MoidOrder.NATURAL).toList()) {
            List<String> hosts = hostsOf(vm);
            if (hosts.isEmpty()) {
                out.add(vm + " is not running on any live host");
            } else if (hosts.size() > 1) {
                out.add(vm + " is running on " + hosts.size() + " hosts at once: " + String.join(", ", hosts));
            }
        }
        return out;
    }

    /** VMs running on more than one host. */
    public List<String> duplicates() {
        return hostsByVm.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }
}
