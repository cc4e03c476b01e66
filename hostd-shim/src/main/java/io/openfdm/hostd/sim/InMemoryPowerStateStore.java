package io.openfdm.hostd.sim;

import java.util.Optional;

/** A {@link PowerStateStore} in memory: survives a simulated host's reboot as long as the object is kept. Thread-safe. */
public final class InMemoryPowerStateStore implements PowerStateStore {
    private byte[] content;

    @Override
    public synchronized Optional<byte[]> load() {
        return Optional.ofNullable(content).map(byte[]::clone);
    }

    @Override
    public synchronized void save(byte[] newContent) {
        content = newContent.clone();
    }
}
