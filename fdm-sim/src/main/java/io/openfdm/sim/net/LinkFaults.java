package io.openfdm.sim.net;

/**
 * How the simulated network treats every datagram.
 *
 * @param baseLatencyMs         delay of every delivery, milliseconds, >= 0 (1: a switched LAN)
 * @param jitterMs              extra delay drawn uniformly from {@code [0, jitterMs]} per copy,
 *                              milliseconds, >= 0; messages overtake each other when it exceeds
 *                              their spacing, so jitter is also the reordering knob
 * @param lossProbability       chance a datagram is dropped, 0..1
 * @param duplicateProbability  chance a datagram is delivered twice (each copy with its own
 *                              jitter), 0..1
 */
public record LinkFaults(long baseLatencyMs, long jitterMs, double lossProbability, double duplicateProbability) {
    public LinkFaults {
        if (baseLatencyMs < 0 || jitterMs < 0) {
            throw new IllegalArgumentException("latency and jitter must be >= 0 ms");
        }
        probability("lossProbability", lossProbability);
        probability("duplicateProbability", duplicateProbability);
    }

    /** 1 ms latency, up to 1 ms jitter, no loss, no duplicates. */
    public static LinkFaults calm() {
        return new LinkFaults(1, 1, 0.0, 0.0);
    }

    public LinkFaults withLoss(double probability) {
        return new LinkFaults(baseLatencyMs, jitterMs, probability, duplicateProbability);
    }

    public LinkFaults withDuplicates(double probability) {
        return new LinkFaults(baseLatencyMs, jitterMs, lossProbability, probability);
    }

    public LinkFaults withJitter(long newJitterMs) {
        return new LinkFaults(baseLatencyMs, newJitterMs, lossProbability, duplicateProbability);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + p);
        }
    }
}
