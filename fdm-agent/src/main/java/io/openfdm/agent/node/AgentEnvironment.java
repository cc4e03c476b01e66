package io.openfdm.agent.node;

import io.openfdm.core.env.AddressProbe;
import io.openfdm.core.env.Clock;
import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DefaultGateway;
import io.openfdm.core.env.LocalStore;
import io.openfdm.core.env.Transport;
import io.openfdm.core.journal.EventJournal;
import io.openfdm.hostd.Hypervisor;

/**
 * Everything outside the agent's state machines, one narrow interface each. Production wires
 * netty, NIO files, the simulated or vSphere hypervisor and H2; the simulator wires its own.
 *
 * @param transport  datagrams to other members
 * @param datastores shared datastore files as this host sees them
 * @param hypervisor this host's hypervisor
 * @param journal    event journal
 * @param store      agent-local durable state
 * @param clock      wall time for the journal (timeouts use the {@code nowMs} passed to each call)
 * @param hypervisorCalls where power-ons (and other slow calls, such as probes) run: inline, or on
 *                   a worker with the result posted back
 * @param addressProbe pings of management and isolation addresses (run through
 *                   {@code hypervisorCalls}, never on the node's thread in production)
 * @param defaultGateway this host's default gateway, the default isolation address (read with the
 *                   pings, off the node's thread)
 * @param datastoreCalls where every call on {@code datastores} runs: inline, or on a worker per
 *                   datastore with the result posted back (see {@link DatastoreCalls})
 */
public record AgentEnvironment(Transport transport, DatastoreFiles datastores, Hypervisor hypervisor,
                               EventJournal journal, LocalStore store, Clock clock, HypervisorCalls hypervisorCalls,
                               AddressProbe addressProbe, DefaultGateway defaultGateway, DatastoreCalls datastoreCalls) {

    /** An environment whose datastore calls run inline, on the node's thread (unit tests). */
    public AgentEnvironment(Transport transport, DatastoreFiles datastores, Hypervisor hypervisor,
                            EventJournal journal, LocalStore store, Clock clock, HypervisorCalls hypervisorCalls,
                            AddressProbe addressProbe, DefaultGateway defaultGateway) {
        this(transport, datastores, hypervisor, journal, store, clock, hypervisorCalls, addressProbe, defaultGateway,
                DatastoreCalls.inline());
    }

    /** An environment without a default gateway: only configured isolation addresses are pinged. */
    public AgentEnvironment(Transport transport, DatastoreFiles datastores, Hypervisor hypervisor,
                            EventJournal journal, LocalStore store, Clock clock, HypervisorCalls hypervisorCalls,
                            AddressProbe addressProbe) {
        this(transport, datastores, hypervisor, journal, store, clock, hypervisorCalls, addressProbe, DefaultGateway.none());
    }

    /** An environment whose power-ons and probes run inline (the simulator, the simulated hypervisor). */
    public AgentEnvironment(Transport transport, DatastoreFiles datastores, Hypervisor hypervisor,
                            EventJournal journal, LocalStore store, Clock clock, AddressProbe addressProbe) {
        this(transport, datastores, hypervisor, journal, store, clock, HypervisorCalls.inline(), addressProbe,
                DefaultGateway.none());
    }
}
