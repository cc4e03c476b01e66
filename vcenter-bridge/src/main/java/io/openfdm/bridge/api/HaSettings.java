package io.openfdm.bridge.api;

/**
 * A cluster's HA settings, as vSphere's {@code ClusterDasConfigInfo} holds them, kept in the
 * bridge's own store. They are used when vCenter reports no {@code dasConfig} (vcsim ignores it);
 * when it reports one, the agents get vCenter's ({@code io.openfdm.bridge.dasconfig.DasConfigMapping})
 * and only {@code timingProfile} is taken from here.
 *
 * @param hostMonitoring          restart VMs of failed hosts ({@code hostMonitoring = enabled})
 * @param defaultRestartPriority  {@code disabled}, {@code lowest}, {@code low}, {@code medium},
 *                                {@code high} or {@code highest} (vSphere default {@code medium})
 * @param isolationResponse       {@code none}, {@code powerOff} or {@code shutdown} (vSphere default
 *                                {@code none}, "leave powered on")
 * @param admissionControl        admission control enabled
 * @param heartbeatDatastoresPerHost 1-5 ({@code das.heartbeatDsPerHost}, default 2)
 * @param timingProfile           the agents' timer profile ({@code default} or {@code aggressive},
 *                                see {@code io.openfdm.core.config.Timing})
 */
public record HaSettings(boolean hostMonitoring, String defaultRestartPriority, String isolationResponse,
                         boolean admissionControl, int heartbeatDatastoresPerHost, String timingProfile) {

    /** vSphere's defaults. */
    public static HaSettings defaults() {
        return new HaSettings(true, "medium", "none", true, 2, "default");
    }
}
