package io.openfdm.agent.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** The shape of {@code agent.json}; converted and checked by {@link AgentConfigFiles}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AgentFile(String host, String stateDir, String clusterConfig, AdminEntry admin, String hypervisor,
                 VsphereEntry vsphere) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AdminEntry(String address, Integer port) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VsphereEntry(String url, String user, String passwordFile, Boolean insecure, String hostMoid,
                        String powerOnMode, Map<String, String> datastorePaths, Integer connectTimeoutMs,
                        Integer readTimeoutMs, Long taskTimeoutMs, Long inventoryIntervalMs) {
    }
}
