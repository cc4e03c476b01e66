package io.openfdm.cli.demo.vcsim;

import io.openfdm.bridge.api.HaSettings;
import io.openfdm.bridge.config.AgentAddress;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.config.ClusterIdentity;
import io.openfdm.bridge.config.ConfigBuilder;
import io.openfdm.bridge.inventory.ClusterRecord;
import io.openfdm.bridge.inventory.Inventory;
import io.openfdm.bridge.vcenter.VsphereVcenter;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.model.HostId;
import io.openfdm.hostd.vsphere.PowerOnMode;
import io.openfdm.hostd.vsphere.VsphereConnector;
import io.openfdm.hostd.vsphere.VsphereHostSettings;
import io.openfdm.hostd.vsphere.VsphereHypervisor;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.vsphere.vcsim.Vcsim;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vSphere numbers, measured on vcsim with the real bridge, agents and vSphere client
 * (a benchmark, not a test: it asserts nothing and prints a markdown report).
 *
 * <pre>
 * bench/vsphere-bench.sh [--vms 1000] [--priority-changes 30] [--failover-runs 5] [--only inventory|priority|failover]
 * </pre>
 *
 * <ol>
 *   <li><b>Inventory sync</b>: vcsim with one cluster of 4 hosts and {@code --vms} VMs; the bridge's
 *       login, its first full inventory read (one {@code RetrievePropertiesEx}) and the cluster
 *       configuration built from it: milliseconds and SOAP calls ({@code VsphereClient.apiCalls});
 *       then repeated reads.</li>
 *   <li><b>Priority change</b>: the vcsim demo's cluster (4 hosts, 16 VMs, 4 agent processes); the
 *       bridge writes a VM's restart priority to vCenter's {@code dasVmConfig}
 *       ({@code ReconfigureComputeResource_Task}), reads it back and pushes the new version; the
 *       latency until every agent's {@code /status} reports that version.</li>
 *   <li><b>Host failure</b>: the vcsim demo per run (fresh vcsim, bridge and agents); from the kill
 *       of a slave's agent until vCenter reports all of its VMs powered on on other hosts (read every
 *       20 ms through the vSphere API); per timer profile.</li>
 * </ol>
 */
public final class VsphereBench {
    private final PrintWriter out = new PrintWriter(System.out, true);
    private int vms = 1000;
    private int priorityChanges = 30;
    private int failoverRuns = 5;
    private String only = "";

