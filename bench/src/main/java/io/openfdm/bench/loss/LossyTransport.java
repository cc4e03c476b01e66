package io.openfdm.bench.loss;

import io.openfdm.core.env.Transport;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A fault-injection layer around an agent's real transport (JGroups' DISCARD in our stack): each
 * message to another host is dropped with probability {@code lossProbability}, independently,
 * before it reaches the UDP socket; the others are passed on unchanged. A message to the agent
 * itself is never dropped (it does not cross the network; the UDP transport ignores it).
 *
 * <p>Loss is applied once, on the sending side, so a datagram between two agents is lost with
 * exactly {@code lossProbability}. Thread-safe; the counters may be read from any thread.
 */
public final class LossyTransport implements Transport {
    private final Transport inner;
    private final HostId self;
    private final double lossProbability;
    private final Random random;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param inner           the real transport
     * @param self            the agent's own host
     * @param lossProbability chance a message to another host is dropped, 0..1
     * @param random          source of the drop decisions (seed it for repeatable runs)
     * @throws IllegalArgumentException if {@code lossProbability} is outside [0, 1]
     */
    public LossyTransport(Transport inner, HostId self, double lossProbability, Random random) {
        if (!(lossProbability >= 0.0 && lossProbability <= 1.0)) {
            throw new IllegalArgumentException("lossProbability must be in [0, 1], was " + lossProbability);
        }
        this.inner = inner;
        this.self = self;
        this.lossProbability = lossProbability;
        this.random = random;
    }

    /** A layer for {@code AgentRuntime.start(agent, config, layer)} that keeps the wrapper it made in {@code made}. */
    public static UnaryOperator<Transport> layer(HostId self, double lossProbability, long seed,
                                                 java.util.function.Consumer<LossyTransport> made) {
        return real -> {
            LossyTransport t = new LossyTransport(real, self, lossProbability, new Random(seed));
            made.accept(t);
            return t;
        };
    }

    @Override
    public void send(HostId to, Message message) {
        if (!to.equals(self)) {
            offered.incrementAndGet();
            if (random.nextDouble() < lossProbability) {
                dropped.incrementAndGet();
                return;
            }
        }
        inner.send(to, message);
    }

    /** Messages to other hosts handed to this layer. */
    public long offered() {
        return offered.get();
    }

    /** Messages this layer dropped. */
    public long dropped() {
        return dropped.get();
    }
}
