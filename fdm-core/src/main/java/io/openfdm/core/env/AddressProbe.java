package io.openfdm.core.env;

/**
 * Asks whether a network address answers, as FDM pings a host's management address (the master,
 * to tell a dead host from one whose agent is down) and a slave its isolation addresses (to tell
 * isolation from a partition) (vSphere HA Deepdive). Production sends an ICMP echo (or a TCP echo
 * where ICMP is not permitted); the simulator answers from its network model.
 *
 * <p>Blocking: the agent calls it off its event thread (through {@code HypervisorCalls}) and gets
 * the answer back on its thread.
 */
public interface AddressProbe {
    /**
     * @param address   an IP literal or host name
     * @param timeoutMs how long to wait for an answer, milliseconds
     * @return true when the address answered within {@code timeoutMs}; false when it did not, or
     *         when the address cannot be resolved (never throws)
     */
    boolean answers(String address, long timeoutMs);
}
