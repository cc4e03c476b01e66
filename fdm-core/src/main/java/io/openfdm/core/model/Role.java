package io.openfdm.core.model;

/** The role an agent plays at a moment: electing, master, or slave of a master. */
public enum Role {
    ELECTION,
    MASTER,
    SLAVE
}
