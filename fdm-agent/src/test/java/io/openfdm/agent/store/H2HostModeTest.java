package io.openfdm.agent.store;

import io.openfdm.core.model.HostMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class H2HostModeTest {
    @TempDir
    Path stateDir;

    @Test
    void theHostModeIsNormalUntilSavedAndSurvivesAReopen() {
        try (H2Database db = H2Database.open(stateDir)) {
            H2LocalStore store = new H2LocalStore(db);
            assertThat(store.hostMode()).isEqualTo(HostMode.NORMAL);
            store.saveHostMode(HostMode.MAINTENANCE);
            assertThat(store.hostMode()).isEqualTo(HostMode.MAINTENANCE);
        }
        try (H2Database db = H2Database.open(stateDir)) {
            H2LocalStore store = new H2LocalStore(db);
            assertThat(store.hostMode()).isEqualTo(HostMode.MAINTENANCE);
            store.saveHostMode(HostMode.STANDBY);
            store.saveHostMode(HostMode.NORMAL);
            assertThat(store.hostMode()).isEqualTo(HostMode.NORMAL);
        }
    }

    @Test
    void anUnknownStoredModeIsAClearError() {
        try (H2Database db = H2Database.open(stateDir)) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO host_mode (id, mode, wall_ms) VALUES (1, 'VACATION', 0)");
                }
            });
            assertThatThrownBy(() -> new H2LocalStore(db).hostMode()).isInstanceOf(StoreException.class)
                    .hasMessageContaining("stored host mode \"VACATION\"");
        }
    }
}
