package io.openfdm.hostd.sim;

import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmConfigFormatTest {
    private static VmConfig parse(String json) {
        return VmConfigFormat.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDocumentedExampleParses() {
        assertThat(parse("{\"moid\":\"vm-1\",\"name\":\"web-1\",\"cpuMhz\":500,\"memoryMb\":1024,"
                + "\"priority\":\"MEDIUM\",\"registeredHost\":\"host-2\"}"))
                .isEqualTo(new VmConfig(VmId.of("vm-1"), "web-1", 500, 1024, RestartPriority.MEDIUM, HostId.of("host-2")));
    }

    @Test
    void defaultsForHandWrittenFiles() {
        assertThat(parse("{\"moid\":\"vm-1\",\"priority\":\"highest\"}"))
                .isEqualTo(new VmConfig(VmId.of("vm-1"), "vm-1", 0, 0, RestartPriority.HIGHEST, null));
    }

    @Test
    void toJsonRoundTrips() {
        VmConfig c = new VmConfig(VmId.of("vm-1"), "web-1", 500, 1024, RestartPriority.LOW, null);
        assertThat(VmConfigFormat.parse(VmConfigFormat.toJson(c))).isEqualTo(c);
        assertThat(new String(VmConfigFormat.toJson(c), StandardCharsets.UTF_8)).contains("\"registeredHost\" : null");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> parse("{}")).hasMessage("field 'moid' is missing");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> parse("{\"moid\":\"vm-1\",\"memoryMb\":-1}")).hasMessageContaining("'memoryMb'");
        assertThatThrownBy(() -> parse("{\"moid\":\"vm-1\",\"memoryMb\":1.5}")).hasMessageContaining("'memoryMb'");
        assertThatThrownBy(() -> parse("{\"moid\":\"vm-1\",\"registeredHost\":7}")).hasMessageContaining("'registeredHost'");
        assertThatThrownBy(() -> parse("{\"moid\":\" \"}")).hasMessageContaining("'moid'");
    }
}
