package io.openfdm.agent.maintenance;

import io.openfdm.agent.maintenance.HostModeRequest.Change;
import io.openfdm.agent.maintenance.HostModeRequest.Outcome;
import io.openfdm.agent.maintenance.HostModeRequest.Refused;
import io.openfdm.agent.maintenance.HostModeRequest.Unchanged;
import io.openfdm.core.model.HostMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostModeRequestTest {
    /** current mode, request, expected outcome: change to X, unchanged, or refused. */
    @ParameterizedTest(name = "{0} + {1} {2} -> {3}")
    @CsvSource({
            "NORMAL,      MAINTENANCE, enter, change NORMAL->MAINTENANCE",
            "NORMAL,      STANDBY,     enter, change NORMAL->STANDBY",
            "MAINTENANCE, MAINTENANCE, enter, unchanged",
            "STANDBY,     STANDBY,     enter, unchanged",
            "MAINTENANCE, STANDBY,     enter, refused",
            "STANDBY,     MAINTENANCE, enter, refused",
            "MAINTENANCE, MAINTENANCE, exit,  change MAINTENANCE->NORMAL",
            "STANDBY,     STANDBY,     exit,  change STANDBY->NORMAL",
            "NORMAL,      MAINTENANCE, exit,  unchanged",
            "NORMAL,      STANDBY,     exit,  unchanged",
            "STANDBY,     MAINTENANCE, exit,  refused",
            "MAINTENANCE, STANDBY,     exit,  refused"})
    void table(HostMode current, HostMode mode, String action, String expected) {
        Outcome o = new HostModeRequest(mode, action.equals("enter")).judge(current);
        String got = o instanceof Change c ? "change " + current + "->" + c.target()
                : o instanceof Unchanged ? "unchanged" : "refused";
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void refusalsSayWhy() {
        assertThat(new HostModeRequest(HostMode.MAINTENANCE, true).judge(HostMode.STANDBY))
                .isEqualTo(new Refused("the host is in standby mode; exit it before entering maintenance mode"));
        assertThat(new HostModeRequest(HostMode.MAINTENANCE, false).judge(HostMode.STANDBY))
                .isEqualTo(new Refused("the host is in standby mode, not maintenance mode"));
    }

    @Test
    void onlyMaintenanceAndStandbyCanBeRequested() {
        assertThatThrownBy(() -> new HostModeRequest(HostMode.NORMAL, true)).hasMessageContaining("maintenance or standby");
    }
}
