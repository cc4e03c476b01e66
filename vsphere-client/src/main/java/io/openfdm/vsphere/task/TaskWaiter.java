package io.openfdm.vsphere.task;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import com.vmware.vim25.TaskInfo;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.soap.Faults;
import io.openfdm.vsphere.soap.PlainValues;
import io.openfdm.vsphere.soap.Session;

/**
 * Waits for a vSphere task ({@code *_Task} methods return a {@code Task} at once and run on the
 * server) by reading its {@code info} with {@code RetrievePropertiesEx}: after
 * {@value #FIRST_POLL_MS} ms, then at doubling intervals up to {@value #MAX_POLL_MS} ms, until it
 * is {@code success} or {@code error}, or the timeout passes. Polling the one task keeps the
 * session's PropertyCollector free of filters, so an {@code UpdateWatcher} on the same session is
 * not disturbed.
 *
 * <p>Thread-safe; the calling thread sleeps between polls and is never blocked longer than the
 * timeout plus one HTTP read timeout.
 */
public final class TaskWaiter {
    static final long FIRST_POLL_MS = 20;
    static final long MAX_POLL_MS = 500;

    private final Session session;

    public TaskWaiter(Session session) {
        this.session = session;
    }

    /**
     * @param task      the task
     * @param what      the operation, for messages ({@code PowerOnVM_Task vm-42})
     * @param timeoutMs the longest wait, milliseconds (&gt; 0)
     * @return the task's result as a plain value (a {@link MoRef} for {@code RegisterVM_Task}), or
     *         null when it has none
     * @throws VsphereException {@code TIMEOUT} if still queued or running after {@code timeoutMs}
     *                          (the task goes on on the server); the task's fault, translated, if
     *                          it ended in error; any failure to read it
     */
    public Object await(MoRef task, String what, long timeoutMs) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be > 0, was " + timeoutMs);
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        long pauseMs = FIRST_POLL_MS;
        while (true) {
            TaskInfo info = info(task, what);
            String state = info == null ? "queued" : String.valueOf(info.getState());
            if (state.equals("success")) {
                return PlainValues.plain(info.getResult());
            }
            if (state.equals("error")) {
                throw Faults.fromTaskError(what, info.getError());
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMs <= 0) {
                throw new VsphereException(VsphereException.Kind.TIMEOUT, "", what + ": task " + task.value()
                        + " still " + state + " after " + timeoutMs + " ms", null);
            }
            try {
                Thread.sleep(Math.min(pauseMs, leftMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VsphereException(VsphereException.Kind.TIMEOUT, "", what + ": interrupted while waiting for task "
                        + task.value(), e);
            }
            pauseMs = Math.min(pauseMs * 2, MAX_POLL_MS);
        }
    }

    private TaskInfo info(MoRef task, String what) {
        ObjectSpec object = new ObjectSpec();
        object.setObj(Session.mor(task));
        object.setSkip(Boolean.FALSE);
        PropertySpec props = new PropertySpec();
        props.setType("Task");
        props.setAll(Boolean.FALSE);
        props.setPathSet(new String[] {"info"});
        PropertyFilterSpec spec = new PropertyFilterSpec();
        spec.setObjectSet(new ObjectSpec[] {object});
        spec.setPropSet(new PropertySpec[] {props});
        RetrieveResult r = session.call(what + ": read task " + task.value(), (vim, sc) ->
                vim.retrievePropertiesEx(sc.getPropertyCollector(), new PropertyFilterSpec[] {spec}, new RetrieveOptions()));
        if (r == null || r.getObjects() == null) {
            return null;
        }
        for (ObjectContent c : r.getObjects()) {
            if (c.getPropSet() != null && c.getPropSet().length > 0 && c.getPropSet()[0].getVal() instanceof TaskInfo t) {
                return t;
            }
        }
        return null;
    }

    /** The reference of a task returned by a {@code *_Task} call. */
    public static MoRef task(ManagedObjectReference mor) {
        return Session.moRef(mor);
    }
}
