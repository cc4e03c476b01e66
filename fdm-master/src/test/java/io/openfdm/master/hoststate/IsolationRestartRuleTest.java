package io.openfdm.master.hoststate;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.VmId;
import io.openfdm.datastore.poweron.PoweredOffMarker;
import io.openfdm.datastore.poweron.PoweronRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IsolationRestartRuleTest {
    private static final VmId VM = VmId.of("vm-1");
    private static final HostId H = HostId.of("host-2");

    @ParameterizedTest(name = "{0}: marker={1} markerHost={2} markerBoot={3} poweron={4} reported={5} -> {6}")
    @CsvSource({
            // state                          marker markerHost markerBoot poweron           reported  expected
            "NETWORK_ISOLATED,                true,  host-2,    7,         isolated-without, none,     true",
            "NETWORK_ISOLATED,                true,  host-2,    0,         isolated-without, none,     true",
            "NETWORK_ISOLATED,                false, host-2,    7,         isolated-without, none,     false",
            "NETWORK_ISOLATED,                true,  host-3,    7,         isolated-without, none,     false",
            "NETWORK_ISOLATED,                true,  host-2,    6,         isolated-without, none,     false",
            "NETWORK_ISOLATED,                true,  host-2,    7,         isolated-with,    none,     false",
            "NETWORK_ISOLATED,                true,  host-2,    7,         clear-without,    none,     false",
            "NETWORK_ISOLATED,                true,  host-2,    7,         missing,          none,     false",
            "NETWORK_PARTITIONED_FROM_MASTER, true,  host-2,    7,         isolated-without, none,     false",
            "FDM_UNREACHABLE,                 true,  host-2,    7,         isolated-without, none,     false",
            "ELECTION,                        true,  host-2,    7,         isolated-without, none,     false",
            "UNINITIALIZED,                   true,  host-2,    7,         isolated-without, none,     false",
            "HOST_DOWN,                       true,  host-2,    7,         isolated-without, none,     false",
            "CONNECTED_TO_MASTER,             true,  host-2,    7,         missing,          off,      true",
            "CONNECTED_TO_MASTER,             true,  host-2,    7,         missing,          on,       false",
            "CONNECTED_TO_MASTER,             true,  host-2,    7,         missing,          none,     false",
            "CONNECTED_TO_MASTER,             false, host-2,    7,         missing,          off,      false",
    })
    void restartsOnlyWhatTheHostPoweredOff(HostState state, boolean hasMarker, String markerHost, long markerBoot,
                                           String poweron, String reported, boolean expected) {
        Optional<PoweronRecord> record = switch (poweron) {
            case "isolated-without" -> Optional.of(new PoweronRecord(H, true, List.of(VmId.of("vm-9")), 3, 0));
            case "isolated-with" -> Optional.of(new PoweronRecord(H, true, List.of(VM), 3, 0));
            case "clear-without" -> Optional.of(new PoweronRecord(H, false, List.of(), 3, 0));
            default -> Optional.empty();
        };
        Optional<PoweredOffMarker> marker = hasMarker
                ? Optional.of(new PoweredOffMarker(VM, HostId.of(markerHost), markerBoot, "powerOff", 0)) : Optional.empty();
        Optional<Boolean> on = switch (reported) {
            case "on" -> Optional.of(true);
            case "off" -> Optional.of(false);
            default -> Optional.empty();
        };
        assertThat(IsolationRestartRule.poweredOffByHa(VM, H, 7, state, record, marker, on)).isEqualTo(expected);
    }
}
