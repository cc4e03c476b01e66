package io.openfdm.cli.demo.vcsim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's verdict on vCenter's read-back: every protected VM is registered exactly once and
 * powered on exactly once, on a host that has not failed. A VM is identified by its
 * {@code .vmx} path, because vCenter gives a re-registered VM a new MOID (two registrations of one
 * {@code .vmx} are two copies of the same VM).
 */
public final class ExactlyOnce {
    private ExactlyOnce() {
    }

    /**
     * @param protectedVms the VMs the master protected before the failure (their vmx paths count)
     * @param now          every VM vCenter reports now ({@link VmCensus#read})
     * @param failedHosts  MOIDs of hosts that failed: a VM "running" there does not count
     * @return one line per problem, empty when every protected VM runs exactly once
     */
    public static List<String> problems(Collection<VmRow> protectedVms, List<VmRow> now, Set<String> failedHosts) {
        List<String> problems = new ArrayList<>();
        for (VmRow vm : protectedVms) {
            List<VmRow> copies = now.stream().filter(r -> r.vmxPath().equals(vm.vmxPath())).toList();
            if (copies.isEmpty()) {
                problems.add(vm.moid() + " (" + vm.name() + "): no longer registered in vCenter");
                continue;
            }
            if (copies.size() > 1) {
                problems.add(vm.moid() + " (" + vm.name() + "): registered " + copies.size() + " times ("
                        + describe(copies) + ")");
            }
            List<VmRow> on = copies.stream().filter(VmRow::poweredOn).toList();
            if (on.isEmpty()) {
                problems.add(vm.moid() + " (" + vm.name() + "): not running (" + describe(copies) + ")");
            } else if (on.size() > 1) {
                problems.add(vm.moid() + " (" + vm.name() + "): running " + on.size() + " times (" + describe(on) + ")");
            } else if (failedHosts.contains(on.get(0).host())) {
                problems.add(vm.moid() + " (" + vm.name() + "): reported running on the failed host " + on.get(0).host());
            }
        }
        return problems;
    }

    private static String describe(List<VmRow> rows) {
        return rows.stream().map(r -> r.moid() + " " + r.power() + " on " + (r.host().isEmpty() ? "no host" : r.host()))
                .collect(Collectors.joining(", "));
    }
}
