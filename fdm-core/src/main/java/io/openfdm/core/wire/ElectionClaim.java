package io.openfdm.core.wire;

import io.openfdm.core.model.Claim;

/**
 * Sent by a host taking part in an election, to every member, every
 * {@code electionClaimIntervalMs}, and in answer to a claim it had not yet heard.
 *
 * @param configVersion the sender's cluster configuration version
 * @param claim         the sender's claim
 * @param electionId    identifies the sender's election (unique per boot and election), so a
 *                      slave can tell a late claim of the election its master won from a new
 *                      election called by that master
 */
public record ElectionClaim(long configVersion, Claim claim, long electionId) implements Message {
    public static final int TYPE = 1;

    @Override
    public int typeCode() {
        return TYPE;
    }
}
