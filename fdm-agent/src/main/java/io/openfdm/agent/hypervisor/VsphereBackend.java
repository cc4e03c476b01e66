package io.openfdm.agent.hypervisor;

import io.openfdm.agent.config.VsphereSettings;
import io.openfdm.core.config.ConfigException;
import io.openfdm.hostd.Hypervisor;
import io.openfdm.hostd.vsphere.VsphereConnector;
import io.openfdm.hostd.vsphere.VsphereHostSettings;
import io.openfdm.hostd.vsphere.VsphereHypervisor;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.ServerAbout;
import io.openfdm.vsphere.VsphereClient;
import io.openfdm.vsphere.VsphereEndpoint;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.property.PropertyQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's vSphere hypervisor: a {@link VsphereHypervisor} for the configured host behind an
 * {@link InventoryCache}.
 *
 * <p>At start it tries to log in once. Refused credentials ({@code InvalidLogin},
 * {@code NoPermission}) and a host MOID vCenter does not know are configuration errors: the agent
 * stops with exit status 2. An unreachable or slow vCenter is not: the agent starts anyway and
 * protects (election, heartbeats and leases do not need vCenter), while the connector retries with
 * backoff and the inventory cache keeps reading.
 */
public final class VsphereBackend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VsphereBackend.class);

    private final VsphereHypervisor vsphere;
    private final InventoryCache cache;

    private VsphereBackend(VsphereHypervisor vsphere, InventoryCache cache) {
        this.vsphere = vsphere;
        this.cache = cache;
    }

    /**
     * Connects (once; failures other than refused credentials are retried later) and starts the
     * inventory reads.
     *
     * @throws ConfigException for an unreadable password file ({@code agent.vsphere.passwordFile}),
     *                         refused credentials ({@code agent.vsphere.user}), or a host MOID that
     *                         vCenter does not know ({@code agent.vsphere.hostMoid})
     */
    public static VsphereBackend start(VsphereSettings s) {
        VsphereEndpoint endpoint = new VsphereEndpoint(s.url(), s.user(), s.readPassword(), s.insecure(),
                s.connectTimeoutMs(), s.readTimeoutMs());
        VsphereConnector connector = new VsphereConnector(endpoint);
        try {
            VsphereClient client = connector.client();
            ServerAbout about = client.about();
            if (client.inventory().read(MoRef.host(s.host().moid()), PropertyQuery.of("HostSystem", "name")).isEmpty()) {
                throw new ConfigException("agent.vsphere.hostMoid", s.host().moid() + " is not a host of " + s.url()
                        + " (" + about.fullName() + ")");
            }
            LOG.info("connected to {} ({}, API {}{}) for host {}", s.url(), about.fullName(), about.apiVersion(),
                    about.simulator() ? ", vcsim" : "", s.host());
        } catch (VsphereException e) {
            if (e.kind() == VsphereException.Kind.AUTHENTICATION) {
                connector.close();
                throw new ConfigException("agent.vsphere.user", "the server refused the login of \"" + s.user() + "\" at "
                        + s.url() + " (" + e.faultName() + "); check agent.vsphere.user and agent.vsphere.passwordFile");
            }
            LOG.warn("vSphere at {} is not available at start ({}); the agent starts and protects anyway, and retries",
                    s.url(), e.getMessage());
        } catch (ConfigException e) {
            connector.close();
            throw e;
        }
        VsphereHypervisor vsphere = new VsphereHypervisor(connector,
                new VsphereHostSettings(s.host(), s.powerOnMode(), s.datastorePaths(), s.taskTimeoutMs()));
        return new VsphereBackend(vsphere, new InventoryCache(vsphere, s.inventoryIntervalMs()).start());
    }

    /** The hypervisor the agent uses: reads from the cache, power operations straight to vSphere. */
    public Hypervisor hypervisor() {
        return cache;
    }

    public InventoryCache inventory() {
        return cache;
    }

    public VsphereHypervisor vsphere() {
        return vsphere;
    }

    @Override
    public void close() {
        cache.close();
        vsphere.close();
    }
}