    public static void main(String[] args) throws Exception {
        VsphereBench b = new VsphereBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--vms" -> b.vms = Integer.parseInt(args[++i]);
                case "--priority-changes" -> b.priorityChanges = Integer.parseInt(args[++i]);
                case "--failover-runs" -> b.failoverRuns = Integer.parseInt(args[++i]);
                case "--only" -> b.only = args[++i];
                default -> {
                    System.err.println("usage: VsphereBench [--vms N] [--priority-changes N] [--failover-runs N]"
                            + " [--only inventory|priority|failover]");
                    System.exit(2);
                }
            }
        }
        b.run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path binary = Vcsim.locate().orElseThrow(() -> new IllegalStateException("vcsim is not installed; run "
                + "deploy/vcsim/install-vcsim.sh"));
        machine(binary);
        if (only.isEmpty() || only.equals("inventory")) {
            inventory(binary);
        }
        if (only.isEmpty() || only.equals("priority")) {
            priority(binary);
        }
        if (only.isEmpty() || only.equals("failover")) {
            failover(binary, "default");
            failover(binary, "aggressive");
        }
    }

    private void machine(Path binary) throws Exception {
        out.println("## Machine");
        out.println();
        out.printf("- date: %s%n", Instant.now());
        out.printf("- cores (nproc): %d; memory: %s; load average at start: %s%n", Runtime.getRuntime().availableProcessors(),
                memTotal(), Files.readString(Path.of("/proc/loadavg")).strip());
        out.printf("- java: %s %s (%s)%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vendor"));
        out.printf("- vcsim: %s (govmomi 0.24 simulator)%n", binary);
        out.println();
    }

    private static String memTotal() throws Exception {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> l.replaceAll("\\s+", " ").substring("MemTotal: ".length())).findFirst().orElse("?");
    }

    // ------------------------------------------------------------------ 1. inventory sync

    private void inventory(Path binary) throws Exception {
        out.printf("## Inventory sync: 1 cluster, 4 hosts, 2 datastores, %d VMs%n%n", vms);
        long t0 = System.nanoTime();
        try (Vcsim vcsim = Vcsim.start(binary, Vcsim.Options.flags("-cluster", "1", "-host", "4", "-ds", "2", "-vm",
                Integer.toString(vms), "-standalone-host", "0"))) {
            long vcsimMs = ms(t0);
            long loginStart = System.nanoTime();
            try (VsphereVcenter s = (VsphereVcenter) VsphereVcenter.connector(vcsim.endpoint()).connect()) {
                long loginMs = ms(loginStart);
                long loginCalls = s.apiCalls();
                long readStart = System.nanoTime();
                Inventory inv = s.readInventory();
                long readMs = ms(readStart);
                long readCalls = s.apiCalls() - loginCalls;
                ClusterRecord cluster = inv.clusters().get(0);
                Map<String, AgentAddress> addresses = new LinkedHashMap<>();
                int i = 11;
                for (var h : inv.hostsOf(cluster)) {
                    addresses.put(h.moid(), new AgentAddress("127.0.6." + i++, 8182));
                }
                ClusterIdentity id = ClusterIdentity.create(inv.vcenterUuid(), cluster.moid(), new SecureRandom());
                long buildStart = System.nanoTime();
                ClusterConfig config = ConfigBuilder.build(new ConfigBuilder.Input(inv, cluster.moid(), id, 1,
                        HaSettings.defaults(), true, new AgentAddresses(addresses)));
                long buildMs = ms(buildStart);
                // What InventorySync does next: the first WaitForUpdatesEx answers with every watched
                // object (a resync batch), which counts as a change and is followed by one more read.
                long watchCalls0 = s.apiCalls();
                long watchStart = System.nanoTime();
                boolean changed = s.awaitChange(1_000);
                long watchMs = ms(watchStart);
                long watchCalls = s.apiCalls() - watchCalls0;
                long reread0 = s.apiCalls();
                long rereadStart = System.nanoTime();
                s.readInventory();
                long rereadMs = ms(rereadStart);
                long rereadCalls = s.apiCalls() - reread0;
                List<Long> again = new ArrayList<>();
                long before = s.apiCalls();
                int reads = 10;
                for (int r = 0; r < reads; r++) {
                    long a = System.nanoTime();
                    s.readInventory();
                    again.add(ms(a));
                }
                long callsPerRead = (s.apiCalls() - before) / reads;
                out.printf("vcsim started with the inventory in %d ms. The cluster read back: %d VMs, %d hosts; "
                        + "configuration: %d protected VMs.%n%n", vcsimMs, inv.vmsOf(cluster).size(), inv.hostsOf(cluster).size(),
                        config.vmOverrides().size());
                out.println("| step | ms | SOAP calls |");
                out.println("|---|---:|---:|");
                out.printf("| login (RetrieveServiceContent, Login) | %d | %d |%n", loginMs, loginCalls);
                out.printf("| first inventory read: CreateContainerView + one RetrievePropertiesEx (clusters, hosts,"
                        + " datastores, %d VMs) | %d | %d |%n", inv.vms().size(), readMs, readCalls);
                out.printf("| cluster configuration built (ConfigBuilder, %d VMs) | %d | 0 |%n", config.vmOverrides().size(),
                        buildMs);
                out.printf("| **sync: login, read, configuration** | **%d** | **%d** |%n", loginMs + readMs + buildMs,
                        loginCalls + readCalls);
                out.printf("| then the change watch: PropertyCollector, view and filter created, first WaitForUpdatesEx"
                        + " (every watched object; change seen: %s) | %d | %d |%n", changed, watchMs, watchCalls);
                out.printf("| and the read that batch triggers | %d | %d |%n", rereadMs, rereadCalls);
                out.printf("| each later full read (median of %d; min %d, max %d) | %d | %d |%n", reads,
                        Collections.min(again), Collections.max(again), median(again), callsPerRead);
                out.println();
                agentListing(vcsim, inv);
            }
        }
    }

    /** What each agent's vSphere backend reads every second (InventoryCache refresh): its host's VMs. */
    private void agentListing(Vcsim vcsim, Inventory inv) {
        String host = inv.vms().stream().collect(java.util.stream.Collectors.groupingBy(v -> v.host(),
                java.util.stream.Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElseThrow();
        try (VsphereConnector connector = new VsphereConnector(vcsim.endpoint());
             VsphereHypervisor hv = new VsphereHypervisor(connector, VsphereHostSettings.of(HostId.of(host), PowerOnMode.AUTO))) {
            long c0 = connector.client().apiCalls();
            long first = System.nanoTime();
            int mine = hv.listVms().size();
            long firstMs = ms(first);
            long firstCalls = connector.client().apiCalls() - c0;
            List<Long> again = new ArrayList<>();
            long c1 = connector.client().apiCalls();
            for (int r = 0; r < 10; r++) {
                long a = System.nanoTime();
                hv.listVms();
                again.add(ms(a));
            }
            long perList = (connector.client().apiCalls() - c1) / 10;
            out.printf("An agent's vSphere backend lists its host's VMs every second (hostd-shim VsphereHypervisor.listVms,"
                    + " the agent's inventory refresh); it reads every VM's runtime.host and keeps its own, here %d of %d:%n%n",
                    mine, inv.vms().size());
            out.println("| agent listing | ms | SOAP calls |");
            out.println("|---|---:|---:|");
            out.printf("| first (after login; creates the container view) | %d | %d |%n", firstMs, firstCalls);
            out.printf("| each later one (median of 10; min %d, max %d) | %d | %d |%n%n", Collections.min(again),
                    Collections.max(again), median(again), perList);
        }
    }

    // ------------------------------------------------------------------ 2. priority change

    private void priority(Path binary) throws Exception {
        out.printf("## Priority change to every agent: 4 hosts, 16 VMs, 4 agent processes, %d changes%n%n", priorityChanges);
        Path dir = Files.createTempDirectory("fdm-bench-priority-");
        StringWriter log = new StringWriter();
        VcsimDemoSpec spec = new VcsimDemoSpec(dir, 4, 2, 16, "default", "127.0.6.41", 8182, 60_000, 60_000, 0).validate();
        try (VcsimDemo demo = VcsimDemo.start(spec, binary, new PrintWriter(log, true))) {
            ClusterView ready = demo.awaitProtected();
            List<VmRow> vmsOf = demo.protectedVms(ready);
            String cluster = demo.lab().clusterMoid();
            List<Long> writeMs = new ArrayList<>();
            List<Long> allAgentsMs = new ArrayList<>();
            for (int i = 0; i < priorityChanges; i++) {
                long version = demo.bridge().service().config(cluster).orElseThrow().version();
                VmRow vm = vmsOf.get(i % vmsOf.size());
                String priority = (i / vmsOf.size()) % 2 == 0 ? "high" : "low";
                long t0 = System.nanoTime();
                demo.bridge().service().setRestartPriority(cluster, vm.moid(), priority);
                writeMs.add(ms(t0));
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (true) {
                    ClusterView v = demo.cluster().poll();
                    if (v.answers().size() == 4 && v.answers().stream().allMatch(a -> a.status().configVersion() > version)) {
                        allAgentsMs.add(ms(t0));
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("version " + (version + 1) + " not on every agent within 30 s");
                    }
                    Thread.sleep(2);
                }
                Thread.sleep(200);
            }
            out.println("| | median ms | p90 ms | min ms | max ms |");
            out.println("|---|---:|---:|---:|---:|");
            row("bridge call: dasVmConfig written in vCenter, read back, new version queued", writeMs);
            row("**until all 4 agents report the new version** (admin /status)", allAgentsMs);
            out.println();
        }
    }

    private void row(String what, List<Long> values) {
        out.printf("| %s | %d | %d | %d | %d |%n", what, median(values), percentile(values, 90), Collections.min(values),
                Collections.max(values));
    }

    // ------------------------------------------------------------------ 3. host failure

    private void failover(Path binary, String timing) throws Exception {
        out.printf("## Host failure to all of its VMs powered on, read back through the vSphere API (%s timers, %d runs)%n%n",
                timing, failoverRuns);
        out.println("| run | VMs of the failed host | declared dead (master's journal), ms | all powered on elsewhere (vCenter), ms |");
        out.println("|---:|---:|---:|---:|");
        List<Long> all = new ArrayList<>();
        List<Long> dead = new ArrayList<>();
        for (int run = 1; run <= failoverRuns; run++) {
            Path dir = Files.createTempDirectory("fdm-bench-failover-");
            StringWriter log = new StringWriter();
            VcsimDemoSpec spec = new VcsimDemoSpec(dir, 4, 2, 16, timing, "127.0.6.51", 8182, 60_000, 60_000, 0).validate();
            try (VcsimDemo demo = VcsimDemo.start(spec, binary, new PrintWriter(log, true))) {
                ClusterView ready = demo.awaitProtected();
                List<VmRow> protectedVms = demo.protectedVms(ready);
                String victim = demo.pickSlave(ready);
                Thread.sleep(1_000);
                HostFailure f = demo.failHost(victim, false);
                RestartWatch.Outcome o = demo.awaitRestarts(f, protectedVms, 20);
                if (!o.ok()) {
                    throw new IllegalStateException("run " + run + ": " + o.problems());
                }
                long lastOn = o.restarts().stream().mapToLong(RestartWatch.Restart::afterMs).max().orElseThrow();
                ClusterView.Answer master = demo.cluster().poll().requirePreferred();
                long declared = master.link().events(1000).stream()
                        .filter(e -> e.message().startsWith(victim + " declared dead"))
                        .mapToLong(JournalEvent::wallMs).min().orElse(-1) - f.failedAtMs();
                all.add(lastOn);
                dead.add(declared);
                out.printf("| %d | %d | %d | %d |%n", run, f.vms().size(), declared, lastOn);
            }
        }
        out.printf("| **median** | | **%d** | **%d** |%n%n", median(dead), median(all));
    }

    private static long ms(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    static long median(List<Long> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
