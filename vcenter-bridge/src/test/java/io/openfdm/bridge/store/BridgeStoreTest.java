package io.openfdm.bridge.store;

import io.openfdm.agent.store.StoreException;
import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.ClusterIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeStoreTest {
    @TempDir
    Path dir;

    private static final ClusterIdentity ID = new ClusterIdentity("5d2b1c3a-7-0badcafe", "ab".repeat(32));

    @Test
    void clusterStateSurvivesAReopen() {
        ClusterState c7 = new ClusterState("domain-c7", true, ID, new HaSettings(true, "high", "powerOff", false, 3, "aggressive"),
                4, "f".repeat(64));
        ClusterState c9 = ClusterState.fresh("domain-c9", new HaSettings(false, "low", "none", true, 2, "default"));
        try (BridgeStore store = BridgeStore.open(dir)) {
            assertThat(store.find("domain-c7")).isEmpty();
            store.save(c9);
            store.save(c7);
            store.save(c7.withVersion(5, "e".repeat(64)).withEnabled(false));
        }
        try (BridgeStore store = BridgeStore.open(dir)) {
            assertThat(store.find("domain-c7")).contains(new ClusterState("domain-c7", false, ID,
                    new HaSettings(true, "high", "powerOff", false, 3, "aggressive"), 5, "e".repeat(64)));
            assertThat(store.all()).extracting(ClusterState::moid).containsExactly("domain-c7", "domain-c9");
            assertThat(store.find("domain-c9")).contains(c9);
        }
    }

    @Test
    void aSecondBridgeOnTheSameStateDirectoryIsRefused() {
        try (BridgeStore first = BridgeStore.open(dir)) {
            first.save(new ClusterState("domain-c7", true, ID, HaSettings.defaults(), 1, ""));
            assertThatThrownBy(() -> BridgeStore.open(dir).close())
                    .isInstanceOf(StoreException.class).hasMessageContaining("is another bridge using");
        }
    }
}
