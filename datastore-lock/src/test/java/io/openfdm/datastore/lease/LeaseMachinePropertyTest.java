package io.openfdm.datastore.lease;

import io.openfdm.core.config.Timing;
import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Randomised interleavings of several hosts contending for one lease, with clock offsets and
 * drift, stalls of up to several seconds, crashes and restarts, failed and ambiguous writes,
 * unreadable and corrupt reads, and on-disk damage. After every 5 ms of simulated time it checks
 * that no two hosts may act at once, and that acquired generations strictly grow. A failure
 * prints the seed.
 */
class LeaseMachinePropertyTest {
    private static final Timing T = Timing.defaults();
    private static final long STEP_MS = 5;
    private static final long RUN_MS = 90_000;

    @Test
    void neverTwoHostsMayActAtTheSameInstant() {
        long totalAcquired = 0;
        for (long seed = 1; seed <= 60; seed++) {
            totalAcquired += run(seed, 2 + (int) (seed % 3), T);
        }
        assertThat(totalAcquired).as("the scenarios must actually hand the lease around").isGreaterThan(500);
    }

    @Test
    void holdsUnderAggressiveTimersToo() {
        for (long seed = 100; seed <= 120; seed++) {
            run(seed, 3, Timing.aggressive());
        }
    }

    /** @return number of acquisitions in this run */
    private static long run(long seed, int hostCount, Timing t) {
        Random rnd = new Random(seed);
        Disk disk = new Disk();
        List<SimHost> hosts = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            hosts.add(new SimHost(HostId.of("host-" + i), rnd));
        }
        long lastAcquiredGeneration = 0;
        long acquisitions = 0;
        for (long real = 0; real <= RUN_MS; real += STEP_MS) {
            if (rnd.nextInt(20_000) == 0) {
                disk.content = new LeaseObservation.Corrupt("disk damage at " + real);
            }
            List<SimHost> order = new ArrayList<>(hosts);
            java.util.Collections.shuffle(order, rnd);
            for (SimHost h : order) {
                if (real < h.nextTickReal) {
                    continue;
                }
                for (LeaseEvent e : h.tick(real, disk, rnd, t)) {
                    if (e instanceof LeaseEvent.Acquired a) {
                        acquisitions++;
                        if (a.generation() <= lastAcquiredGeneration) {
                            fail("seed " + seed + ": generation " + a.generation() + " acquired by " + h.id
                                    + " at " + real + " after generation " + lastAcquiredGeneration);
                        }
                        lastAcquiredGeneration = a.generation();
                    }
                }
            }
            SimHost actor = null;
            for (SimHost h : hosts) {
                if (LeaseMachine.mayAct(h.state, h.local(real), t)) {
                    if (actor != null) {
                        fail("seed " + seed + ": " + actor.id + " and " + h.id + " may both act at real time " + real
                                + "\n" + actor.state + "\n" + h.state);
                    }
                    actor = h;
                }
            }
        }
        return acquisitions;
    }

    private static final class Disk {
        LeaseObservation content = new LeaseObservation.Absent();
    }

    private static final class SimHost {
        final HostId id;
        final long offsetMs;
        final double rate;
        LeaseState state;
        long nextTickReal;
        boolean want = true;
        int flakyReads;

        SimHost(HostId id, Random rnd) {
            this.id = id;
            this.offsetMs = rnd.nextLong() % 1_000_000_000L;
            this.rate = 1.0 + (rnd.nextDouble() - 0.5) * 0.01; // +-0.5% drift
            this.state = LeaseState.initial("c1", "ds1", id);
            this.nextTickReal = rnd.nextInt(100);
        }

        long local(long real) {
            return offsetMs + (long) Math.floor(real * rate);
        }

        List<LeaseEvent> tick(long real, Disk disk, Random rnd, Timing t) {
            int r = rnd.nextInt(1000);
            if (r < 1) { // crash: lose all state, come back later
                state = LeaseState.initial("c1", "ds1", id, state.highestGeneration());
                nextTickReal = real + rnd.nextInt(5000);
                return List.of();
            }
            if (r < 6) { // stall (GC, suspended VM) of up to 6 s
                nextTickReal = real + rnd.nextInt(6000);
                return List.of();
            }
            if (rnd.nextInt(500) == 0) {
                want = !want;
            }
            LeaseObservation obs = disk.content;
            int readFault = rnd.nextInt(100);
            if (readFault < 3) {
                obs = new LeaseObservation.Inaccessible("flaky");
            } else if (readFault < 5) {
                obs = new LeaseObservation.Corrupt("flaky read " + (flakyReads++));
            }
            LeaseStep step = LeaseMachine.observe(state, obs, want, local(real), t);
            state = step.state();
            if (step.write().isPresent()) {
                int writeFault = rnd.nextInt(100);
                boolean lands = writeFault >= 3;
                boolean reportsOk = writeFault >= 4;
                if (lands) {
                    disk.content = new LeaseObservation.Present(step.write().get());
                }
                state = LeaseMachine.written(state, reportsOk, local(real));
            }
            nextTickReal = real + t.tickIntervalMs() - 10 + rnd.nextInt(21);
            return step.events();
        }
    }
}
