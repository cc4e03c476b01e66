package io.openfdm.core.wire;

import io.openfdm.core.model.Claim;

/**
 * A master gives up its role (shutdown, maintenance): its slaves call an election at once instead
 * of waiting for the master-failure timeout.
 *
 * @param claim the resigning master's claim
 */
public record Resign(Claim claim) implements Message {
    public static final int TYPE = 7;

    @Override
    public int typeCode() {
        return TYPE;
    }
}
