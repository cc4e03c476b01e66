package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.output.Table;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code fdm demo --vcsim}, the story: vcsim with one cluster, the bridge, HA enabled through the
 * bridge's JSON API, one agent per host on the vSphere backend; once every VM is protected, a slave
 * host fails ({@link HostFailure}); the master restarts its VMs on the other hosts; the result is read
 * back through the vSphere API and printed, each VM of the failed host with its old and new host
 * and the seconds from the failure until vCenter reported it powered on there.
 *
 * <p>Exit status 0 when every protected VM runs exactly once at the end (registered once, powered on
 * once, not on the failed host); 1 otherwise, or when a part does not start; 2 for bad options or
 * an agent address that cannot be bound.
 */
public final class VcsimDemoRun {
    private VcsimDemoRun() {
    }

    /**
     * @param keep leave everything running after the verdict until Ctrl-C
     * @return {@link ExitCodes#OK}
     * @throws CliException (failed) when a protected VM does not run exactly once, listing why
     */
    public static int run(VcsimDemoSpec spec, boolean keep, PrintWriter out) {
        say(out, "fdm demo --vcsim: %d hosts, %d datastores, %d VMs, %s timing; files and logs in %s", spec.hosts(),
                spec.datastores(), spec.vms(), spec.timingProfile(), spec.dir());
        Path binary = VcsimBinary.locateOrInstall(out);
        try (VcsimDemo demo = VcsimDemo.start(spec, binary, out)) {
            long t0 = System.nanoTime();
            ClusterView ready = demo.awaitProtected();
            String master = ready.requirePreferred().status().host();
            List<VmRow> protectedVms = demo.protectedVms(ready);
            say(out, "all %d VMs protected by the master %s (%s later)", protectedVms.size(), master, VcsimDemo.seconds(t0));

            String victim = demo.pickSlave(ready);
            HostFailure failure = demo.failHost(victim, false);
            say(out, "");
            say(out, "host failure: kill -9 the agent of %s (%s, a slave) and power off its %d VMs in vCenter (%d ms)",
                    victim, demo.lab().hostName(victim), failure.vms().size(), failure.powerOffMs());
            RestartWatch.Outcome outcome = demo.awaitRestarts(failure, protectedVms);
            report(out, demo.lab()::hostName, outcome, protectedVms.size(), spec.dir());
            if (keep) {
                say(out, "");
                say(out, "left running (--keep) until Ctrl-C:");
                say(out, "  plugin page  http://127.0.0.1:%d/", demo.bridge().webAddress().getPort());
                say(out, "  vCenter      %s (user %s, password in %s)", demo.lab().vcsim().sdkUrl(),
                        demo.lab().vcsim().user(), spec.dir().resolve("vcenter.password"));
                say(out, "  agents       fdm hosts|vms|datastores|events --dir %s",
                        demo.cluster().dir().dir());
                awaitInterrupt();
            }
            return ExitCodes.OK;
        } finally {
            say(out, "agents, bridge and vcsim stopped; files and logs kept in %s", spec.dir());
        }
    }

    /**
     * Prints each VM of the failed host (old host, new host, seconds after the failure) and the
     * verdict on vCenter's final read.
     *
     * @param hostName vCenter's name of a host MOID
     * @throws CliException (failed, exit 1) listing the problems when a protected VM does not run exactly once
     */
    static void report(PrintWriter out, Function<String, String> hostName, RestartWatch.Outcome outcome, int protectedVms,
                       Path dir) {
        Table t = new Table("VM", "NAME", "OLD HOST", "NEW HOST", "SECONDS").rightAligned("SECONDS");
        for (RestartWatch.Restart r : outcome.restarts()) {
            t.row(r.before().moid(), r.before().name(), r.before().host() + " " + hostName.apply(r.before().host()),
                    r.after().map(a -> a.host() + " " + hostName.apply(a.host())).orElse("not restarted"),
                    r.restarted() ? String.format("%.1f", r.afterMs() / 1000.0) : null);
        }
        t.print(out);
        say(out, "");
        say(out, "read back through the vSphere API (runtime.host and runtime.powerState of all %d VMs, %.1f s after"
                + " the failure):", outcome.finalRead().size(), outcome.elapsedMs() / 1000.0);
        if (!outcome.ok()) {
            outcome.problems().forEach(p -> say(out, "  %s", p));
            throw CliException.failed(outcome.problems().size() + " problem(s): a protected VM is not running exactly"
                    + " once; agent logs in " + dir.resolve("bridge/agents") + "/*/hosts/*/agent.log");
        }
        say(out, "every one of the %d protected VMs runs exactly once; none is registered twice.", protectedVms);
    }

    private static void awaitInterrupt() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.println(String.format(format, args));
        out.flush();
    }
}
