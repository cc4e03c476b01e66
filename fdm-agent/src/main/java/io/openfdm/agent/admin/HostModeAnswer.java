package io.openfdm.agent.admin;

/**
 * The answer of the admin endpoint's host mode requests.
 *
 * @param host    the host's MOID
 * @param mode    its mode now: {@code normal}, {@code maintenance} or {@code standby}
 * @param changed whether this request changed it (false: it already was in that mode)
 */
public record HostModeAnswer(String host, String mode, boolean changed) {
}
