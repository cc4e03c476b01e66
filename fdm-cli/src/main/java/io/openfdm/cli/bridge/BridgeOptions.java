package io.openfdm.cli.bridge;

import io.openfdm.bridge.web.WebServer;
import io.openfdm.cli.CliException;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;

/** Where the bridge's JSON API is: {@code --bridge URL}, shared by the bridge client commands. */
public final class BridgeOptions {
    /** The bridge's default address: its default listen address, loopback, port {@link WebServer#DEFAULT_PORT}. */
    public static final String DEFAULT_URL = "http://127.0.0.1:" + WebServer.DEFAULT_PORT;

    @Option(names = "--bridge", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "the bridge's URL (default: ${DEFAULT-VALUE})")
    String bridge;

    /**
     * The {@code --bridge} URL, checked: http or https, with a host, no query.
     *
     * @throws CliException exit status 2 naming {@code --bridge}
     */
    public URI uri() {
        if (!bridge.strip().matches("(?i)https?://.*")) {
            throw CliException.usage("--bridge: '" + bridge + "' must start with http:// or https://, e.g. " + DEFAULT_URL);
        }
        URI uri;
        try {
            uri = new URI(bridge.strip());
        } catch (URISyntaxException e) {
            throw CliException.usage("--bridge: '" + bridge + "' is not a URL (" + e.getReason() + "); e.g. " + DEFAULT_URL);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw CliException.usage("--bridge: '" + bridge + "' must start with http:// or https://, e.g. " + DEFAULT_URL);
        }
        if (uri.getHost() == null) {
            throw CliException.usage("--bridge: '" + bridge + "' has no host, e.g. " + DEFAULT_URL);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw CliException.usage("--bridge: '" + bridge + "' must not have a query or fragment");
        }
        return uri;
    }

    /** A client for {@link #uri()}. */
    public BridgeClient client() {
        return new BridgeClient(uri());
    }
}
