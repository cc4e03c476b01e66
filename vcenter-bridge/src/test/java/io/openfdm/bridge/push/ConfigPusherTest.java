package io.openfdm.bridge.push;

import io.openfdm.agent.push.PushCounters;
import io.openfdm.agent.push.PushOutcome;
import io.openfdm.agent.push.PushServer;
import io.openfdm.agent.push.PushTarget;
import io.openfdm.agent.push.RequestAuthenticator;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.env.Clock;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostId;
import io.openfdm.core.status.AgentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Background delivery: a dead agent is retried with backoff and never delays the others or the caller. */
class ConfigPusherTest {
    private static final String KEY = "cd".repeat(32);
    private final List<AutoCloseable> open = new ArrayList<>();

    /** An agent that accepts any newer version. */
    static final class Agent implements PushTarget {
        volatile ClusterConfig current;

        Agent(ClusterConfig initial) {
            current = initial;
        }

        @Override
        public ClusterConfig current() {
            return current;
        }

        @Override
        public Path configDir() {
            return Path.of("/");
        }

        @Override
        public synchronized PushOutcome apply(ClusterConfig next) {
            if (next.version() <= current.version()) {
                return new PushOutcome.NotNewer(next.version(), current.version());
            }
            current = next;
            return new PushOutcome.Applied(next.version());
        }

        @Override
        public AgentStatus status() {
            return new AgentStatus("h", "slave", "", "c", current.version(), 0, Map.of(), List.of(), List.of(), List.of());
        }

        @Override
        public List<JournalEvent> recentEvents(int limit) {
            return List.of();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.3.21"))) {
            return s.getLocalPort();
        }
    }

    private static ClusterConfig config(long version, int port) {
        return new ClusterConfig("c1", version, KEY,
                List.of(new HostSpec(HostId.of("host-1"), "127.0.3.21", port, List.of("ds"), 1000, 1000),
                        new HostSpec(HostId.of("host-2"), "127.0.3.22", port, List.of("ds"), 1000, 1000)),
                List.of(new DatastoreSpec("ds", "/tmp/ds")), List.of(), 2, Timing.defaults()).validate();
    }

    private Agent agentOn(String ip, int port, ClusterConfig initial) {
        Agent agent = new Agent(initial);
        open.add(PushServer.start(new InetSocketAddress(ip, port), agent,
                new RequestAuthenticator(RequestAuthenticator.DEFAULT_FRESHNESS_WINDOW_MS), new PushCounters(), Clock.system()));
        return agent;
    }

    @Test
    void aDeadAgentIsRetriedUntilItAnswersWhileTheOthersAreServed() throws Exception {
        int port = freePort();
        Agent alive = agentOn("127.0.3.21", port, config(1, port));
        ConfigPusher pusher = new ConfigPusher(Clock.system(), 500, new Backoff(50, 200), 2);
        open.add(pusher);

        long started = System.nanoTime();
        pusher.push("domain-c7", config(2, port));
        assertThat((System.nanoTime() - started) / 1_000_000).as("push returns at once").isLessThan(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> alive.current.version() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> pusher.states("domain-c7").get(1).failures() >= 3);
        AgentPushState dead = pusher.states("domain-c7").get(1);
        assertThat(dead.host()).isEqualTo("host-2");
        assertThat(dead.ackedVersion()).isZero();
        assertThat(dead.lastError()).contains("127.0.3.22:" + port).contains("not answering");
        assertThat(pusher.delivered("domain-c7")).isFalse();

        Agent late = agentOn("127.0.3.22", port, config(1, port)); // the host comes back
        await().atMost(Duration.ofSeconds(5)).until(() -> late.current.version() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> pusher.delivered("domain-c7"));
        assertThat(pusher.states("domain-c7")).allSatisfy(s -> {
            assertThat(s.ackedVersion()).isEqualTo(2);
            assertThat(s.failures()).isZero();
            assertThat(s.lastError()).isEmpty();
        });

        pusher.push("domain-c7", config(3, port));
        await().atMost(Duration.ofSeconds(5)).until(() -> alive.current.version() == 3 && late.current.version() == 3);
    }

    @Test
    void anAgentAlreadyAtTheVersionCountsAsDelivered() throws Exception {
        int port = freePort();
        Agent a1 = agentOn("127.0.3.21", port, config(5, port));
        Agent a2 = agentOn("127.0.3.22", port, config(5, port));
        ConfigPusher pusher = new ConfigPusher(Clock.system(), 500, new Backoff(50, 200), 2);
        open.add(pusher);
        pusher.push("domain-c7", config(5, port));
        await().atMost(Duration.ofSeconds(5)).until(() -> pusher.delivered("domain-c7"));
        assertThat(a1.current.version()).isEqualTo(5);
        assertThat(a2.current.version()).isEqualTo(5);
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = new Backoff(500, 30_000);
        assertThat(List.of(b.delayMs(1), b.delayMs(2), b.delayMs(3), b.delayMs(7), b.delayMs(8), b.delayMs(1000)))
                .containsExactly(500L, 1000L, 2000L, 30_000L, 30_000L, 30_000L);
    }
}
