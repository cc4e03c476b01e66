package io.openfdm.cli.output;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"-1, never", "0, 0 ms", "999, 999 ms", "1000, 1.0 s", "4250, 4.3 s", "185000, 3 min 5 s",
            "7800000, 2 h 10 min", "273600000, 3 d 4 h"})
    void human(long ms, String expected) {
        assertThat(Durations.human(ms)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2310, +2.31 s", "0, +0.00 s", "-100, -0.10 s", "61005, +61.01 s"})
    void offset(long ms, String expected) {
        assertThat(Durations.offset(ms)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"-1, never", "120, 120 ms ago"})
    void ago(long ms, String expected) {
        assertThat(Durations.ago(ms)).isEqualTo(expected);
    }
}
