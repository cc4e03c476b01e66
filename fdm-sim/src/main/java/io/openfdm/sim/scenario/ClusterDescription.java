package io.openfdm.sim.scenario;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's {@code cluster} file, parsed: what exists at second 0.
 *
 * @param clusterId  names the {@code .vSphere-HA/<clusterId>/} folders ({@code cluster-id} line,
 *                   default {@code c1})
 * @param seed       seeds every random choice of the run ({@code seed} line, default 1)
 * @param timingName {@code default} or {@code aggressive} ({@code timing} line)
 * @param datastores datastore names, in file order
 * @param hosts      hosts, in file order
 * @param vms        VMs, in file order; each starts powered on on its host
 * @param admissionControl the admission control policy ({@code admission-control} line), or null
 *                   for none written (the master then computes vSphere's default and warns never)
 */
public record ClusterDescription(String clusterId, long seed, String timingName, List<String> datastores,
                                 List<HostDescription> hosts, List<VmDescription> vms,
                                 AdmissionControlPolicy admissionControl) {

    /** Fixed HMAC key of every simulated cluster (the simulator does not encode datagrams). */
    public static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    public ClusterDescription {
        datastores = List.copyOf(datastores);
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
    }

    /** A description without an admission control policy. */
    public ClusterDescription(String clusterId, long seed, String timingName, List<String> datastores,
                              List<HostDescription> hosts, List<VmDescription> vms) {
        this(clusterId, seed, timingName, datastores, hosts, vms, null);
    }

    /**
     * {@code host <moid> datastores <a,b> cpu <MHz> mem <MiB>}.
     *
     * @param datastores the datastores it is connected to at second 0
     */
    public record HostDescription(HostId id, List<String> datastores, int cpuMhz, int memoryMb) {
        public HostDescription {
            datastores = List.copyOf(datastores);
        }
    }

    /** {@code vm <moid> on <host> ds <datastore> cpu <MHz> mem <MiB> priority <level>}. */
    public record VmDescription(VmId id, HostId host, String datastore, int cpuMhz, int memoryMb,
                                RestartPriority priority) {
    }

    public Timing timing() {
        return timingName.equals("aggressive") ? Timing.aggressive() : Timing.defaults();
    }

    public Optional<HostDescription> host(HostId id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    public Optional<VmDescription> vm(VmId id) {
        return vms.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /**
     * The agents' configuration: version 1, every datastore mounted at {@code /vmfs/volumes/<name>},
     * host {@code i} (0-based, file order) at {@code 10.0.0.<i+11>:8182}, two heartbeat datastores
     * per host, no VM overrides.
     *
     * @throws io.openfdm.core.config.ConfigException if the result breaks a configuration rule
     */
    public ClusterConfig toClusterConfig() {
        List<DatastoreSpec> ds = new ArrayList<>();
        for (String name : datastores) {
            ds.add(new DatastoreSpec(name, "/vmfs/volumes/" + name));
        }
        List<HostSpec> hs = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            HostDescription h = hosts.get(i);
            hs.add(new HostSpec(h.id(), "10.0." + (i / 200) + "." + (i % 200 + 11), 8182, h.datastores(),
                    h.cpuMhz(), h.memoryMb()));
        }
        HaPolicy ha = admissionControl == null ? HaPolicy.defaults()
                : new HaPolicy(true, IsolationResponse.NONE, true, admissionControl);
        return new ClusterConfig(clusterId, 1, KEY_HEX, hs, ds, List.of(), 2, timing(), ha).validate();
    }

    /** This description in {@code cluster} file syntax ({@link ClusterParser} reads it back). */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("cluster-id ").append(clusterId).append('\n');
        out.append("seed ").append(seed).append('\n');
        out.append("timing ").append(timingName).append('\n');
        for (String ds : datastores) {
            out.append("datastore ").append(ds).append('\n');
        }
        for (HostDescription h : hosts) {
            out.append("host ").append(h.id()).append(" datastores ")
                    .append(h.datastores().isEmpty() ? "-" : String.join(",", h.datastores()))
                    .append(" cpu ").append(h.cpuMhz()).append(" mem ").append(h.memoryMb()).append('\n');
        }
        if (admissionControl != null) {
            out.append(ClusterParser.admissionControlLine(admissionControl)).append('\n');
        }
        for (VmDescription v : vms) {
            out.append("vm ").append(v.id()).append(" on ").append(v.host()).append(" ds ").append(v.datastore())
                    .append(" cpu ").append(v.cpuMhz()).append(" mem ").append(v.memoryMb()).append(" priority ")
                    .append(v.priority().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        return out.toString();
    }
}
