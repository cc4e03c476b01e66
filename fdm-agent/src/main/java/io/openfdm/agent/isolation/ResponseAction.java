package io.openfdm.agent.isolation;

import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.model.VmId;

/** Outputs of the {@link IsolationResponder}: hypervisor calls to make and facts to journal. */
public sealed interface ResponseAction {
    VmId vm();

    /** The VM's response is "leave powered on" (none): nothing is done to it. */
    record LeftPoweredOn(VmId vm) implements ResponseAction {
    }

    /** The response is not applied (yet): see {@link ResponseGate}. Reported again when the reason changes. */
    record HeldBack(VmId vm, IsolationResponse response, String reason) implements ResponseAction {
    }

    /** Ask the guest OS to shut down (response "shut down"). */
    record ShutdownGuest(VmId vm, String reason) implements ResponseAction {
    }

    /** Power the VM off: response "power off", or "shut down" whose guest did not finish in time. */
    record PowerOff(VmId vm, IsolationResponse response, String reason) implements ResponseAction {
    }

    /**
     * HA's response has powered the VM off: take it out of the poweron file, then write its
     * {@code poweredoff} marker, so the master may restart it.
     */
    record PoweredOff(VmId vm, IsolationResponse response) implements ResponseAction {
    }

    /** A guest shutdown begun while isolated did not finish, and the isolation has ended: left as it is. */
    record GaveUp(VmId vm, String reason) implements ResponseAction {
    }
}
