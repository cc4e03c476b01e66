package io.openfdm.cli.agents;

import io.openfdm.agent.admin.HostModeAnswer;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.RestartPlan;
import io.openfdm.core.status.VmStatus;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An in-memory agent for tests: answers a fixed status and events, or fails when {@code down}. */
public final class FakeAgentLink implements AgentLink {
    private final String name;
    public AgentStatus status;
    public List<JournalEvent> events = new ArrayList<>();
    public boolean down;
    /** What {@link #plan} answers; null: it refuses, as a slave does. */
    public RestartPlan plan;
    /** When set, {@link #plan} throws it (an agent's refusal). */
    public AgentCallException planError;
    public final List<String> calls = new ArrayList<>();

    public FakeAgentLink(String name, AgentStatus status) {
        this.name = name;
        this.status = status;
    }

    /** A status with only the fields the CLI reasons about. */
    public static AgentStatus status(String host, String role, String master, VmStatus... vms) {
        return new AgentStatus(host, role, master, "c1", 1, 1000, Map.of(), List.of(), List.of(), List.of(vms));
    }

    public static VmStatus vm(String vm, String host, String power, boolean protectedByHa) {
        return new VmStatus(vm, "app-" + vm, host, power, protectedByHa, "medium", "ds-1", "none", 0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return InetSocketAddress.createUnresolved("127.0.0.1", 8190);
    }

    @Override
    public AgentStatus status() {
        check("status");
        return status;
    }

    @Override
    public List<JournalEvent> events(int limit) {
        check("events");
        return events;
    }

    @Override
    public RestartPlan plan(List<String> failed) {
        check("plan " + String.join(",", failed));
        if (planError != null) {
            throw planError;
        }
        if (plan == null) {
            throw new AgentCallException(name + ": plan: " + name + " is not the master", null);
        }
        return plan;
    }

    @Override
    public void powerOn(String vm) {
        check("power-on " + vm);
    }

    @Override
    public void powerOff(String vm) {
        check("power-off " + vm);
    }

    /** The mode this fake host is in: {@code normal}, {@code maintenance} or {@code standby}. */
    public String hostMode = "normal";

    @Override
    public HostModeAnswer changeHostMode(String mode, boolean enter) {
        check(mode + (enter ? " enter" : " exit"));
        String before = hostMode;
        if (enter) {
            hostMode = mode;
        } else if (hostMode.equals(mode)) {
            hostMode = "normal";
        }
        return new HostModeAnswer(status.host(), hostMode, !before.equals(hostMode));
    }

    private void check(String call) {
        calls.add(call);
        if (down) {
            throw new AgentCallException(name + ": " + call + ": connection refused", null);
        }
    }
}
