package io.openfdm.master.admission;

import io.openfdm.core.journal.EventKind;
import io.openfdm.core.status.CapacityStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionMonitorTest {

    private static CapacityStatus status(boolean configured, boolean sufficient) {
        return new CapacityStatus("slotPolicy", configured, 1, sufficient ? 1 : 0, sufficient,
                sufficient ? "" : "tolerates 0 of 1 host failure: few slots", 32, 0, 10, 4, 1, 0, 0, 0, 0, -1, -1, 100, 100,
                4, List.of());
    }

    @Test
    void warnsOncePerChangeAndSaysWhenItIsSufficientAgain() {
        AdmissionMonitor m = new AdmissionMonitor();
        assertThat(m.observe(status(true, true))).as("met at start: silent").isEmpty();
        Optional<AdmissionMonitor.Transition> warning = m.observe(status(true, false));
        assertThat(warning).get().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(EventKind.ADMISSION_CONTROL_WARNING);
            assertThat(t.message()).isEqualTo("insufficient failover resources (slotPolicy): tolerates 0 of 1 host failure: few slots");
        });
        assertThat(m.observe(status(true, false))).as("not every tick").isEmpty();
        assertThat(m.observe(status(true, true))).get().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(EventKind.ADMISSION_CONTROL_OK);
            assertThat(t.message()).isEqualTo("failover resources sufficient again (slotPolicy: tolerates 1 of 1 host failure)");
        });
        assertThat(m.observe(status(true, true))).isEmpty();
    }

    @Test
    void warnsAtOnceWhenTheFirstComputationFallsShort() {
        AdmissionMonitor m = new AdmissionMonitor();
        assertThat(m.observe(status(true, false))).get().extracting(AdmissionMonitor.Transition::kind)
                .isEqualTo(EventKind.ADMISSION_CONTROL_WARNING);
    }

    @Test
    void aPolicyNotWrittenInTheConfigurationNeverWarns() {
        AdmissionMonitor m = new AdmissionMonitor();
        assertThat(m.observe(status(false, false))).isEmpty();
        assertThat(m.observe(status(false, true))).isEmpty();
        assertThat(m.observe(status(false, false))).isEmpty();
    }
}
