package io.openfdm.core.status;

import java.util.List;

/**
 * What the master would do if some hosts failed now ({@code fdm plan --fail host-3,host-5}):
 * computed with the very placement code and restart order of a real failure, against the master's
 * live view. Nothing is changed by computing it.
 *
 * @param master      the master that computed it
 * @param failedHosts the hosts assumed failed, as asked
 * @param notes       cluster-wide remarks (host monitoring off, a named host already down, ...)
 * @param steps       every protected VM of the failed hosts, in the order the master would place
 *                    them: by wave, then agent VMs, FT secondaries and the others, each by highest
 *                    restart priority, then VM MOID
 * @param capacityAfter the failover capacity with the failed hosts gone and the placed VMs moved
 */
public record RestartPlan(String master, List<String> failedHosts, List<String> notes, List<Step> steps,
                          CapacityStatus capacityAfter) {

    public RestartPlan {
        failedHosts = List.copyOf(failedHosts);
        notes = List.copyOf(notes);
        steps = List.copyOf(steps);
    }

    /**
     * One VM's fate.
     *
     * @param order     1-based position in the restart order (unplaced VMs too)
     * @param wave      1 for the first placement round; a VM that waits for one of the
     *                  {@code maxConcurrentPowerOnsPerHost} power-ons in flight on its host goes in
     *                  a later wave; 0 when it cannot be placed
     * @param vm        MOID
     * @param name      display name
     * @param priority  restart priority ({@code high}, ...)
     * @param from      the failed host it runs on
     * @param datastore its home datastore
     * @param cpuMhz    CPU reservation, MHz
     * @param memoryMb  memory reservation, MiB
     * @param action    {@code powerOn}, {@code register} (priority disabled: registered, not
     *                  powered on), or {@code none} when it cannot be placed or is not restarted
     * @param target    the host it would restart on, or empty
     * @param reason    why it cannot be placed or is not restarted; empty when placed
     * @param restartClass {@code agentVm}, {@code ftSecondary} or {@code ordinary}
     *                  ({@code io.openfdm.core.model.RestartClass}); null (a plan from an older
     *                  master) is read as {@code ordinary}
     */
    public record Step(int order, int wave, String vm, String name, String priority, String from, String datastore,
                       int cpuMhz, int memoryMb, String action, String target, String reason, String restartClass) {
        public Step {
            restartClass = restartClass == null ? io.openfdm.core.model.RestartClass.ORDINARY.wireName() : restartClass;
        }

        /** A step of an ordinary VM. */
        public Step(int order, int wave, String vm, String name, String priority, String from, String datastore,
                    int cpuMhz, int memoryMb, String action, String target, String reason) {
            this(order, wave, vm, name, priority, from, datastore, cpuMhz, memoryMb, action, target, reason, null);
        }
    }
}
