package io.openfdm.agent.net;

import io.openfdm.core.model.HostId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayWindowTest {
    private static final HostId A = HostId.of("host-1");
    private static final HostId B = HostId.of("host-2");
    private final ReplayWindow window = new ReplayWindow();

    private boolean offer(HostId h, long epoch, long seq) {
        if (!window.isFresh(h, epoch, seq)) {
            return false;
        }
        window.accept(h, epoch, seq);
        return true;
    }

    @Test
    void acceptsInOrderAndRefusesDuplicates() {
        assertThat(offer(A, 100, 1)).isTrue();
        assertThat(offer(A, 100, 2)).isTrue();
        assertThat(offer(A, 100, 2)).isFalse();
        assertThat(offer(A, 100, 1)).isFalse();
    }

    @Test
    void toleratesReorderingWithinSixtyFourPackets() {
        assertThat(offer(A, 100, 70)).isTrue();
        assertThat(offer(A, 100, 7)).as("63 behind").isTrue();
        assertThat(offer(A, 100, 6)).as("64 behind: too old").isFalse();
        assertThat(offer(A, 100, 50)).isTrue();
        assertThat(offer(A, 100, 50)).isFalse();
        assertThat(offer(A, 100, 69)).isTrue();
    }

    @Test
    void bigJumpClearsTheBitmap() {
        assertThat(offer(A, 100, 1)).isTrue();
        assertThat(offer(A, 100, 1000)).isTrue();
        assertThat(offer(A, 100, 999)).isTrue();
        assertThat(offer(A, 100, 1000)).isFalse();
    }

    @Test
    void higherEpochResetsLowerEpochIsReplayed() {
        assertThat(offer(A, 100, 500)).isTrue();
        assertThat(offer(A, 200, 1)).as("sender restarted").isTrue();
        assertThat(offer(A, 100, 501)).as("packet from before the restart").isFalse();
        assertThat(offer(A, 200, 2)).isTrue();
    }

    @Test
    void sendersAreIndependentAndSeqZeroIsInvalid() {
        assertThat(offer(A, 100, 5)).isTrue();
        assertThat(offer(B, 100, 5)).isTrue();
        assertThat(offer(B, 100, 0)).isFalse();
        assertThat(offer(B, 100, -1)).isFalse();
    }

    @Test
    void checkingDoesNotMoveTheWindow() {
        assertThat(window.isFresh(A, 100, 1000)).isTrue();
        assertThat(offer(A, 100, 1)).as("only accept() moves the window").isTrue();
    }
}
