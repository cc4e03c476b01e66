package io.openfdm.master;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.HostStatus;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.datastore.protectedlist.ProtectedList;
import io.openfdm.datastore.protectedlist.ProtectedVm;
import io.openfdm.master.MasterEvent.ProtectedListRead;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new master that never heard a host takes the host's mode from the configuration
 * ({@link HostSpec#mode()}, vCenter's through the bridge): a host that went down in standby before
 * this master was elected is not a failure, and its VMs are not restarted; the same host in normal
 * mode is a failure and its VM is restarted.
 */
class ConfiguredHostModeMasterTest {
    private static final Timing T = Timing.defaults();
    private static final HostId M = HostId.of("host-1");
    private static final HostId S2 = HostId.of("host-2");
    private static final HostId S3 = HostId.of("host-3");
    private static final String DS = "ds-1";

    private MasterMachine master;
    private long now;
    private final List<MasterAction> log = new ArrayList<>();

    @Test
    void aHostDownInStandbyPerTheConfigurationIsNotAFailure() {
        runWithHost2In(HostMode.STANDBY);
        assertThat(master.view(now).hosts()).filteredOn(h -> h.host().equals("host-2")).extracting(HostStatus::mode)
                .containsExactly("standby");
        assertThat(requests()).isEmpty();
        assertThat(journal(EventKind.HOST_STATE_CHANGED)).extracting(MasterAction.Journal::message)
                .contains("host-2 is down in standby mode: not a failure, its VMs are not restarted");
    }

    @Test
    void theSameHostInNormalModeIsAFailure() {
        runWithHost2In(HostMode.NORMAL);
        // restarted (and retried, as no power-on result comes back in this test)
        assertThat(requests()).isNotEmpty().allSatisfy(r -> assertThat(r.vm().id()).isEqualTo(VmId.of("vm-2")));
    }

    private void runWithHost2In(HostMode mode) {
        ClusterConfig config = new ClusterConfig("c1", 1, "ab".repeat(32),
                List.of(host(M), host(S2).withMode(mode), host(S3)), List.of(new DatastoreSpec(DS, "/ds1")),
                List.of(), 2, T).validate();
        master = new MasterMachine(M, config, new Claim(M, 1), now, MasterMachine.Handover.none(), 1);
        step(new MasterEvent.LeaseHeld(DS, 7, now + 1000));
        step(new MasterEvent.Tick());
        ProtectedVm vm2 = ProtectedVm.of(new VmInfo(VmId.of("vm-2"), "vm-2", DS, PowerState.POWERED_ON, 100, 1024,
                RestartPriority.HIGH), null, S2, 1);
        step(new MasterEvent.ProtectedListLoaded(DS, new ProtectedListRead.Found(
                new ProtectedList("c1", S3, 6, 4, List.of(vm2)))));
        keepAlive(M);
        keepAlive(S3);
        step(new MasterEvent.VmReportReceived(M, new VmReport(1, 1, List.of())));
        step(new MasterEvent.VmReportReceived(S3, new VmReport(1, 1, List.of())));
        // host-2 is never heard: silent on the network, its datastore heartbeat stopped
        for (int i = 0; i < 200; i++) {
            now += 50;
            step(new MasterEvent.LeaseHeld(DS, 7, now + 1000));
            step(new MasterEvent.Tick());
            keepAlive(M);
            keepAlive(S3);
            step(new MasterEvent.HeartbeatObserved(S3, DS, OptionalLong.of(i)));
            step(new MasterEvent.HeartbeatObserved(S2, DS, OptionalLong.of(0)));
        }
    }

    private static HostSpec host(HostId id) {
        return new HostSpec(id, "127.0.11." + id.moid().charAt(5), 8182, List.of(DS), 10_000, 65536);
    }

    private void keepAlive(HostId h) {
        step(new MasterEvent.SlaveHeartbeatReceived(h, new SlaveHeartbeat(1, M, 1, List.of(DS), HostMode.NORMAL)));
    }

    private void step(MasterEvent e) {
        List<MasterAction> actions = master.step(e, now);
        log.addAll(actions);
        for (MasterAction a : actions) {
            if (a instanceof MasterAction.WriteProtectedList w) {
                log.addAll(master.step(new MasterEvent.ProtectedListWritten(w.datastore(), w.list().version(), true, ""), now));
            }
        }
    }

    private List<PowerOnRequest> requests() {
        return log.stream().filter(a -> a instanceof MasterAction.Send s && s.message() instanceof PowerOnRequest)
                .map(a -> (PowerOnRequest) ((MasterAction.Send) a).message()).toList();
    }

    private List<MasterAction.Journal> journal(EventKind kind) {
        return log.stream().filter(a -> a instanceof MasterAction.Journal j && j.kind() == kind)
                .map(a -> (MasterAction.Journal) a).toList();
    }
}
