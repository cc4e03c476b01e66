package io.openfdm.cli.demo.vcsim;

import io.openfdm.cli.bridge.BridgeClient;

import java.net.InetSocketAddress;
import java.net.URI;

/** The demo's client of its in-process bridge: the same JSON API client as {@code fdm bridge}. */
final class BridgeClients {
    private BridgeClients() {
    }

    static BridgeClient of(InetSocketAddress bridge) {
        return new BridgeClient(URI.create("http://" + bridge.getAddress().getHostAddress() + ":" + bridge.getPort() + "/"));
    }
}
