package io.openfdm.cli.bridge;

import io.openfdm.bridge.agents.AgentVsphere;
import io.openfdm.bridge.config.AgentAddresses;
import io.openfdm.bridge.runtime.BridgeOptions;
import io.openfdm.bridge.runtime.BridgeRuntime;
import io.openfdm.agent.store.StoreException;
import io.openfdm.bridge.vcenter.VcenterLoginException;
import io.openfdm.bridge.vcenter.VsphereVcenter;
import io.openfdm.bridge.web.WebServer;
import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.vsphere.VsphereEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fdm bridge --vcenter URL --user U --password-file F ...}: runs the vCenter bridge in the
 * foreground until SIGTERM/SIGINT. It discovers vCenter's clusters, serves the JSON API and plugin
 * page on {@code --listen} (loopback, default 127.0.0.1:8480), writes the agents' configuration
 * files under {@code --agents-dir} when HA is enabled, and pushes each new configuration version to
 * the running agents.
 *
 * <p>Exit status 2 for a bad command line, an unreadable password file, or credentials vCenter
 * refuses; 1 when the bridge cannot start (state directory in use, listen port taken). An
 * unreachable vCenter is not an error: the bridge starts and retries with backoff.
 *
 * <p>Client subcommands talking to a running bridge ({@code clusters}, {@code status},
 * {@code enable}, {@code disable}, {@code priority}) are registered in {@code subcommands}.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = "Run the vCenter bridge (discovery, HA enable/disable, configuration push, plugin page).",
        subcommands = {BridgeClustersCommand.class, BridgeStatusCommand.class, BridgeEnableCommand.class,
                BridgeDisableCommand.class, BridgePriorityCommand.class, CommandLine.HelpCommand.class})
public final class BridgeCommand implements Callable<Integer> {
    @Option(names = "--vcenter", paramLabel = "URL", description = "vCenter SDK URL, e.g. https://vc.lab/sdk")
    String vcenter;

    @Option(names = "--user", paramLabel = "USER", description = "vCenter user")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the vCenter password")
    Path passwordFile;

    @Option(names = "--insecure", description = "accept vCenter's certificate without checking it (self-signed labs, vcsim)")
    boolean insecure;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "fdm-bridge/state",
            description = "the bridge's H2 store (default: ${DEFAULT-VALUE})")
    Path stateDir;

    @Option(names = "--agents-dir", paramLabel = "DIR", defaultValue = "fdm-bridge/agents",
            description = "where cluster.json and each host's agent.json are written (default: ${DEFAULT-VALUE})")
    Path agentsDir;

    @Option(names = "--listen", paramLabel = "IP:PORT", defaultValue = "127.0.0.1:" + WebServer.DEFAULT_PORT,
            converter = ListenAddressConverter.class, description = "JSON API and plugin page (default: ${DEFAULT-VALUE})")
    InetSocketAddress listen;

    @Option(names = "--allow-remote", description = "allow a non-loopback --listen address")
    boolean allowRemote;

    @Option(names = "--agent-address", paramLabel = "HOST=IP[:PORT]",
            description = "agent address of a host instead of its management IP, port 8182 (repeatable), e.g. host-21=127.0.0.11")
    List<String> agentAddresses = List.of();

    @Option(names = "--agent-hypervisor", paramLabel = "NAME", defaultValue = "simulated",
            description = "the hypervisor adapter written into each agent.json: simulated or vsphere (the agents then"
                    + " reach vCenter with this bridge's --vcenter, --user, --password-file and --insecure; default: ${DEFAULT-VALUE})")
    String agentHypervisor;

    @Override
    public Integer call() throws InterruptedException {
        URI url = vcenterUrl();
        if (user == null || user.isBlank()) {
            throw CliException.usage("--user is required");
        }
        String password = password();
        AgentAddresses addresses;
        try {
            addresses = AgentAddresses.parse(agentAddresses);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        BridgeOptions options = new BridgeOptions(stateDir, agentsDir, listen, allowRemote, addresses, agentHypervisor,
                new AgentVsphere(url, user, passwordFile.toAbsolutePath(), insecure), BridgeOptions.DEFAULT_PUSH_TIMEOUT_MS);
        BridgeRuntime runtime;
        try {
            runtime = BridgeRuntime.start(options, VsphereVcenter.connector(VsphereEndpoint.of(url, user, password, insecure)));
        } catch (VcenterLoginException e) {
            throw CliException.usage("vCenter at " + url + " refused the credentials of user " + user
                    + " (check --user and --password-file): " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        } catch (StoreException | UncheckedIOException e) {
            throw new CliException(ExitCodes.ERROR, "bridge could not start: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "bridge-shutdown"));
        runtime.awaitClosed();
        return ExitCodes.OK;
    }

    private URI vcenterUrl() {
        if (vcenter == null || vcenter.isBlank()) {
            throw CliException.usage("--vcenter is required (e.g. https://vc.lab/sdk); or a subcommand: clusters, status,"
                    + " enable, disable (try: fdm bridge --help)");
        }
        try {
            URI url = new URI(vcenter);
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
                throw CliException.usage("--vcenter: expected an https URL such as https://vc.lab/sdk, got '" + vcenter + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw CliException.usage("--vcenter: not a URL: " + e.getMessage());
        }
    }

    private String password() {
        if (passwordFile == null) {
            throw CliException.usage("--password-file is required (a file whose first line is the password)");
        }
        try {
            String first = Files.readAllLines(passwordFile).stream().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw CliException.usage("--password-file: " + passwordFile + " is empty");
            }
            return first;
        } catch (IOException e) {
            throw CliException.usage("--password-file: cannot read " + passwordFile + ": " + e.getMessage());
        }
    }
}
