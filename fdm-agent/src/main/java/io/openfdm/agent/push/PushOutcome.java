package io.openfdm.agent.push;

/** What applying a pushed configuration did. */
public sealed interface PushOutcome {
    /** The configuration is persisted and in force. */
    record Applied(long version) implements PushOutcome {
    }

    /** Refused: its version is not higher than the one in force. Nothing changed. */
    record NotNewer(long pushedVersion, long currentVersion) implements PushOutcome {
    }

    /** Refused: the configuration is valid but unusable on this host (e.g. the host is not a member). */
    record Unusable(String reason) implements PushOutcome {
    }
}
