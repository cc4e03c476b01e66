package io.openfdm.sim.host;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;
import io.openfdm.sim.scenario.Command.CrashPoint;
import io.openfdm.sim.storage.SimDatastores;
import io.openfdm.sim.time.Scheduler;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent of one {@link SimHost} sees of the datastores: the host's plain
 * {@link SimDatastores#view view} plus the faults that live on the host's side of the wire.
 *
 * <ul>
 *   <li><b>Slow I/O</b> ({@code slow-io}): the agent's datastore calls run through
 *       {@link SimDatastoreCalls}, which makes a slow call happen at its end, outside any step, so
 *       it costs the {@link AgentThread} nothing. A call made inside a step on a slow datastore
 *       (only {@code PowerOnExecutor}'s fencing read, which the inline hypervisor calls run there)
 *       still costs its latency on the thread. A write or delete made inside a step completes, and
 *       becomes visible to other hosts, at step start + the step's I/O time after the call; this
 *       host's own later reads see it at once (read-your-writes; {@code list} does not). Reads
 *       return the datastore as it is at the start of the step: the simulator cannot look
 *       ahead.</li>
 *   <li><b>Crash mid-write</b> ({@code crash-at ... torn-write|write}): the k-th write either
 *       never replaces the target and leaves only the temporary file of an atomic replacement
 *       ({@code .tmp-<name>-<hex>}, a prefix of the new content) or completes; then the agent's
 *       step is abandoned ({@link InjectedCrash}). A host that crashes (power or agent) before a
 *       delayed write completes also leaves only the temporary file: what
 *       {@link DatastoreFiles#writeAtomic}'s contract allows.</li>
 * </ul>
 */
final class HostDatastoreView implements DatastoreFiles {
    private final SimHost host;
    private final HostId id;
    private final SimDatastores datastores;
    private final DatastoreFiles raw;
    private final AgentThread thread;
    private final Scheduler scheduler;
    /** Writes not yet landed: "ds\0path" -> content (empty: a delete). */
    private final Map<String, Optional<byte[]>> pending = new HashMap<>();
    private long tempNonce;

    HostDatastoreView(SimHost host, SimDatastores datastores, AgentThread thread, Scheduler scheduler) {
        this.host = host;
        this.id = host.id();
        this.datastores = datastores;
        this.raw = datastores.view(host.id());
        this.thread = thread;
        this.scheduler = scheduler;
    }

    @Override
    public boolean accessible(String datastore) {
        charge(datastore);
        return raw.accessible(datastore);
    }

    @Override
    public Optional<byte[]> read(String datastore, String path) {
        charge(datastore);
        Optional<byte[]> now = raw.read(datastore, path);
        Optional<byte[]> mine = pending.get(key(datastore, path));
        return mine != null ? mine.map(byte[]::clone) : now;
    }

    @Override
    public void writeAtomic(String datastore, String path, byte[] content) {
        long doneMs = charge(datastore);
        CrashTrigger trigger = host.crashTrigger();
        boolean strikes = trigger != null && trigger.onWrite();
        if (strikes && trigger.point == CrashPoint.TORN_WRITE) {
            if (datastores.reaches(id, datastore)) {
                datastores.leaveTempFile(datastore, path, Arrays.copyOf(content, content.length / 2), ++tempNonce);
            }
            throw new InjectedCrash(doneMs);
        }
        land(datastore, path, Optional.of(content.clone()), doneMs);
        if (strikes) {
            throw new InjectedCrash(doneMs);
        }
    }

    @Override
    public boolean delete(String datastore, String path) {
        long doneMs = charge(datastore);
        CrashTrigger trigger = host.crashTrigger();
        boolean strikes = trigger != null && trigger.onWrite();
        if (strikes && trigger.point == CrashPoint.TORN_WRITE) {
            throw new InjectedCrash(doneMs);
        }
        Optional<byte[]> mine = pending.get(key(datastore, path));
        boolean existed = mine != null ? mine.isPresent() : raw.read(datastore, path).isPresent();
        land(datastore, path, Optional.empty(), doneMs);
        if (strikes) {
            throw new InjectedCrash(doneMs);
        }
        return existed;
    }

    @Override
    public List<String> list(String datastore, String dir) {
        charge(datastore);
        return raw.list(datastore, dir);
    }

    private long charge(String datastore) {
        return thread.charge(datastores.latencyMs(id, datastore));
    }

    private void land(String datastore, String path, Optional<byte[]> content, long doneMs) {
        if (doneMs == 0) {
            apply(datastore, path, content);
            return;
        }
        if (!datastores.reaches(id, datastore)) {
            throw new DatastoreIoException(datastore, "inaccessible from " + id + " (all paths down)");
        }
        String key = key(datastore, path);
        pending.put(key, content);
        int incarnation = host.incarnation();
        scheduler.at(thread.stepStartMs() + doneMs, () -> {
            if (pending.get(key) == content) {
                pending.remove(key);
            }
            if (host.incarnation() != incarnation) {
                // The process died while the write was in flight: at most the temporary file.
                if (content.isPresent() && datastores.reaches(id, datastore)) {
                    datastores.leaveTempFile(datastore, path, Arrays.copyOf(content.get(), content.get().length / 2),
                            ++tempNonce);
                }
                return;
            }
            try {
                apply(datastore, path, content);
            } catch (DatastoreIoException e) {
                // Lost access while the call was in flight: the write never reached the disk.
            }
        });
    }

    private void apply(String datastore, String path, Optional<byte[]> content) {
        if (content.isPresent()) {
            raw.writeAtomic(datastore, path, content.get());
        } else {
            raw.delete(datastore, path);
        }
    }

    /** A crashed process's writes in flight are no longer visible to its successor. */
    void forgetPending() {
        pending.clear();
    }

    private static String key(String datastore, String path) {
        return datastore + "\0" + path;
    }
}
