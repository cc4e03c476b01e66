package io.openfdm.sim.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a scenario file into numbered lines of whitespace-separated words, dropping blank lines
 * and comments ({@code #} to the end of the line).
 */
final class LineReader {
    /** One non-empty line: its 1-based number and its words. */
    record Line(int number, List<String> words) {
        String word(int i) {
            return words.get(i);
        }

        int size() {
            return words.size();
        }
    }

    private LineReader() {
    }

    static List<Line> read(String text) {
        List<Line> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (!line.isEmpty()) {
                out.add(new Line(i + 1, List.of(line.split("\\s+"))));
            }
        }
        return out;
    }
}
