package io.openfdm.bench.election;

import java.lang.management.ManagementFactory;

/**
 * CPU used by this JVM over a stretch of wall time, as the share of one core: 1000 millicores is
 * one core busy the whole time. Reads {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}
 * (HotSpot/OpenJDK); elsewhere it measures 0.
 */
final class CpuMeter {
    private long startCpuNs = -1;
    private long startWallNs;
    private long millicores;

    static CpuMeter start() {
        CpuMeter m = new CpuMeter();
        m.begin();
        return m;
    }

    void begin() {
        startCpuNs = cpuNs();
        startWallNs = System.nanoTime();
    }

    boolean running() {
        return startCpuNs >= 0;
    }

    void stop() {
        long wallNs = Math.max(1, System.nanoTime() - startWallNs);
        millicores = Math.max(0, (cpuNs() - startCpuNs) * 1000 / wallNs);
        startCpuNs = -1;
    }

    long millicores() {
        return millicores;
    }

    private static long cpuNs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
