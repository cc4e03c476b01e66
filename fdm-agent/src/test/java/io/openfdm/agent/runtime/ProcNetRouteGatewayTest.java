package io.openfdm.agent.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProcNetRouteGatewayTest {
    static final String HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

    @Test
    void theDefaultRoutesGatewayLittleEndianHex() {
        assertThat(ProcNetRouteGateway.parse(List.of(HEADER,
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0"))).contains("192.0.2.1");
    }

    @Test
    void noDefaultRouteOrADownOneIsEmpty() {
        assertThat(ProcNetRouteGateway.parse(List.of(HEADER, "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0")))
                .isEmpty();
        assertThat(ProcNetRouteGateway.parse(List.of(HEADER, "eth0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\t0\t0\t0")))
                .as("not RTF_UP").isEmpty();
        assertThat(ProcNetRouteGateway.parse(List.of(HEADER, "garbage", "eth0\tzz\t010200C0\t0003\t0\t0\t0\t00000000")))
                .isEmpty();
        assertThat(ProcNetRouteGateway.parse(List.of())).isEmpty();
    }

    @Test
    void readsTheFileAtEachCall(@TempDir Path dir) throws Exception {
        Path route = dir.resolve("route");
        ProcNetRouteGateway gateway = new ProcNetRouteGateway(route);
        assertThat(gateway.address()).as("missing file").isEqualTo(Optional.empty());
        Files.writeString(route, HEADER + "\nens3\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
        assertThat(gateway.address()).contains("10.0.0.1");
    }
}
