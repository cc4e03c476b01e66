package io.openfdm.core.status;

import io.openfdm.core.config.HaPolicy;

import java.util.List;
import java.util.Map;

/**
 * What an agent's admin endpoint returns ({@code GET /status}); the CLI prints it. A slave knows
 * little beyond itself and its master; the master knows every host, datastore and protected VM.
 *
 * @param host          this agent's host MOID
 * @param role          {@code master}, {@code slave} or {@code election}
 * @param master        the master's MOID, or empty
 * @param clusterId     the cluster id
 * @param configVersion the configuration version in force
 * @param uptimeMs      milliseconds since the agent started
 * @param counters      packet counters: received, sent, and dropped by reason
 *                      ({@code dropped.unauthenticated}, {@code dropped.replayed}, ...)
 * @param hosts         hosts as this agent sees them
 * @param datastores    datastores as this agent sees them
 * @param vms           VMs as this agent sees them (the master: the protectedlists and reports)
 * @param haPolicy      the HA policy of the configuration in force, or null when unknown (an
 *                      agent that does not report it)
 * @param capacity      the failover capacity (admission control), computed by the master; null
 *                      on a slave or an agent that does not report it
 */
public record AgentStatus(String host, String role, String master, String clusterId, long configVersion,
                          long uptimeMs, Map<String, Long> counters, List<HostStatus> hosts,
                          List<DatastoreStatus> datastores, List<VmStatus> vms, HaPolicy haPolicy,
                          CapacityStatus capacity) {

    /** A status without the failover capacity (a slave's, or unknown). */
    public AgentStatus(String host, String role, String master, String clusterId, long configVersion,
                       long uptimeMs, Map<String, Long> counters, List<HostStatus> hosts,
                       List<DatastoreStatus> datastores, List<VmStatus> vms, HaPolicy haPolicy) {
        this(host, role, master, clusterId, configVersion, uptimeMs, counters, hosts, datastores, vms, haPolicy, null);
    }

    /** A status without the HA policy (unknown). */
    public AgentStatus(String host, String role, String master, String clusterId, long configVersion,
                       long uptimeMs, Map<String, Long> counters, List<HostStatus> hosts,
                       List<DatastoreStatus> datastores, List<VmStatus> vms) {
        this(host, role, master, clusterId, configVersion, uptimeMs, counters, hosts, datastores, vms, null, null);
    }
}
