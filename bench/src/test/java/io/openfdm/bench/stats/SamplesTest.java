package io.openfdm.bench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplesTest {
    private static Samples of(long... ms) {
        Samples s = new Samples();
        for (long m : ms) {
            s.add(m);
        }
        return s;
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(of(900, 100, 500).medianMs()).isEqualTo(500.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(of(400, 100, 300, 200).medianMs()).isEqualTo(250.0);
    }

    @Test
    void p95IsTheNearestRank() {
        // 20 samples 1..20: rank ceil(0.95 * 20) = 19
        Samples twenty = new Samples();
        for (long i = 20; i >= 1; i--) {
            twenty.add(i);
        }
        assertThat(twenty.p95Ms()).isEqualTo(19);
        // fewer than 20 samples: p95 is the maximum
        assertThat(of(3, 1, 2).p95Ms()).isEqualTo(3);
        assertThat(of(7).p95Ms()).isEqualTo(7);
    }

    @Test
    void minMaxAndOrderOfAddition() {
        Samples s = of(30, 10, 20);
        assertThat(s.minMs()).isEqualTo(10);
        assertThat(s.maxMs()).isEqualTo(30);
        assertThat(s.valuesMs()).containsExactly(30L, 10L, 20L);
        assertThat(s.count()).isEqualTo(3);
    }

    @Test
    void anEmptySetHasNoSummaryAndNegativeDurationsAreRefused() {
        assertThatThrownBy(() -> new Samples().medianMs()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Samples().add(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void secondsHaveThreeDecimals() {
        assertThat(Samples.seconds(2460)).isEqualTo("2.460");
        assertThat(Samples.seconds(2460.5)).isEqualTo("2.461");
    }
}
