package io.openfdm.hostd.sim;

import java.util.List;

/**
 * What {@link SimulatedHypervisor#boot} found, for the agent's log.
 *
 * @param powerRestored true if the previous run shut down cleanly and its powered-on VMs were
 *                      powered on again; false means every VM starts powered off
 * @param reason        one sentence explaining the power decision
 * @param warnings      configurations skipped and other oddities (datastore inaccessible,
 *                      malformed config, a VM found on two datastores)
 */
public record BootReport(boolean powerRestored, String reason, List<String> warnings) {
    public BootReport {
        warnings = List.copyOf(warnings);
    }
}
