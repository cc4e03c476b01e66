package io.openfdm.bench.report;

import io.openfdm.cli.output.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark figures: titled sections, each a table plus note lines, printed as aligned text
 * (fdm-cli's {@link Table}) for the terminal and as Markdown for docs/benchmarks.md.
 */
public final class Report {
    /** One titled table. */
    public static final class Section {
        private final String title;
        private final List<String> headers;
        private final List<String> rightAligned = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Section(String title, List<String> headers) {
            this.title = title;
            this.headers = List.copyOf(headers);
        }

        /** Pads these columns on the left (numbers). */
        public Section rightAligned(String... columns) {
            rightAligned.addAll(List.of(columns));
            return this;
        }

        /** @throws IllegalArgumentException if the number of cells differs from the number of columns */
        public Section row(Object... cells) {
            if (cells.length != headers.size()) {
                throw new IllegalArgumentException("row has " + cells.length + " cells, " + title + " has "
                        + headers.size() + " columns");
            }
            List<String> row = new ArrayList<>();
            for (Object c : cells) {
                row.add(c == null ? "-" : String.valueOf(c));
            }
            rows.add(row);
            return this;
        }

        /** A line printed under the table. */
        public Section note(String line) {
            notes.add(line);
            return this;
        }

        String text() {
            Table t = new Table(headers.toArray(String[]::new)).emptyText("(no results)");
            t.rightAligned(rightAligned.toArray(String[]::new));
            rows.forEach(r -> t.row(r.toArray()));
            StringBuilder sb = new StringBuilder(title).append('\n').append(t.render());
            notes.forEach(n -> sb.append("  ").append(n).append('\n'));
            return sb.toString();
        }

        String markdown() {
            StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
            sb.append("| ").append(String.join(" | ", headers)).append(" |\n|");
            for (String h : headers) {
                sb.append(rightAligned.contains(h) ? "---:|" : "---|");
            }
            sb.append('\n');
            for (List<String> r : rows) {
                sb.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
            if (!notes.isEmpty()) {
                sb.append('\n');
                notes.forEach(n -> sb.append(n).append("\n\n"));
            }
            return sb.append('\n').toString();
        }
    }

    private final List<String> preamble = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    /** A line printed before every section (machine, command). */
    public Report line(String text) {
        preamble.add(text);
        return this;
    }

    /** Adds a section with these column headers. */
    public Section section(String title, String... headers) {
        Section s = new Section(title, List.of(headers));
        sections.add(s);
        return s;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        preamble.forEach(l -> sb.append(l).append('\n'));
        for (Section s : sections) {
            sb.append('\n').append(s.text());
        }
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        preamble.forEach(l -> sb.append("    ").append(l).append('\n'));
        sb.append('\n');
        sections.forEach(s -> sb.append(s.markdown()));
        return sb.toString();
    }
}
