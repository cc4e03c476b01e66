package io.openfdm.bridge.web;

import io.openfdm.bridge.api.BridgeService;
import io.openfdm.bridge.api.ClusterStatus;
import io.openfdm.bridge.api.ClusterSummary;
import io.openfdm.bridge.api.HaSettings;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** More requests than the server has threads and queue for: bounded, and it keeps serving after. */
class WebServerLoadTest {
    /** Lets no {@code clusters()} call finish until released; counts how many run at once. */
    static final class HeldBridge implements BridgeService {
        final BridgeService inner = InMemoryBridgeService.sample();
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();

        @Override
        public List<ClusterSummary> clusters() {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return inner.clusters();
        }

        @Override
        public ClusterSummary enableHa(String clusterMoid) {
            return inner.enableHa(clusterMoid);
        }

        @Override
        public ClusterSummary disableHa(String clusterMoid) {
            return inner.disableHa(clusterMoid);
        }

        @Override
        public ClusterStatus status(String clusterMoid) {
            return inner.status(clusterMoid);
        }

        @Override
        public HaSettings settings(String clusterMoid) {
            return inner.settings(clusterMoid);
        }

        @Override
        public HaSettings updateSettings(String clusterMoid, HaSettings settings) {
            return inner.updateSettings(clusterMoid, settings);
        }
    }

    @Test
    void overloadIsBoundedAndTheServerRecovers() throws Exception {
        HeldBridge bridge = new HeldBridge();
        try (WebServer web = new WebServer(bridge, new InetSocketAddress("127.0.4.5", 0))) {
            web.start();
            int requests = WebServer.HTTP_THREADS + WebServer.QUEUED_REQUESTS + 16;
            List<Socket> sockets = new ArrayList<>();
            try {
                // Raw sockets: HttpClient would retry a GET whose connection closed unanswered.
                for (int i = 0; i < requests; i++) {
                    Socket s = new Socket(web.address().getAddress(), web.address().getPort());
                    s.setSoTimeout(30_000);
                    s.getOutputStream().write(("GET /api/clusters HTTP/1.1\r\nHost: 127.0.4.5\r\n"
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    sockets.add(s);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (bridge.running.get() < WebServer.HTTP_THREADS && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(bridge.running.get()).as("every request thread busy").isEqualTo(WebServer.HTTP_THREADS);
                Thread.sleep(500);   // let the server's dispatcher take in every connection
                bridge.release.countDown();

                int answered = 0;
                int closedUnanswered = 0;
                for (Socket s : sockets) {
                    String response;
                    try {
                        response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (SocketException e) {
                        response = "";   // reset by the server
                    }
                    if (response.startsWith("HTTP/1.1 200")) {
                        answered++;
                    } else {
                        assertThat(response).as("either answered or closed").isEmpty();
                        closedUnanswered++;
                    }
                }
                assertThat(bridge.maxRunning.get()).as("never more than the pool").isEqualTo(WebServer.HTTP_THREADS);
                assertThat(answered).isBetween(WebServer.HTTP_THREADS, WebServer.HTTP_THREADS + WebServer.QUEUED_REQUESTS);
                assertThat(closedUnanswered).as("beyond threads + queue").isGreaterThan(0);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://127.0.4.5:"
                    + web.address().getPort() + "/api/clusters")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).as("still serving after the overload").isEqualTo(200);
        }
    }
}
