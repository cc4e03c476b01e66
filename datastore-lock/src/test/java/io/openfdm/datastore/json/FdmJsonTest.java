package io.openfdm.datastore.json;

import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FdmJsonTest {
    @Test
    void moidsAreStringsAndRecordsRoundTrip() throws Exception {
        VmInfo vm = new VmInfo(VmId.of("vm-1"), "web", "ds-1", PowerState.POWERED_ON, 500, 1024, RestartPriority.HIGH);
        String json = FdmJson.mapper().writeValueAsString(vm);
        assertThat(json).contains("\"id\":\"vm-1\"").contains("\"power\":\"POWERED_ON\"");
        assertThat(FdmJson.mapper().readValue(json, VmInfo.class)).isEqualTo(vm);

        Claim claim = new Claim(HostId.of("host-99"), 3);
        String c = FdmJson.mapper().writeValueAsString(claim);
        assertThat(c).isEqualTo("{\"host\":\"host-99\",\"datastores\":3}");
        assertThat(FdmJson.mapper().readValue(c, Claim.class)).isEqualTo(claim);
    }
}
