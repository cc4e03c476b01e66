package io.openfdm.agent.store;

import io.openfdm.agent.config.ClusterFixtures;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.env.LocalStore.LastRole;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class H2StoreTest {
    @TempDir
    Path stateDir;

    private static JournalEvent event(int i) {
        return new JournalEvent(1_000L + i, "host-1", "master", EventKind.HOST_STATE_CHANGED, "event " + i, "host-2", i);
    }

    @Test
    void emptyStoreHasNothing() {
        try (H2Database db = H2Database.open(stateDir)) {
            H2LocalStore store = new H2LocalStore(db);
            assertThat(store.loadConfig()).isEmpty();
            assertThat(store.lastRole()).isEmpty();
            assertThat(new H2EventJournal(db).recent(10)).isEmpty();
            assertThat(db.schemaVersion()).isEqualTo(H2Database.latestSchemaVersion());
        }
    }

    @Test
    void configRoleEpochAndJournalSurviveReopen() {
        ClusterConfig config = ClusterFixtures.cluster(7, "127.0.0.1", 8182, 8183, 8184);
        try (H2Database db = H2Database.open(stateDir)) {
            H2LocalStore store = new H2LocalStore(db);
            store.saveConfig(ClusterFixtures.cluster(3, "127.0.0.1", 8182));
            store.saveConfig(config);
            store.saveRole(new LastRole(Role.SLAVE, HostId.of("host-3"), 42));
            assertThat(store.nextEpoch(5_000)).isEqualTo(5_000);
            H2EventJournal journal = new H2EventJournal(db);
            for (int i = 0; i < 5; i++) {
                journal.record(event(i));
            }
        }
        try (H2Database db = H2Database.open(stateDir)) {
            H2LocalStore store = new H2LocalStore(db);
            assertThat(store.loadConfig()).contains(config);
            assertThat(store.lastRole()).contains(new LastRole(Role.SLAVE, HostId.of("host-3"), 42));
            assertThat(store.nextEpoch(4_000)).as("wall clock stepped back: epoch still grows").isEqualTo(5_001);
            assertThat(store.nextEpoch(9_000)).isEqualTo(9_000);
            assertThat(new H2EventJournal(db).recent(3)).containsExactly(event(2), event(3), event(4));
            assertThat(new H2EventJournal(db).recent(100)).hasSize(5);
            assertThat(new H2EventJournal(db).recent(0)).isEmpty();
        }
    }

    @Test
    void masterlessRoleRoundTrips() {
        try (H2Database db = H2Database.open(stateDir)) {
            H2LocalStore store = new H2LocalStore(db);
            store.saveRole(new LastRole(Role.ELECTION, null, 1));
            assertThat(store.lastRole()).contains(new LastRole(Role.ELECTION, null, 1));
        }
    }

    @Test
    void journalKeepsOnlyTheNewestRows() {
        try (H2Database db = H2Database.open(stateDir)) {
            H2EventJournal journal = new H2EventJournal(db, 10);
            for (int i = 0; i < 25; i++) {
                journal.record(event(i));
            }
            List<JournalEvent> all = journal.recent(1_000);
            assertThat(all).hasSize(10);
            assertThat(all.get(0)).isEqualTo(event(15));
            assertThat(all.get(9)).isEqualTo(event(24));
        }
    }

    @Test
    void secondOpenOfTheSameStateDirIsRefused() {
        try (H2Database db = H2Database.open(stateDir)) {
            assertThat(db.schemaVersion()).isEqualTo(2);
            assertThatThrownBy(() -> H2Database.open(stateDir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("another agent");
        }
    }

    @Test
    void newerSchemaIsRefused() {
        try (H2Database db = H2Database.open(stateDir)) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE schema_version SET version = 99");
                }
            });
        }
        assertThatThrownBy(() -> H2Database.open(stateDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void failedTransactionRollsBack() {
        try (H2Database db = H2Database.open(stateDir)) {
            H2LocalStore store = new H2LocalStore(db);
            assertThatThrownBy(() -> db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO last_role (id, role, master, wall_ms) VALUES (1, 'MASTER', NULL, 1)");
                    s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                }
                return null;
            })).isInstanceOf(StoreException.class);
            assertThat(store.lastRole()).isEmpty();
        }
    }
}
