package io.openfdm.hostd.sim;

import io.openfdm.core.model.GuestHeartbeat;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.PowerState;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import io.openfdm.core.model.VmInfo;
import io.openfdm.datastore.HaPaths;
import io.openfdm.datastore.json.FdmJson;
import io.openfdm.datastore.nio.NioDatastoreFiles;
import io.openfdm.hostd.HypervisorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedHypervisorTest {
    private static final HostId H1 = HostId.of("host-1");
    private static final HostId H2 = HostId.of("host-2");
    private static final VmId VM1 = VmId.of("vm-1");
    private static final VmId VM2 = VmId.of("vm-2");
    private static final VmId VM3 = VmId.of("vm-3");

    @TempDir
    Path tmp;
    NioDatastoreFiles files;
    InMemoryPowerStateStore store1;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(tmp.resolve("ds1"));
        Files.createDirectories(tmp.resolve("ds2"));
        files = new NioDatastoreFiles(Map.of("ds1", tmp.resolve("ds1"), "ds2", tmp.resolve("ds2"),
                "ds3", tmp.resolve("unmounted")));
        store1 = new InMemoryPowerStateStore();
        SimulatedHypervisor.createVm(files, "ds1", new VmConfig(VM1, "web-1", 500, 1024, RestartPriority.HIGH, H1));
        SimulatedHypervisor.createVm(files, "ds2", new VmConfig(VM2, "db-1", 1000, 4096, RestartPriority.MEDIUM, H1));
        SimulatedHypervisor.createVm(files, "ds1", new VmConfig(VM3, "app-1", 0, 512, RestartPriority.LOW, H2));
    }

    private SimulatedHypervisor boot(HostId host, PowerStateStore store) {
        return SimulatedHypervisor.boot(host, files, () -> List.of("ds1", "ds2", "ds3"), store);
    }

    private String config(String ds, VmId vm) throws IOException {
        return Files.readString(tmp.resolve(ds).resolve(HaPaths.vmConfig(vm)));
    }

    @Test
    void bootFindsTheVmsRegisteredOnThisHostAllOffOnFirstBoot() {
        SimulatedHypervisor h = boot(H1, store1);
        assertThat(h.listVms()).containsExactly(
                new VmInfo(VM1, "web-1", "ds1", PowerState.POWERED_OFF, 500, 1024, RestartPriority.HIGH),
                new VmInfo(VM2, "db-1", "ds2", PowerState.POWERED_OFF, 1000, 4096, RestartPriority.MEDIUM));
        assertThat(h.bootReport().powerRestored()).isFalse();
        assertThat(h.bootReport().reason()).contains("first boot");
        assertThat(h.bootReport().warnings()).singleElement().asString().contains("ds3: not accessible");
        assertThat(boot(H2, new InMemoryPowerStateStore()).listVms()).extracting(VmInfo::id).containsExactly(VM3);
    }

    @Test
    void aRunningGuestSendsHeartbeatsUntilItHangsAndAResetEndsTheHang() {
        SimulatedHypervisor h = boot(H1, store1);
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.GRAY); // off
        h.powerOn(VM1);
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.GREEN);
        h.hangGuest(VM1);
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.RED);
        assertThat(h.listVms()).filteredOn(v -> v.id().equals(VM1)).extracting(VmInfo::guestHeartbeat)
                .containsExactly(GuestHeartbeat.RED);
        h.reset(VM1);
        VmInfo after = h.vm(VM1).orElseThrow();
        assertThat(after.power()).isEqualTo(PowerState.POWERED_ON);
        assertThat(after.guestHeartbeat()).isEqualTo(GuestHeartbeat.GREEN);
    }

    @Test
    void powerCyclingEndsAHangAndResetOrHangNeedAPoweredOnVm() {
        SimulatedHypervisor h = boot(H1, store1);
        assertThatThrownBy(() -> h.reset(VM1)).isInstanceOf(HypervisorException.class)
                .hasMessageContaining("cannot reset: powered off");
        assertThatThrownBy(() -> h.hangGuest(VM1)).hasMessageContaining("powered off");
        assertThatThrownBy(() -> h.reset(VM3)).hasMessageContaining("not registered on host-1");
        h.powerOn(VM1);
        h.hangGuest(VM1);
        h.powerOff(VM1);
        h.powerOn(VM1);
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.GREEN);
    }

    @Test
    void bootAfterCleanShutdownRestoresPower() {
        SimulatedHypervisor h = boot(H1, store1);
        h.powerOn(VM1);
        h.shutdownClean();
        SimulatedHypervisor again = boot(H1, store1);
        assertThat(again.vm(VM1).orElseThrow().power()).isEqualTo(PowerState.POWERED_ON);
        assertThat(again.vm(VM2).orElseThrow().power()).isEqualTo(PowerState.POWERED_OFF);
        assertThat(again.bootReport().powerRestored()).isTrue();
        assertThat(again.bootReport().reason()).contains("1 VM(s) powered on again");
    }

    @Test
    void aHostShutdownInAnHaClusterLeavesEveryVmOffAtTheNextBoot() {
        SimulatedHypervisor h = boot(H1, store1);
        h.powerOn(VM1);
        h.powerOn(VM2);
        h.shutdownHost();
        assertThat(h.listVms()).allMatch(vm -> vm.power() == PowerState.POWERED_OFF);
        SimulatedHypervisor again = boot(H1, store1);
        assertThat(again.listVms()).extracting(VmInfo::id).containsExactly(VM1, VM2);
        assertThat(again.listVms()).allMatch(vm -> vm.power() == PowerState.POWERED_OFF);
        assertThat(again.bootReport().reason()).contains("0 VM(s) powered on again");
    }

    @Test
    void aBootingGuestIsGrayUntilItsBootTimeHasPassedAfterAPowerOnOrAReset() {
        long[] nowMs = {1_000};
        SimulatedHypervisor h = boot(H1, store1);
        h.simulateGuests(() -> nowMs[0], 10_000);
        h.simulateGuestBoot(5_000);
        h.powerOn(VM1);
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.GRAY);
        nowMs[0] = 5_999;
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.GRAY);
        nowMs[0] = 6_000;
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.GREEN);
        h.reset(VM1);
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.GRAY);
        nowMs[0] = 11_000;
        assertThat(h.vm(VM1).orElseThrow().guestHeartbeat()).isEqualTo(GuestHeartbeat.GREEN);
        assertThatThrownBy(() -> h.simulateGuestBoot(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootMs");
    }

    @Test
    void bootAfterACrashHasEverythingOff() {
        SimulatedHypervisor h = boot(H1, store1);
        h.powerOn(VM1);
        h.powerOn(VM2);
        // No shutdownClean(): the process was killed.
        SimulatedHypervisor again = boot(H1, store1);
        assertThat(again.listVms()).allMatch(vm -> vm.power() == PowerState.POWERED_OFF);
        assertThat(again.bootReport().reason()).contains("did not shut down cleanly");
    }

    @Test
    void aCleanShutdownCountsOnlyUntilTheNextBoot() {
        SimulatedHypervisor h = boot(H1, store1);
        h.powerOn(VM1);
        h.shutdownClean();
        boot(H1, store1); // came back cleanly, VM1 on, then crashed
        assertThat(boot(H1, store1).listVms()).allMatch(vm -> vm.power() == PowerState.POWERED_OFF);
    }

    @Test
    void powerChangesArePersistedAsUnclean() throws IOException {
        SimulatedHypervisor h = boot(H1, store1);
        h.powerOn(VM2);
        PowerStateRecord r = FdmJson.mapper().readValue(store1.load().orElseThrow(), PowerStateRecord.class);
        assertThat(r).isEqualTo(new PowerStateRecord(H1, false, List.of(VM2)));
        h.shutdownClean();
        r = FdmJson.mapper().readValue(store1.load().orElseThrow(), PowerStateRecord.class);
        assertThat(r).isEqualTo(new PowerStateRecord(H1, true, List.of(VM2)));
    }

    @Test
    void registerPowerOnPowerOffAreIdempotent() throws IOException {
        // A hand-written config with defaults, a lowercase priority and a field we do not know.
        Files.createDirectories(tmp.resolve("ds2/vm-9"));
        Files.writeString(tmp.resolve("ds2/vm-9/vm-9.json"),
                "{\"moid\":\"vm-9\",\"priority\":\"high\",\"cpuMhz\":250,\"notes\":\"keep me\"}");
        SimulatedHypervisor h = boot(H1, store1);
        VmInfo first = h.register("ds2", VmId.of("vm-9"));
        assertThat(first).isEqualTo(new VmInfo(VmId.of("vm-9"), "vm-9", "ds2", PowerState.POWERED_OFF, 250, 0,
                RestartPriority.HIGH));
        String written = config("ds2", VmId.of("vm-9"));
        assertThat(written).contains("\"registeredHost\" : \"host-1\"").contains("\"notes\" : \"keep me\"");
        assertThat(h.register("ds2", VmId.of("vm-9"))).isEqualTo(first);

        h.powerOn(VmId.of("vm-9"));
        h.powerOn(VmId.of("vm-9"));
        assertThat(h.vm(VmId.of("vm-9")).orElseThrow().poweredOn()).isTrue();
        h.powerOff(VmId.of("vm-9"));
        h.powerOff(VmId.of("vm-9"));
        assertThat(h.vm(VmId.of("vm-9")).orElseThrow().poweredOn()).isFalse();
    }

    @Test
    void registerTakesAVmOverFromAnotherHost() throws IOException {
        SimulatedHypervisor h2 = boot(H2, new InMemoryPowerStateStore());
        h2.register("ds1", VM1);
        assertThat(config("ds1", VM1)).contains("\"registeredHost\" : \"host-2\"");
        assertThat(VmConfigFormat.parse(config("ds1", VM1).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new VmConfig(VM1, "web-1", 500, 1024, RestartPriority.HIGH, H2));
    }

    @Test
    void refreshDropsAndPowersOffAVmRegisteredByAnotherHost() {
        SimulatedHypervisor h1 = boot(H1, store1);
        h1.powerOn(VM1);
        h1.powerOn(VM2);
        SimulatedHypervisor h2 = boot(H2, new InMemoryPowerStateStore());
        h2.register("ds1", VM1);

        // Before refresh, host-1 still runs it but may not power it on again.
        h1.powerOff(VM1);
        assertThatThrownBy(() -> h1.powerOn(VM1)).isInstanceOf(HypervisorException.class)
                .hasMessageContaining("registered on host-2 now");
        h1.refresh();
        assertThat(h1.vm(VM1)).isEmpty();
        assertThat(h1.vm(VM2).orElseThrow().poweredOn()).isTrue();
        h2.powerOn(VM1);
        assertThatThrownBy(() -> h1.powerOn(VM1)).isInstanceOf(HypervisorException.class)
                .hasMessageContaining("not registered on host-1");
        h1.shutdownClean();
        SimulatedHypervisor back = boot(H1, store1);
        assertThat(back.vm(VM1)).isEmpty();
        assertThat(back.vm(VM2).orElseThrow().poweredOn()).isTrue();
    }

    @Test
    void refreshWhilePoweredOnPowersTheVmOffHere() throws IOException {
        SimulatedHypervisor h1 = boot(H1, store1);
        h1.powerOn(VM1);
        boot(H2, new InMemoryPowerStateStore()).register("ds1", VM1);
        h1.refresh();
        assertThat(h1.vm(VM1)).isEmpty();
        PowerStateRecord r = FdmJson.mapper().readValue(store1.load().orElseThrow(), PowerStateRecord.class);
        assertThat(r.poweredOn()).doesNotContain(VM1);
    }

    @Test
    void refreshLeavesVmsOnAnInaccessibleDatastoreAndPicksUpEdits() throws IOException {
        SimulatedHypervisor h1 = boot(H1, store1);
        h1.powerOn(VM2);
        Files.move(tmp.resolve("ds2"), tmp.resolve("ds2-away"));
        h1.refresh();
        assertThat(h1.vm(VM2).orElseThrow().poweredOn()).isTrue();
        Files.move(tmp.resolve("ds2-away"), tmp.resolve("ds2"));

        Files.writeString(tmp.resolve("ds1/vm-1/vm-1.json"),
                "{\"moid\":\"vm-1\",\"name\":\"web-renamed\",\"cpuMhz\":700,\"registeredHost\":\"host-1\"}");
        h1.refresh();
        assertThat(h1.vm(VM1).orElseThrow()).isEqualTo(
                new VmInfo(VM1, "web-renamed", "ds1", PowerState.POWERED_OFF, 700, 0, RestartPriority.MEDIUM));
    }

    @Test
    void malformedOrMissingConfigGivesAClearError() throws IOException {
        SimulatedHypervisor h = boot(H1, store1);
        Files.createDirectories(tmp.resolve("ds1/vm-7"));
        Files.writeString(tmp.resolve("ds1/vm-7/vm-7.json"), "{\"moid\":\"vm-7\",\"cpuMhz\":\"lots\"}");
        assertThatThrownBy(() -> h.register("ds1", VmId.of("vm-7"))).isInstanceOf(HypervisorException.class)
                .hasMessageContaining("malformed configuration ds1/vm-7/vm-7.json")
                .hasMessageContaining("'cpuMhz' must be an integer >= 0");
        Files.writeString(tmp.resolve("ds1/vm-7/vm-7.json"), "{\"moid\":\"vm-7\",\"priority\":\"urgent\"}");
        assertThatThrownBy(() -> h.register("ds1", VmId.of("vm-7"))).hasMessageContaining("'priority' must be one of");
        Files.writeString(tmp.resolve("ds1/vm-7/vm-7.json"), "{\"moid\":");
        assertThatThrownBy(() -> h.register("ds1", VmId.of("vm-7"))).hasMessageContaining("not valid JSON");
        Files.writeString(tmp.resolve("ds1/vm-7/vm-7.json"), "{\"moid\":\"vm-8\"}");
        assertThatThrownBy(() -> h.register("ds1", VmId.of("vm-7"))).hasMessageContaining("names VM vm-8");
        assertThat(Files.readString(tmp.resolve("ds1/vm-7/vm-7.json"))).isEqualTo("{\"moid\":\"vm-8\"}");

        assertThatThrownBy(() -> h.register("ds1", VmId.of("vm-404"))).isInstanceOf(HypervisorException.class)
                .hasMessageContaining("no configuration file ds1/vm-404/vm-404.json");
        assertThatThrownBy(() -> h.register("ds3", VmId.of("vm-404"))).isInstanceOf(HypervisorException.class)
                .hasMessageContaining("datastore ds3 not readable");
        assertThat(h.vm(VmId.of("vm-7"))).isEmpty();
    }

    @Test
    void bootSkipsMalformedConfigsWithAWarning() throws IOException {
        Files.createDirectories(tmp.resolve("ds1/vm-7"));
        Files.writeString(tmp.resolve("ds1/vm-7/vm-7.json"), "not json");
        Files.writeString(tmp.resolve("ds1/README"), "a stray file");
        SimulatedHypervisor h = boot(H1, store1);
        assertThat(h.listVms()).extracting(VmInfo::id).containsExactly(VM1, VM2);
        assertThat(h.bootReport().warnings()).anyMatch(w -> w.contains("ds1/vm-7/vm-7.json: malformed"));
    }

    @Test
    void unknownVmsAreRefused() {
        SimulatedHypervisor h = boot(H1, store1);
        assertThatThrownBy(() -> h.powerOn(VM3)).isInstanceOf(HypervisorException.class)
                .hasMessage("vm-3: not registered on host-1")
                .satisfies(e -> assertThat(((HypervisorException) e).vm()).isEqualTo(VM3));
        assertThatThrownBy(() -> h.powerOff(VM3)).isInstanceOf(HypervisorException.class);
    }

    @Test
    void injectedPowerOnFaultsFailTheNextCallsThenClear() {
        SimulatedHypervisor h = boot(H1, store1);
        h.failNextPowerOns(VM1, 2, "insufficient memory");
        assertThatThrownBy(() -> h.powerOn(VM1)).hasMessage("vm-1: power-on failed (injected fault): insufficient memory");
        assertThatThrownBy(() -> h.powerOn(VM1)).isInstanceOf(HypervisorException.class);
        assertThat(h.vm(VM1).orElseThrow().poweredOn()).isFalse();
        h.powerOn(VM1);
        assertThat(h.vm(VM1).orElseThrow().poweredOn()).isTrue();
        h.failNextPowerOns(VM2, 1, "x");
        h.failNextPowerOns(VM2, 0, "x");
        h.powerOn(VM2);
        assertThatThrownBy(() -> h.failNextPowerOns(VM2, -1, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createVmRefusesToOverwrite() {
        assertThatThrownBy(() -> SimulatedHypervisor.createVm(files, "ds1",
                new VmConfig(VM1, "other", 0, 0, RestartPriority.LOW, null)))
                .isInstanceOf(HypervisorException.class).hasMessageContaining("already exists");
    }

    @Test
    void corruptPowerStateFileIsTreatedAsACrash() throws IOException {
        Path stateFile = tmp.resolve("local/power.state");
        FilePowerStateStore store = new FilePowerStateStore(stateFile);
        SimulatedHypervisor h = boot(H1, store);
        h.powerOn(VM1);
        h.shutdownClean();
        assertThat(boot(H1, new FilePowerStateStore(stateFile)).vm(VM1).orElseThrow().poweredOn()).isTrue();

        h = boot(H1, store);
        h.powerOn(VM1);
        h.shutdownClean();
        byte[] bytes = Files.readAllBytes(stateFile);
        bytes[bytes.length - 3] ^= 0x01;
        Files.write(stateFile, bytes);
        SimulatedHypervisor after = boot(H1, new FilePowerStateStore(stateFile));
        assertThat(after.vm(VM1).orElseThrow().poweredOn()).isFalse();
        assertThat(after.bootReport().reason()).contains("is corrupt (checksum mismatch)").contains("treated as a crash");
    }

    @Test
    void guestShutdownPowersTheVmOffAfterTheGuestsDelayUnlessTheGuestHangsUntilAReset() {
        long[] nowMs = {1_000};
        SimulatedHypervisor h = boot(H1, store1);
        h.simulateGuests(() -> nowMs[0], 10_000);
        h.powerOn(VM1);
        h.powerOn(VM2);
        h.hangGuest(VM2);
        h.shutdownGuest(VM1);
        h.shutdownGuest(VM2);
        nowMs[0] = 10_999;
        assertThat(h.vm(VM1).orElseThrow().poweredOn()).as("guest still shutting down").isTrue();
        nowMs[0] = 11_000;
        assertThat(h.listVms()).filteredOn(VmInfo::poweredOn).extracting(VmInfo::id).containsExactly(VM2);
        nowMs[0] = 1_000_000;
        assertThat(h.vm(VM2).orElseThrow().poweredOn()).as("a hung guest ignores the request").isTrue();
        assertThat(h.vm(VM2).orElseThrow().guestHeartbeat()).as("and sends no heartbeats").isEqualTo(GuestHeartbeat.RED);
        h.reset(VM2);
        h.shutdownGuest(VM2);
        nowMs[0] = 1_009_999;
        assertThat(h.vm(VM2).orElseThrow().poweredOn()).as("the guest booted again and is shutting down").isTrue();
        nowMs[0] = 1_010_000;
        assertThat(h.vm(VM2).orElseThrow().poweredOn()).isFalse();
        // The power state store saw the guest's power-off: a clean restart keeps both off.
        h.shutdownClean();
        assertThat(boot(H1, store1).listVms()).noneMatch(VmInfo::poweredOn);
    }

    @Test
    void aShutdownOverriddenByPowerOnOrPowerOffIsForgotten() {
        long[] nowMs = {0};
        SimulatedHypervisor h = boot(H1, store1);
        h.simulateGuests(() -> nowMs[0], 5_000);
        h.powerOn(VM1);
        h.shutdownGuest(VM1);
        h.powerOff(VM1);
        h.powerOn(VM1);
        nowMs[0] = 60_000;
        assertThat(h.vm(VM1).orElseThrow().poweredOn()).as("powered on again after the shutdown was cut short").isTrue();
        h.shutdownGuest(VM1); // a new request starts a new shutdown
        nowMs[0] = 65_000;
        h.refresh();
        assertThat(h.vm(VM1).orElseThrow().poweredOn()).isFalse();
        h.shutdownGuest(VM1); // already off: nothing to do
        assertThatThrownBy(() -> h.shutdownGuest(VM3)).isInstanceOf(HypervisorException.class).hasMessageContaining("not registered");
    }
}
