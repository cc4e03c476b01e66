package io.openfdm.agent.node;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.env.Clock;
import io.openfdm.core.env.LocalStore;
import io.openfdm.core.journal.EventJournal;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.Role;
import io.openfdm.core.wire.MasterHeartbeat;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import io.openfdm.hostd.sim.InMemoryPowerStateStore;
import io.openfdm.hostd.sim.SimulatedHypervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A datastore whose every call hangs (all paths down on NFS, an array that stopped answering) does
 * not hold up the node: its datastore calls go to {@link DatastoreCalls} and the node goes on
 * electing and sending heartbeats; when the calls finally answer, the answers are taken in.
 */
class HungDatastoreTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");

    /** Holds every call until {@link #answerAll}. */
    private static final class Hung implements DatastoreCalls {
        final List<Runnable> held = new ArrayList<>();
        long nowMs;

        @Override
        public <T> void run(String datastore, long callerNowMs, Supplier<T> work, Completion<T> done) {
            held.add(() -> done.done(work.get(), nowMs, true));
        }

        void answerAll() {
            List<Runnable> now = new ArrayList<>(held);
            held.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void aMasterWhoseDatastoreNeverAnswersKeepsSendingHeartbeatsAndTakesTheAnswersInLater(@TempDir Path dir)
            throws Exception {
        Path root = Files.createDirectories(dir.resolve("ds-1"));
        List<HostSpec> hosts = List.of(new HostSpec(H1, "127.0.14.1", 8182, List.of("ds-1"), 20_000, 65_536),
                new HostSpec(H2, "127.0.14.2", 8182, List.of("ds-1"), 20_000, 65_536));
        ClusterConfig config = new ClusterConfig("c1", 1, "0f".repeat(32), hosts,
                List.of(new DatastoreSpec("ds-1", root.toString())), List.of(), 2, Timing.defaults()).validate();
        NioDatastoreFiles files = new NioDatastoreFiles(Map.of("ds-1", root));
        long[] now = {1_000};
        Clock clock = new Clock() {
            @Override
            public long monotonicMs() {
                return now[0];
            }

            @Override
            public long wallMs() {
                return 1_700_000_000_000L + now[0];
            }
        };
        List<long[]> heartbeatsSentAt = new ArrayList<>();
        Hung calls = new Hung();
        AgentEnvironment env = new AgentEnvironment((to, m) -> {
            if (m instanceof MasterHeartbeat) {
                heartbeatsSentAt.add(new long[] {now[0]});
            }
        }, files, SimulatedHypervisor.boot(H2, files, () -> List.of("ds-1"), new InMemoryPowerStateStore()),
                new ListJournal(), new NoStore(), clock, HypervisorCalls.inline(), (address, timeoutMs) -> false,
                io.openfdm.core.env.DefaultGateway.none(), calls);
        AgentNode node = new AgentNode(H2, config, env);
        node.start(now[0]);
        // host-1 is silent: host-2 elects itself after the election window, with its datastore hung.
        for (; now[0] < 11_000; now[0] += 50) {
            node.onTick(now[0]);
        }
        assertThat(node.role()).isEqualTo(Role.MASTER);
        long firstMs = heartbeatsSentAt.get(0)[0];
        assertThat(firstMs).isLessThan(4_000);
        // One heartbeat every 250 ms from then on: the hung datastore holds up nothing.
        assertThat((long) heartbeatsSentAt.size()).isBetween((11_000 - firstMs) / 250 - 1, (11_000 - firstMs) / 250 + 1);
        // Its access check is asked for every second, skipped while the first one hangs.
        assertThat(node.skippedDatastoreCalls().get("accessible")).isGreaterThanOrEqualTo(8L);
        assertThat(node.mayAct("ds-1", now[0])).isFalse();

        // The datastore answers again: access, then the lease round, claim, read-back.
        for (int round = 0; round < 40 && !node.mayAct("ds-1", now[0]); round++) {
            calls.nowMs = now[0];
            calls.answerAll();
            now[0] += 50;
            node.onTick(now[0]);
        }
        assertThat(node.mayAct("ds-1", now[0])).as("the lease is acquired once the datastore answers").isTrue();
        assertThat(node.status(now[0]).datastores()).singleElement()
                .satisfies(d -> assertThat(d.accessible()).isTrue());
    }

    private static final class ListJournal implements EventJournal {
        final List<JournalEvent> events = new ArrayList<>();

        @Override
        public void record(JournalEvent event) {
            events.add(event);
        }

        @Override
        public List<JournalEvent> recent(int limit) {
            return events.subList(Math.max(0, events.size() - limit), events.size());
        }
    }

    private static final class NoStore implements LocalStore {
        private ClusterConfig config;
        private LastRole role;

        @Override
        public Optional<ClusterConfig> loadConfig() {
            return Optional.ofNullable(config);
        }

        @Override
        public void saveConfig(ClusterConfig c) {
            config = c;
        }

        @Override
        public Optional<LastRole> lastRole() {
            return Optional.ofNullable(role);
        }

        @Override
        public void saveRole(LastRole r) {
            role = r;
        }
    }
}
