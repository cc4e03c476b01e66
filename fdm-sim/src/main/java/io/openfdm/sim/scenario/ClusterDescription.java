package io.openfdm.sim.scenario;

import io.openfdm.core.config.AdmissionControlPolicy;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.DependencyRule;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.VmHostRule;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.config.VmVmRule;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmMonitoringPolicy;
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
 * @param haPolicy   the HA policy ({@code isolation ...} lines, the {@code vm-monitoring} line and
 *                   the {@code admission-control} line; default {@link HaPolicy#defaults()}: VM
 *                   monitoring disabled, no admission control policy written, so the master
 *                   computes vSphere's default and never warns)
 * @param vmOverrides per-VM settings ({@code isolation vm ...} lines)
 * @param restartPolicy the restart policy of the {@code restart-schedule}, {@code readiness},
 *                   {@code depends}, {@code affinity}, {@code anti-affinity} and {@code vm-host} lines,
 *                   or null when there are none (the timing's default schedule, no rules)
 */
public record ClusterDescription(String clusterId, long seed, String timingName, List<String> datastores,
                                 List<HostDescription> hosts, List<VmDescription> vms, HaPolicy haPolicy,
                                 List<VmOverride> vmOverrides, RestartPolicy restartPolicy) {

    /** Fixed HMAC key of every simulated cluster (the simulator does not encode datagrams). */
    public static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    public ClusterDescription {
        datastores = List.copyOf(datastores);
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        haPolicy = haPolicy == null ? HaPolicy.defaults() : haPolicy;
        vmOverrides = vmOverrides == null ? List.of() : List.copyOf(vmOverrides);
    }

    /** A cluster with vSphere's default HA policy (VM monitoring disabled), no VM overrides, no restart-policy lines. */
    public ClusterDescription(String clusterId, long seed, String timingName, List<String> datastores,
                              List<HostDescription> hosts, List<VmDescription> vms) {
        this(clusterId, seed, timingName, datastores, hosts, vms, HaPolicy.defaults(), List.of(), null);
    }

    /** A cluster with this HA policy and these VM overrides, and no restart-policy lines. */
    public ClusterDescription(String clusterId, long seed, String timingName, List<String> datastores,
                              List<HostDescription> hosts, List<VmDescription> vms, HaPolicy haPolicy,
                              List<VmOverride> vmOverrides) {
        this(clusterId, seed, timingName, datastores, hosts, vms, haPolicy, vmOverrides, null);
    }

    /** A cluster with vSphere's default HA policy, no VM overrides, and this restart policy (null: none). */
    public ClusterDescription(String clusterId, long seed, String timingName, List<String> datastores,
                              List<HostDescription> hosts, List<VmDescription> vms, RestartPolicy restartPolicy) {
        this(clusterId, seed, timingName, datastores, hosts, vms, HaPolicy.defaults(), List.of(), restartPolicy);
    }

    /** A cluster with vSphere's default HA policy but the given VM monitoring, and no VM overrides. */
    public ClusterDescription(String clusterId, long seed, String timingName, List<String> datastores,
                              List<HostDescription> hosts, List<VmDescription> vms, VmMonitoringPolicy vmMonitoring) {
        this(clusterId, seed, timingName, datastores, hosts, vms, HaPolicy.defaults().withVmMonitoring(vmMonitoring),
                List.of(), null);
    }

    /** The cluster's VM monitoring ({@code vm-monitoring} line; default disabled). */
    public VmMonitoringPolicy vmMonitoring() {
        return haPolicy.vmMonitoring();
    }

    /** A cluster with vSphere's default HA policy but this admission control policy (null: none written). */
    public ClusterDescription(String clusterId, long seed, String timingName, List<String> datastores,
                              List<HostDescription> hosts, List<VmDescription> vms, AdmissionControlPolicy admissionControl) {
        this(clusterId, seed, timingName, datastores, hosts, vms, HaPolicy.defaults().withAdmissionControlPolicy(admissionControl),
                List.of(), null);
    }

    /** The admission control policy ({@code admission-control} line), or null when none is written. */
    public AdmissionControlPolicy admissionControl() {
        return haPolicy.admissionControlPolicy();
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
     * per host, the description's HA policy and VM overrides.
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
        ClusterConfig config = new ClusterConfig(clusterId, 1, KEY_HEX, hs, ds, vmOverrides, 2, timing(), haPolicy);
        return (restartPolicy == null ? config : config.withRestartPolicy(restartPolicy)).validate();
    }

    private void appendRestartPolicy(StringBuilder out) {
        RestartPolicy p = restartPolicy;
        out.append("restart-schedule ").append(String.join(",", p.attemptScheduleMs().stream().map(Times::format).toList()))
                .append('\n');
        out.append("readiness ").append(p.readyCondition().wireName()).append(" delay ").append(Times.format(p.postReadyDelayMs()))
                .append(" timeout ").append(Times.format(p.readyTimeoutMs())).append('\n');
        for (DependencyRule d : p.dependencies()) {
            out.append("depends ").append(d.vm()).append(" on ").append(d.dependsOn()).append('\n');
        }
        for (VmVmRule r : p.vmVmRules()) {
            out.append(r.affinity() ? "affinity " : "anti-affinity ").append(r.name()).append(' ')
                    .append(String.join(",", r.vms().stream().map(VmId::moid).toList())).append('\n');
        }
        for (VmHostRule r : p.vmHostRules()) {
            out.append("vm-host ").append(r.name()).append(r.mandatory() ? " must " : " should ")
                    .append(String.join(",", r.vms().stream().map(VmId::moid).toList())).append(" hosts ")
                    .append(String.join(",", r.hosts().stream().map(HostId::moid).toList())).append('\n');
        }
    }

    /** This description in {@code cluster} file syntax ({@link ClusterParser} reads it back). */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("cluster-id ").append(clusterId).append('\n');
        out.append("seed ").append(seed).append('\n');
        out.append("timing ").append(timingName).append('\n');
        if (!vmMonitoring().equals(VmMonitoringPolicy.disabled())) {
            out.append(ClusterParser.vmMonitoringLine(vmMonitoring())).append('\n');
        }
        for (String ds : datastores) {
            out.append("datastore ").append(ds).append('\n');
        }
        for (HostDescription h : hosts) {
            out.append("host ").append(h.id()).append(" datastores ")
                    .append(h.datastores().isEmpty() ? "-" : String.join(",", h.datastores()))
                    .append(" cpu ").append(h.cpuMhz()).append(" mem ").append(h.memoryMb()).append('\n');
        }
        if (admissionControl() != null) {
            out.append(ClusterParser.admissionControlLine(admissionControl())).append('\n');
        }
        for (VmDescription v : vms) {
            out.append("vm ").append(v.id()).append(" on ").append(v.host()).append(" ds ").append(v.datastore())
                    .append(" cpu ").append(v.cpuMhz()).append(" mem ").append(v.memoryMb()).append(" priority ")
                    .append(v.priority().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        if (!haPolicy.withVmMonitoring(VmMonitoringPolicy.disabled()).withAdmissionControlPolicy(null)
                .equals(HaPolicy.defaults())) {
            IsolationPolicy iso = haPolicy.isolation();
            out.append("isolation response ").append(haPolicy.isolationResponse().wireName())
                    .append(" delay ").append(iso.policyDelayMs() / 1000)
                    .append(" shutdown-timeout ").append(iso.shutdownTimeoutMs() / 1000)
                    .append(" gateway ").append(iso.useDefaultIsolationAddress() ? "on" : "off")
                    .append(" addresses ").append(iso.isolationAddresses().isEmpty() ? "-" : String.join(",", iso.isolationAddresses()))
                    .append('\n');
        }
        for (VmOverride o : vmOverrides) {
            if (o.isolationResponse() != null) {
                out.append("isolation vm ").append(o.vm()).append(" response ").append(o.isolationResponse().wireName()).append('\n');
            }
            if (o.vmMonitoring() != null) {
                out.append(ClusterParser.vmMonitoringOverrideLine(o.vm(), o.vmMonitoring())).append('\n');
            }
            if (o.restartClass() != io.openfdm.core.model.RestartClass.ORDINARY) {
                out.append("restart-class ").append(o.vm()).append(' ').append(o.restartClass().wireName()).append('\n');
            }
        }
        if (restartPolicy != null) {
            appendRestartPolicy(out);
        }
        return out.toString();
    }
}
