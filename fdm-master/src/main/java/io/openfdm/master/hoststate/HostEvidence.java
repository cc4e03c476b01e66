package io.openfdm.master.hoststate;

import io.openfdm.datastore.poweron.PoweronRecord;
import io.openfdm.master.hoststate.HostObservation.AddressProbeResult;
import io.openfdm.master.hoststate.HostObservation.IsolationFlag;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the master has gathered about one host besides its heartbeats: the pings of its management
 * address, its poweron files and its election claims. Mutable, owned by the master machine; times
 * are the master's monotonic milliseconds.
 *
 * <p>A ping counts only for the silence it was taken in: a result is current when the ping was
 * sent after the host's last network heartbeat.
 */
public final class HostEvidence {
    private long probeSentMs = Long.MIN_VALUE;
    /** The first ping of the current silence: the one a stuck answer is timed from. */
    private long firstProbeSentMs = Long.MIN_VALUE;
    private long reconnectedMs = Long.MIN_VALUE;
    private long probeResultSentMs = Long.MIN_VALUE;
    private boolean probeAnswered;
    private long electionHeardMs = Long.MIN_VALUE;
    private long poweronReadMs = Long.MIN_VALUE;
    private final Map<String, PoweronRecord> poweron = new TreeMap<>();
    /** Per datastore: when the read that returned the stored record was sent (master's clock). */
    private final Map<String, Long> poweronSeenByReadSentMs = new TreeMap<>();
    /**
     * Per datastore: a time the stored record was written after (master's clock): the sending time
     * of the read that still saw the record before it. Absent when not known (first sight).
     */
    private final Map<String, Long> poweronWrittenAfterMs = new TreeMap<>();

    /** True when a ping should be sent now: none since {@code lastHeardMs}, or the last is {@code intervalMs} old. */
    public boolean probeDue(long lastHeardMs, long nowMs, long intervalMs) {
        return probeSentMs == Long.MIN_VALUE || probeSentMs <= lastHeardMs || nowMs - probeSentMs >= intervalMs;
    }

    /** A ping is sent now, in the silence that began at {@code lastHeardMs}. */
    public void probeSent(long lastHeardMs, long nowMs) {
        if (firstProbeSentMs == Long.MIN_VALUE || firstProbeSentMs <= lastHeardMs) {
            firstProbeSentMs = nowMs;
        }
        probeSentMs = nowMs;
    }

    /** A ping sent at {@code sentMs} came back; an older answer than the one held is ignored. */
    public void probed(long sentMs, boolean answered) {
        if (sentMs >= probeResultSentMs) {
            probeResultSentMs = sentMs;
            probeAnswered = answered;
        }
    }

    /**
     * The ping's verdict for the silence that began at {@code lastHeardMs}.
     *
     * @param probeable false for an address a ping says nothing about ({@link ManagementAddress})
     * @param timeoutMs {@link HostStateTiming#probeTimeoutMs}; a ping not back after twice that counts as silent
     */
    public AddressProbeResult probe(long lastHeardMs, long nowMs, boolean probeable, long timeoutMs) {
        if (!probeable) {
            return AddressProbeResult.SILENT;
        }
        if (probeResultSentMs != Long.MIN_VALUE && probeResultSentMs > lastHeardMs) {
            return probeAnswered ? AddressProbeResult.ANSWERED : AddressProbeResult.SILENT;
        }
        if (firstProbeSentMs != Long.MIN_VALUE && firstProbeSentMs > lastHeardMs && nowMs - firstProbeSentMs >= 2 * timeoutMs) {
            return AddressProbeResult.SILENT;
        }
        return AddressProbeResult.UNKNOWN;
    }

    public void electionHeard(long nowMs) {
        electionHeardMs = nowMs;
    }

    /** True when an election claim of the host arrived less than {@code windowMs} ago. */
    public boolean electionHeardWithin(long nowMs, long windowMs) {
        return electionHeardMs != Long.MIN_VALUE && nowMs - electionHeardMs < windowMs;
    }

    /** True when the poweron files should be read again. */
    public boolean poweronReadDue(long nowMs, long intervalMs) {
        return poweronReadMs == Long.MIN_VALUE || nowMs - poweronReadMs >= intervalMs;
    }

    public void poweronReadSent(long nowMs) {
        poweronReadMs = nowMs;
    }

    /** One datastore's poweron file of the host: present, or empty when missing, corrupt or unreadable. */
    public void poweronObserved(String datastore, Optional<PoweronRecord> record) {
        if (record.isPresent()) {
            PoweronRecord before = poweron.put(datastore, record.get());
            Long beforeReadMs = poweronSeenByReadSentMs.put(datastore, poweronReadMs);
            if (before != null && beforeReadMs != null && record.get().counter() > before.counter()
                    && record.get().host().equals(before.host())) {
                // the read sent at beforeReadMs still saw the older record: this one came later
                poweronWrittenAfterMs.put(datastore, beforeReadMs);
            } else if (before == null || record.get().counter() != before.counter()) {
                poweronWrittenAfterMs.remove(datastore);
            }
        } else {
            poweron.remove(datastore);
            poweronSeenByReadSentMs.remove(datastore);
            poweronWrittenAfterMs.remove(datastore);
        }
    }

    /**
     * The freshest poweron record known to have been written after {@code ms} (master's clock):
     * one whose counter rose between two reads of its datastore, the earlier sent at or after
     * {@code ms}. Empty when no such record is known yet.
     */
    public Optional<PoweronRecord> poweronWrittenAfter(long ms) {
        PoweronRecord best = null;
        for (Map.Entry<String, Long> e : poweronWrittenAfterMs.entrySet()) {
            PoweronRecord r = poweron.get(e.getKey());
            if (r != null && e.getValue() >= ms && (best == null || r.counter() > best.counter())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The freshest poweron record (highest counter) over the datastores read, if any. */
    public Optional<PoweronRecord> poweron() {
        PoweronRecord best = null;
        for (PoweronRecord r : poweron.values()) {
            if (best == null || r.counter() > best.counter()) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    public IsolationFlag isolationFlag() {
        return poweron().map(r -> r.isolated() ? IsolationFlag.SET : IsolationFlag.CLEAR).orElse(IsolationFlag.UNKNOWN);
    }

    /** The host is heard again: its old poweron files and read schedule say nothing about a next silence. */
    public void reconnected(long nowMs) {
        poweron.clear();
        poweronSeenByReadSentMs.clear();
        poweronWrittenAfterMs.clear();
        poweronReadMs = Long.MIN_VALUE;
        reconnectedMs = nowMs;
    }

    /** When the host last came back to {@code connectedToMaster} from another state; MIN_VALUE if never. */
    public long reconnectedMs() {
        return reconnectedMs;
    }
}
