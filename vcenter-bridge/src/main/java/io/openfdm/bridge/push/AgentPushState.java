package io.openfdm.bridge.push;

/**
 * Where the push of a cluster's configuration to one agent stands.
 *
 * @param host           host MOID
 * @param address        the agent's address:port
 * @param wantedVersion  the version the bridge wants the agent to have
 * @param ackedVersion   the highest version the agent confirmed, 0 if none
 * @param failures       failed attempts since the last success
 * @param lastError      the last failure, empty after a success
 */
public record AgentPushState(String host, String address, long wantedVersion, long ackedVersion, int failures,
                             String lastError) {

    /** The agent confirmed the wanted version (or a newer one). */
    public boolean upToDate() {
        return ackedVersion >= wantedVersion;
    }
}
