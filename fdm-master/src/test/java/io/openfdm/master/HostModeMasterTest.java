package io.openfdm.master;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.Timing;
import io.openfdm.core.journal.EventKind;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.HostMode;
import io.openfdm.core.model.HostState;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.core.status.HostStatus;
import io.openfdm.core.wire.PowerOnRequest;
import io.openfdm.core.wire.SlaveHeartbeat;
import io.openfdm.core.wire.VmReport;
import io.openfdm.master.MasterEvent.ProtectedListRead;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The master and hosts in maintenance or standby mode ({@link HostModeRules}), driven by hand. */
class HostModeMasterTest {
    private static final Timing T = Timing.defaults();
    private static final HostId M = HostId.of("host-1");
    private static final HostId S2 = HostId.of("host-2");
    private static final HostId S3 = HostId.of("host-3");
    private static final String DS = "ds-1";

    private final ClusterConfig config = new ClusterConfig("c1", 1, "ab".repeat(32),
            List.of(host(M, 8192), host(S2, 8192), host(S3, 65536)), List.of(new DatastoreSpec(DS, "/ds1")),
            List.of(), 2, T).validate();
    private final Map<HostId, HostMode> modes = new java.util.HashMap<>();
    private MasterMachine master;
    private long now;
    private final List<MasterAction> log = new ArrayList<>();

    private static HostSpec host(HostId id, int memoryMb) {
        return new HostSpec(id, "127.0.10." + id.moid().charAt(5), 8182, List.of(DS), 10_000, memoryMb);
    }

    private static VmInfo vm(String id) {
        return new VmInfo(VmId.of(id), id, DS, PowerState.POWERED_ON, 100, 1024, RestartPriority.HIGH);
    }

    @BeforeEach
    void masterWithLeaseAndEveryoneReporting() {
        master = new MasterMachine(M, config, new Claim(M, 1), now, MasterMachine.Handover.none(), 1);
        step(new MasterEvent.LeaseHeld(DS, 7, now + 1000));
        step(new MasterEvent.Tick());
        step(new MasterEvent.ProtectedListLoaded(DS, new ProtectedListRead.Missing()));
        for (HostId h : List.of(M, S2, S3)) {
            keepAlive(h);
        }
        step(new MasterEvent.VmReportReceived(M, new VmReport(1, 1, List.of())));
        step(new MasterEvent.VmReportReceived(S2, new VmReport(1, 1, List.of(vm("vm-2")))));
        step(new MasterEvent.VmReportReceived(S3, new VmReport(1, 1, List.of(vm("vm-3")))));
        step(new MasterEvent.Tick());
    }

    @Test
    void aHostInMaintenanceIsNoRestartTargetAndTheChangeIsJournaledOnce() {
        modes.put(S3, HostMode.MAINTENANCE); // host-3 has the most free memory: it would be chosen
        keepAlive(S3);
        keepAlive(S3);
        assertThat(journal(EventKind.HOST_MODE_CHANGED)).singleElement().satisfies(j ->
                assertThat(j.message()).startsWith("host-3 is in maintenance mode: not a restart target"));
        assertThat(master.view(now).hosts()).filteredOn(h -> h.host().equals("host-3"))
                .extracting(HostStatus::mode).containsExactly("maintenance");
        failHost2();
        assertThat(requests()).singleElement().satisfies(r -> assertThat(r.vm().id()).isEqualTo(VmId.of("vm-2")));
        assertThat(targets()).containsExactly(M);
    }

    @Test
    void withoutMaintenanceTheBiggestHostIsTheTarget() {
        failHost2();
        assertThat(targets()).containsExactly(S3);
    }

    @Test
    void theVmsOfAHostThatGoesDownInStandbyAreUnprotectedNotRestarted() {
        modes.put(S2, HostMode.STANDBY);
        keepAlive(S2);
        failHost2();
        assertThat(master.view(now).state(S2)).isEqualTo(HostState.HOST_DOWN);
        assertThat(requests()).isEmpty();
        assertThat(journal(EventKind.HOST_STATE_CHANGED)).extracting(MasterAction.Journal::message)
                .contains("host-2 is down in standby mode: not a failure, its VMs are not restarted");
        assertThat(journal(EventKind.PROTECTION_CHANGED)).extracting(MasterAction.Journal::message)
                .contains("vm-2 unprotected: host-2 went down in standby mode (not a failure)");
        assertThat(master.view(now).vms()).extracting(v -> v.vm()).doesNotContain("vm-2");
        assertThat(master.view(now).restartsOutstanding()).isZero();
    }

    @Test
    void aHostBackInServiceIsATargetAgain() {
        modes.put(S3, HostMode.MAINTENANCE);
        keepAlive(S3);
        modes.put(S3, HostMode.NORMAL);
        keepAlive(S3);
        assertThat(journal(EventKind.HOST_MODE_CHANGED)).extracting(MasterAction.Journal::message).containsExactly(
                "host-3 is in maintenance mode: not a restart target, not a master candidate; its VMs are not restarted if it goes down",
                "host-3 left maintenance mode: a restart target and master candidate again");
        failHost2();
        assertThat(targets()).containsExactly(S3);
    }

    /** host-2 falls silent on the network and on its datastore heartbeat; the others go on. */
    private void failHost2() {
        for (int i = 0; i < 80; i++) {
            now += 50;
            step(new MasterEvent.LeaseHeld(DS, 7, now + 1000));
            step(new MasterEvent.Tick());
            keepAlive(M);
            keepAlive(S3);
            step(new MasterEvent.HeartbeatObserved(S3, DS, OptionalLong.of(i)));
            step(new MasterEvent.HeartbeatObserved(S2, DS, OptionalLong.of(0)));
        }
    }

    private void keepAlive(HostId h) {
        step(new MasterEvent.SlaveHeartbeatReceived(h, new SlaveHeartbeat(1, M, 1, List.of(DS),
                modes.getOrDefault(h, HostMode.NORMAL))));
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

    private List<HostId> targets() {
        return log.stream().filter(a -> a instanceof MasterAction.Send s && s.message() instanceof PowerOnRequest)
                .map(a -> ((MasterAction.Send) a).to()).distinct().toList();
    }

    private List<MasterAction.Journal> journal(EventKind kind) {
        return log.stream().filter(a -> a instanceof MasterAction.Journal j && j.kind() == kind)
                .map(a -> (MasterAction.Journal) a).toList();
    }
}
