package io.openfdm.sim.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertThat(LineDiff.unified("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void nearbyChangesShareOneHunk() {
        String expected = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String actual = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n";
        assertThat(LineDiff.unified("log.expect", expected, "run", actual)).isEqualTo("""
                --- log.expect
                +++ run
                @@ -2,9 +2,10 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                 9
                 10
                +11
                """);
    }

    @Test
    void distantChangesGetTheirOwnHunks() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append(i).append('\n');
        }
        String expected = a.toString();
        String actual = expected.replace("\n3\n", "\nthree\n").replace("\n18\n", "\n");
        assertThat(LineDiff.unified("e", expected, "a", actual)).isEqualTo("""
                --- e
                +++ a
                @@ -1,6 +1,6 @@
                 1
                 2
                -3
                +three
                 4
                 5
                 6
                @@ -15,6 +15,5 @@
                 15
                 16
                 17
                -18
                 19
                 20
                """);
    }
}
