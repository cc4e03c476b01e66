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

    /** A host that cannot report and whose poweron file comes from a later boot without the VM has lost it. */
    @ParameterizedTest(name = "{0}, poweron boot {1}, lists vm: {2} -> {3}")
    @CsvSource({
            "NETWORK_ISOLATED,                8, false, true",
            "NETWORK_PARTITIONED_FROM_MASTER, 8, false, true",
            "FDM_UNREACHABLE,                 8, false, true",
            "FDM_UNREACHABLE,                 8, true,  false",
            "FDM_UNREACHABLE,                 7, false, false",
            "FDM_UNREACHABLE,                 0, false, false",
            "CONNECTED_TO_MASTER,             8, false, false",
            "HOST_DOWN,                       8, false, false"})
    void goneWithReboot(HostState state, long poweronBoot, boolean listed, boolean expected) {
        PoweronRecord record = new PoweronRecord(H, state == HostState.NETWORK_ISOLATED,
                listed ? List.of(VM) : List.of(VmId.of("vm-9")), 3, 0, poweronBoot);
        assertThat(IsolationRestartRule.goneWithReboot(VM, 7, state, Optional.of(record))).isEqualTo(expected);
        assertThat(IsolationRestartRule.goneWithReboot(VM, 0, state, Optional.of(record))).isFalse();
        assertThat(IsolationRestartRule.goneWithReboot(VM, 7, state, Optional.empty())).isFalse();
    }
}
