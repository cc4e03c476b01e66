package io.openfdm.master.restart;

import io.openfdm.core.config.DependencyRule;
import io.openfdm.core.config.ReadyCondition;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.model.VmId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which restarts may start now: restart orchestration by priority and VM-to-VM dependencies. Pure:
 * the master describes every VM it is restarting (and the dependencies' targets) as
 * {@link Member}s and asks for a {@link Verdict} per VM it is about to place.
 *
 * <p>Rules (vSphere 6.5+ orchestrated restart, [API ClusterOrchestrationInfo]; vmware-ha-facts §2):
 * <ul>
 *   <li><b>Priorities.</b> With a ready condition other than {@code none}, a VM waits while a VM of a
 *       higher restart priority is {@link Stage#WAITING} (not yet started, or waiting for a host),
 *       is {@link Stage#STARTING} (power-on sent, not ready yet; for at most {@code readyTimeoutMs})
 *       or became {@link Stage#READY} less than {@code postReadyDelayMs} ago. A VM that waits for a
 *       retry or gave up does not hold lower priorities back (VMware: a failed high-priority
 *       power-on does not block lower ones). With {@code none}, priorities only order each
 *       placement round.</li>
 *   <li><b>Dependencies.</b> A VM with a rule "vm depends on X" waits until X is READY and
 *       {@code postReadyDelayMs} has passed, whatever the condition ({@code none} then means powered
 *       on). A dependency on a VM of lower priority is ignored at run time (validation rejects it in
 *       the configuration; a VM's own priority may still say so): honouring it would deadlock.</li>
 *   <li><b>Timeout.</b> A VM held back for {@code readyTimeoutMs} starts anyway.</li>
 *   <li><b>Agent VMs and FT secondaries.</b> Ranks are {@link RestartRank}s, so agent VMs come
 *       before FT secondaries, and both before every ordinary VM whatever its priority (vSphere
 *       HA Deepdive, "Restart Priority and Order"); the rules above apply between these groups
 *       as between priorities.</li>
 * </ul>
 */
public final class RestartOrder {

    /** Where a VM stands in the current restarts, for ordering. */
    public enum Stage {
        /** To be started: not yet placed, or waiting for a host with room. */
        WAITING,
        /** Power-on requested (or done), the ready condition not yet met. */
        STARTING,
        /** The ready condition is met. */
        READY,
        /** A failed attempt, waiting for the next one. */
        RETRYING,
        /** No attempts left. */
        GAVE_UP
    }

    /**
     * @param vm      the VM
     * @param rank    its {@link RestartRank}: the restart priority's rank (0 disabled .. 5 highest)
     *                for an ordinary VM, 6..11 for an FT secondary, 12..17 for an agent VM
     * @param stage   where it stands
     * @param sinceMs monotonic ms: when it was started ({@code STARTING}) or became ready
     *                ({@code READY}; {@link Long#MIN_VALUE} when ready before this master knew it);
     *                unused otherwise
     */
    public record Member(VmId vm, int rank, Stage stage, long sinceMs) {
    }

    /** May the VM start now? */
    public sealed interface Verdict {
        /** Yes. */
        record Go() implements Verdict {
        }

        /** Yes, though {@code waitedFor} is still not ready: it was held for {@code readyTimeoutMs}. */
        record GoAfterTimeout(String waitedFor) implements Verdict {
        }

        /** Not yet: {@code reason} says what it waits for. */
        record Hold(String reason) implements Verdict {
        }
    }

    private final ReadyCondition condition;
    private final long postReadyDelayMs;
    private final long readyTimeoutMs;
    private final Map<VmId, List<VmId>> dependsOn = new HashMap<>();

    public RestartOrder(RestartPolicy policy) {
        this.condition = policy.readyCondition();
        this.postReadyDelayMs = policy.postReadyDelayMs();
        this.readyTimeoutMs = policy.readyTimeoutMs();
        for (DependencyRule d : policy.dependencies()) {
            dependsOn.computeIfAbsent(d.vm(), k -> new ArrayList<>()).add(d.dependsOn());
        }
    }

    /** The condition dependencies wait for: the policy's, with {@code none} read as powered on. */
    public ReadyCondition dependencyCondition() {
        return condition == ReadyCondition.NONE ? ReadyCondition.POWERED_ON : condition;
    }

    /** True when nothing can ever be held back (no ready condition, no dependency rules). */
    public boolean trivial() {
        return condition == ReadyCondition.NONE && dependsOn.isEmpty();
    }

    /** The VMs {@code vm} depends on (empty when none). */
    public List<VmId> dependenciesOf(VmId vm) {
        return dependsOn.getOrDefault(vm, List.of());
    }

    /**
     * One placement round's view: the blockers are computed once from {@code members}.
     *
     * @param members every VM this master is restarting or recently started
     * @param lookup  any VM's member (for dependency targets that are not restarting: a VM running
     *                and ready is {@code READY} since {@link Long#MIN_VALUE}); empty when the VM is
     *                neither running nor being restarted
     * @param nowMs   monotonic ms now
     */
    public Round round(Collection<Member> members, Function<VmId, Optional<Member>> lookup, long nowMs) {
        // The lowest-MOID blocking VM per rank.
        TreeMap<Integer, Member> blockers = new TreeMap<>();
        if (condition != ReadyCondition.NONE) {
            for (Member m : members) {
                if (blocksLowerPriorities(m, nowMs)) {
                    blockers.merge(m.rank(), m, (a, b) -> a.vm().compareTo(b.vm()) <= 0 ? a : b);
                }
            }
        }
        return new Round(blockers, lookup, nowMs);
    }

    private boolean blocksLowerPriorities(Member m, long now) {
        return switch (m.stage()) {
            case WAITING -> true;
            case STARTING -> now - m.sinceMs() < readyTimeoutMs;
            case READY -> !delayPassed(m, now);
            case RETRYING, GAVE_UP -> false;
        };
    }

    private boolean delayPassed(Member m, long now) {
        return m.sinceMs() == Long.MIN_VALUE || now - m.sinceMs() >= postReadyDelayMs;
    }

    /** The verdicts of one placement round. */
    public final class Round {
        private final TreeMap<Integer, Member> blockers;
        private final Function<VmId, Optional<Member>> lookup;
        private final long nowMs;

        private Round(TreeMap<Integer, Member> blockers, Function<VmId, Optional<Member>> lookup, long nowMs) {
            this.blockers = blockers;
            this.lookup = lookup;
            this.nowMs = nowMs;
        }

        /**
         * @param vm          the VM about to be placed
         * @param rank        its {@link RestartRank}
         * @param heldSinceMs monotonic ms when it was first held back, or -1 if it never was
         */
        public Verdict verdict(VmId vm, int rank, long heldSinceMs) {
            Optional<String> waitsFor = waitsFor(vm, rank);
            if (waitsFor.isEmpty()) {
                return new Verdict.Go();
            }
            if (heldSinceMs >= 0 && nowMs - heldSinceMs >= readyTimeoutMs) {
                return new Verdict.GoAfterTimeout(waitsFor.get());
            }
            return new Verdict.Hold(waitsFor.get());
        }

        private Optional<String> waitsFor(VmId vm, int rank) {
            Map.Entry<Integer, Member> higher = blockers.higherEntry(rank);
            if (higher != null) {
                Member b = higher.getValue();
                return Optional.of(b.vm() + " (" + RestartRank.describe(b.rank()) + ") to be " + describe(condition, b));
            }
            for (VmId target : dependenciesOf(vm)) {
                Optional<Member> m = lookup.apply(target);
                if (m.isPresent() && m.get().rank() < rank) {
                    continue; // a dependency on a lower priority is ignored (see the class comment)
                }
                if (m.isEmpty() || m.get().stage() != Stage.READY || !delayPassed(m.get(), nowMs)) {
                    return Optional.of(target + " (dependency) to be "
                            + describe(dependencyCondition(), m.orElse(new Member(target, 0, Stage.WAITING, 0))));
                }
            }
            return Optional.empty();
        }
    }

    private String describe(ReadyCondition c, Member m) {
        String ready = c == ReadyCondition.GUEST_HEARTBEAT ? "ready (guest heartbeat green)" : "ready (powered on)";
        if (m.stage() == Stage.READY && postReadyDelayMs > 0) {
            return ready + " + post-ready delay " + String.format(Locale.ROOT, "%.1f", postReadyDelayMs / 1000.0) + " s";
        }
        return ready;
    }
}
