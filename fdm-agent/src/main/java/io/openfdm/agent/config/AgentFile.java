package io.openfdm.agent.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The shape of {@code agent.json}; converted and checked by {@link AgentConfigFiles}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AgentFile(String host, String stateDir, String clusterConfig, AdminEntry admin, String hypervisor) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AdminEntry(String address, Integer port) {
    }
}
