package io.openfdm.cli.agents;

import io.openfdm.agent.admin.AdminClient;
import io.openfdm.agent.admin.HostModeAnswer;
import io.openfdm.core.journal.JournalEvent;
import io.openfdm.core.status.AgentStatus;
import io.openfdm.core.status.RestartPlan;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/** An {@link AgentLink} over the agent's admin HTTP endpoint ({@link AdminClient}). */
public final class AdminAgentLink implements AgentLink {
    private final String name;
    private final InetSocketAddress address;
    private final AdminClient client;

    /**
     * @param name    host MOID (or address text) for messages
     * @param address admin endpoint
     * @param token   the bearer token from the agent's {@code admin.token}
     */
    public AdminAgentLink(String name, InetSocketAddress address, String token) {
        this.name = name;
        this.address = address;
        this.client = new AdminClient(address, token);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public AgentStatus status() {
        return call("status", client::status);
    }

    @Override
    public List<JournalEvent> events(int limit) {
        return call("events", () -> client.events(limit));
    }

    @Override
    public RestartPlan plan(List<String> failed) {
        return call("plan", () -> client.plan(failed));
    }

    @Override
    public void powerOn(String vm) {
        call("power-on " + vm, () -> {
            client.powerOn(vm);
            return null;
        });
    }

    @Override
    public void powerOff(String vm) {
        call("power-off " + vm, () -> {
            client.powerOff(vm);
            return null;
        });
    }

    @Override
    public HostModeAnswer changeHostMode(String mode, boolean enter) {
        return call(mode + (enter ? " enter" : " exit"), () -> client.changeHostMode(mode, enter));
    }

    private <T> T call(String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new AgentCallException(name + " (" + address.getHostString() + ":" + address.getPort() + "): "
                    + what + ": " + why, e);
        }
    }
}
