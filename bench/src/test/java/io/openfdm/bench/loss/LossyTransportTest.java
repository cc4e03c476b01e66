package io.openfdm.bench.loss;

import io.openfdm.core.env.Transport;
import io.openfdm.core.model.Claim;
import io.openfdm.core.model.HostId;
import io.openfdm.core.wire.Message;
import io.openfdm.core.wire.Resign;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LossyTransportTest {
    private static final HostId SELF = HostId.of("host-1");
    private static final HostId PEER = HostId.of("host-2");
    private static final Message MSG = new Resign(new Claim(SELF, 2));

    @Test
    void dropsAboutTheGivenShareOfMessagesToOtherHostsAndPassesTheRestUnchanged() {
        List<Message> passed = new ArrayList<>();
        Transport inner = (to, m) -> passed.add(m);
        LossyTransport lossy = new LossyTransport(inner, SELF, 0.05, new Random(7));
        for (int i = 0; i < 100_000; i++) {
            lossy.send(PEER, MSG);
        }
        assertThat(lossy.offered()).isEqualTo(100_000);
        assertThat(lossy.dropped()).isBetween(4_700L, 5_300L);
        assertThat(passed).hasSize((int) (100_000 - lossy.dropped())).allMatch(m -> m == MSG);
    }

    @Test
    void neverDropsAMessageToItself() {
        List<HostId> passedTo = new ArrayList<>();
        LossyTransport lossy = new LossyTransport((to, m) -> passedTo.add(to), SELF, 1.0, new Random(1));
        lossy.send(SELF, MSG);
        lossy.send(PEER, MSG);
        assertThat(passedTo).containsExactly(SELF);
        assertThat(lossy.offered()).isEqualTo(1);
        assertThat(lossy.dropped()).isEqualTo(1);
    }

    @Test
    void theSameSeedDropsTheSameMessages() {
        List<Integer> first = dropsWithSeed(11);
        assertThat(dropsWithSeed(11)).isEqualTo(first);
        assertThat(dropsWithSeed(12)).isNotEqualTo(first);
    }

    @Test
    void theLayerHandsOutTheWrapperItMade() {
        List<LossyTransport> made = new ArrayList<>();
        Transport real = (to, m) -> { };
        Transport layered = LossyTransport.layer(SELF, 0.05, 3, made::add).apply(real);
        assertThat(made).singleElement().isSameAs(layered);
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new LossyTransport((to, m) -> { }, SELF, 1.5, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lossProbability");
    }

    private static List<Integer> dropsWithSeed(long seed) {
        List<Integer> dropped = new ArrayList<>();
        int[] i = {0};
        LossyTransport lossy = new LossyTransport((to, m) -> i[0]++, SELF, 0.3, new Random(seed));
        for (int n = 0; n < 50; n++) {
            long before = lossy.dropped();
            lossy.send(PEER, MSG);
            if (lossy.dropped() > before) {
                dropped.add(n);
            }
        }
        return dropped;
    }
}
