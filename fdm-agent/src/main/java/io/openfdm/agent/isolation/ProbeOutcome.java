package io.openfdm.agent.isolation;

import java.util.List;

/** What one round of pings of the isolation addresses found. Produced by {@link IsolationProbe}. */
public sealed interface ProbeOutcome {
    /** {@code address} answered: this host is not isolated. */
    record Answered(String address) implements ProbeOutcome {
    }

    /** Every address in {@code tried} was pinged and none answered. */
    record NoneAnswered(List<String> tried) implements ProbeOutcome {
        public NoneAnswered {
            tried = List.copyOf(tried);
        }
    }

    /**
     * There was nothing to ping: no configured isolation address and no default gateway (or its use
     * turned off). Isolation cannot be detected; the host is never declared isolated.
     */
    record NoAddress() implements ProbeOutcome {
    }
}
