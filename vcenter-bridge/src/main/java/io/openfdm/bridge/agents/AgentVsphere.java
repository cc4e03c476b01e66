package io.openfdm.bridge.agents;

import java.net.URI;
import java.nio.file.Path;

/**
 * How agents on the {@code vsphere} hypervisor reach vCenter: the bridge writes it into each
 * {@code agent.json} ({@code "vsphere"} section), with the host's own MOID. The password stays in
 * its file; {@code agent.json} only names the file.
 *
 * @param url          vCenter's SDK URL
 * @param user         user name
 * @param passwordFile absolute path of the file whose first line is the password
 * @param insecure     accept vCenter's certificate unchecked (lab vCenter, vcsim)
 */
public record AgentVsphere(URI url, String user, Path passwordFile, boolean insecure) {
}
