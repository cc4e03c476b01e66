package io.openfdm.agent.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The shape of {@code cluster.json} as written by people: every field optional at this level
 * (missing ones get defaults or a clear "is required" from {@link ClusterConfigFiles}), unknown
 * fields rejected by the reader.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClusterFile(String clusterId, Long version, String keyHex, Integer heartbeatDatastoresPerHost,
                   String timingProfile, TimingFile timing, List<DatastoreEntry> datastores, List<HostEntry> hosts,
                   List<VmOverrideEntry> vmOverrides, HaEntry ha, HeartbeatDatastoresEntry heartbeatDatastores,
                   RestartEntry restart) {

    /** See {@link io.openfdm.core.config.HeartbeatDatastorePolicy}; missing: automatic choice. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HeartbeatDatastoresEntry(String candidatePolicy, List<String> datastores) {
    }

    /** The restart policy; see {@link io.openfdm.core.config.RestartPolicy}. Missing fields take its defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RestartEntry(List<Long> attemptScheduleMs, String readyCondition, Long postReadyDelayMs, Long readyTimeoutMs,
                        List<DependencyEntry> dependencies, List<VmVmRuleEntry> vmVmRules,
                        List<VmHostRuleEntry> vmHostRules) {
    }

    /** {@code vm} starts only once {@code dependsOn} is ready. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DependencyEntry(String vm, String dependsOn) {
    }

    /** {@code type}: {@code affinity} (together) or {@code antiAffinity} (apart). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VmVmRuleEntry(String name, String type, List<String> vms) {
    }

    /** {@code type}: {@code must} or {@code should} (run on the listed hosts). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VmHostRuleEntry(String name, String type, List<String> vms, List<String> hosts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DatastoreEntry(String name, String path) {
    }

    /** {@code mode}: {@code normal} (the default), {@code maintenance} or {@code standby}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HostEntry(String moid, String address, Integer port, List<String> datastores, Integer cpuMhz, Integer memoryMb,
                     String mode) {
    }

    /** {@code vmMonitoring}: the VM's own VM monitoring, shaped like {@code ha.vmMonitoring}; absent for the cluster's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VmOverrideEntry(String vm, Boolean protect, String priority, String isolationResponse,
                           VmMonitoringEntry vmMonitoring, String restartClass) {
        VmOverrideEntry(String vm, Boolean protect, String priority, String isolationResponse) {
            this(vm, protect, priority, isolationResponse, null, null);
        }
    }

    /** The HA policy; see {@link io.openfdm.core.config.HaPolicy}. Missing fields take its defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HaEntry(Boolean hostMonitoring, String isolationResponse, Boolean admissionControl, IsolationEntry isolation,
                   VmMonitoringEntry vmMonitoring, AdmissionControlEntry admissionControlPolicy) {
        HaEntry(Boolean hostMonitoring, String isolationResponse, Boolean admissionControl) {
            this(hostMonitoring, isolationResponse, admissionControl, null, null, null);
        }
    }

    /** Isolation addresses and delays; see {@link io.openfdm.core.config.IsolationPolicy}. Missing fields take its defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IsolationEntry(List<String> isolationAddresses, Boolean useDefaultIsolationAddress, Long policyDelayMs,
                          Long shutdownTimeoutMs) {
    }

    /**
     * VM monitoring; see {@link io.openfdm.core.config.VmMonitoringPolicy}. {@code state} is
     * vSphere's {@code vmMonitoringDisabled} or {@code vmMonitoringOnly}; the custom values, when
     * given, replace the sensitivity preset's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VmMonitoringEntry(String state, String sensitivity, Long failureIntervalMs, Long minUptimeMs,
                             Integer maxResets, Long resetWindowMs) {
    }

    /**
     * The admission control policy; see {@link io.openfdm.core.config.AdmissionControlPolicy}.
     * {@code policy} is required; the other fields apply to one policy each.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AdmissionControlEntry(String policy, Integer hostFailuresToTolerate, Integer slotCpuMhz, Integer slotMemoryMb,
                                 Integer cpuFailoverPercent, Integer memoryFailoverPercent, List<String> failoverHosts) {
    }

    /** Overrides of the profile's timers; see {@link io.openfdm.core.config.Timing} for each. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TimingFile(Long tickIntervalMs, Long heartbeatIntervalMs, Long hostFailureTimeoutMs, Long masterFailureTimeoutMs,
                      Long electionWindowMs, Long electionClaimIntervalMs, Long datastoreHeartbeatIntervalMs,
                      Long datastoreHeartbeatTimeoutMs, Long leaseRenewIntervalMs, Long leaseStandDownMs, Long leaseTimeoutMs,
                      Long leaseClaimSettleMs, Long powerOnTimeoutMs, Long restartBackoffMs, Integer restartMaxAttempts,
                      Integer maxConcurrentPowerOnsPerHost) {
    }
}
