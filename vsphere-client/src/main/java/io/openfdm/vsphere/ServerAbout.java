package io.openfdm.vsphere;

/**
 * The server's {@code ServiceContent.about} ({@code AboutInfo}), plus whether it is govmomi's vcsim.
 *
 * @param name         product name, {@code VMware vCenter Server} or {@code VMware ESXi}
 * @param fullName     name, version and build
 * @param version      product version, {@code 6.5.0}
 * @param build        build number
 * @param apiType      {@code VirtualCenter} for vCenter, {@code HostAgent} for an ESXi host
 * @param apiVersion   API version, {@code 6.5}
 * @param instanceUuid vCenter's instance UUID (empty on ESXi)
 * @param simulator    true for vcsim: its vCenter reports the fixed instance UUID
 *                     {@value #VCSIM_INSTANCE_UUID}, and both its vCenter and ESXi modes carry the
 *                     setting {@code vcsim.server.url} in the OptionManager
 */
public record ServerAbout(String name, String fullName, String version, String build, String apiType,
                          String apiVersion, String instanceUuid, boolean simulator) {
    /** The instance UUID govmomi's simulator gives its vCenter (simulator/vpx/service_content.go). */
    public static final String VCSIM_INSTANCE_UUID = "dbed6e0c-bd88-4ef6-b594-21283e1c677f";

    /** True for a vCenter ({@code apiType VirtualCenter}), false for a single ESXi host. */
    public boolean vcenter() {
        return "VirtualCenter".equals(apiType);
    }
}
