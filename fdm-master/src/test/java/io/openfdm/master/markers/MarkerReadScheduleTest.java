package io.openfdm.master.markers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkerReadScheduleTest {
    @Test
    void listsAtOnceThenEverySecondWhileNeededAndEveryTenSecondsOtherwise() {
        MarkerReadSchedule s = new MarkerReadSchedule();
        assertThat(s.due(0, 1000, false)).isTrue();
        s.requested(List.of("ds-1", "ds-2"), 0);
        assertThat(s.due(999, 1000, true)).isFalse();
        assertThat(s.due(1000, 1000, true)).isTrue();
        assertThat(s.due(1000, 1000, false)).isFalse();
        assertThat(s.due(9_999, 1000, false)).isFalse();
        assertThat(s.due(10_000, 1000, false)).isTrue();
    }

    @Test
    void markersCountAsReadSinceAMomentOnlyOnceEveryDatastoreAnsweredAListingRequestedAfterIt() {
        MarkerReadSchedule s = new MarkerReadSchedule();
        assertThat(s.readSince(Long.MIN_VALUE)).as("nothing to wait for before the first round").isTrue();
        s.requested(List.of("ds-1", "ds-2"), 1000);
        assertThat(s.readSince(Long.MIN_VALUE)).as("a host that never came back waits for nothing").isTrue();
        assertThat(s.readSince(500)).as("requested, not answered").isFalse();
        s.answered("ds-1");
        assertThat(s.readSince(500)).isFalse();
        s.answered("ds-2");
        assertThat(s.readSince(500)).isTrue();
        assertThat(s.readSince(1000)).as("requested at, not after, 1000").isFalse();
    }

    @Test
    void aListingRequestedWhileTheLastIsUnansweredKeepsTheOlderTime() {
        MarkerReadSchedule s = new MarkerReadSchedule();
        s.requested(List.of("ds-1"), 1000);
        s.requested(List.of("ds-1"), 2000); // the first is still in flight on a slow datastore
        s.answered("ds-1"); // the answer of the first
        assertThat(s.readSince(1500)).isFalse();
        assertThat(s.readSince(500)).isTrue();
    }
}
