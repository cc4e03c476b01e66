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
 * @param spikeProbability      chance a datagram copy is held up in a queue (a congested switch
 *                              port, a bufferbloated uplink), 0..1
 * @param spikeMs               the extra delay of a held-up copy, drawn uniformly from
 *                              {@code [0, spikeMs]}, milliseconds, >= 0: a long tail of the delay
 *                              distribution, so late datagrams are overtaken by many later ones
 */
public record LinkFaults(long baseLatencyMs, long jitterMs, double lossProbability, double duplicateProbability,
                         double spikeProbability, long spikeMs) {
    public LinkFaults {
        if (baseLatencyMs < 0 || jitterMs < 0 || spikeMs < 0) {
            throw new IllegalArgumentException("latency, jitter and spike delay must be >= 0 ms");
        }
        probability("lossProbability", lossProbability);
        probability("duplicateProbability", duplicateProbability);
        probability("spikeProbability", spikeProbability);
    }

    /** Without delay spikes. */
    public LinkFaults(long baseLatencyMs, long jitterMs, double lossProbability, double duplicateProbability) {
        this(baseLatencyMs, jitterMs, lossProbability, duplicateProbability, 0.0, 0);
    }

    /** The same faults with delay spikes: probability per copy, longest extra delay in ms. */
    public LinkFaults withSpikes(double probability, long newSpikeMs) {
        return new LinkFaults(baseLatencyMs, jitterMs, lossProbability, duplicateProbability, probability, newSpikeMs);
    }

    /** The extra delay of one datagram copy, milliseconds, drawn from {@code random}. */
    long drawDelayMs(java.util.SplittableRandom random) {
        long delay = baseLatencyMs + (jitterMs == 0 ? 0 : random.nextLong(jitterMs + 1));
        if (spikeProbability > 0 && random.nextDouble() < spikeProbability) {
            delay += spikeMs == 0 ? 0 : random.nextLong(spikeMs + 1);
        }
        return delay;
    }

    /** 1 ms latency, up to 1 ms jitter, no loss, no duplicates. */
    public static LinkFaults calm() {
        return new LinkFaults(1, 1, 0.0, 0.0);
    }

    public LinkFaults withLoss(double probability) {
        return new LinkFaults(baseLatencyMs, jitterMs, probability, duplicateProbability, spikeProbability, spikeMs);
    }

    public LinkFaults withDuplicates(double probability) {
        return new LinkFaults(baseLatencyMs, jitterMs, lossProbability, probability, spikeProbability, spikeMs);
    }

    public LinkFaults withJitter(long newJitterMs) {
        return new LinkFaults(baseLatencyMs, newJitterMs, lossProbability, duplicateProbability, spikeProbability, spikeMs);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + p);
        }
    }
}
