package io.openfdm.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled values, one per line, values aligned:
 * <pre>
 * host     host-3
 * role     master
 * </pre>
 */
public final class Fields {
    private final List<String[]> lines = new ArrayList<>();

    /** Adds a line; a null value prints as {@code -}. */
    public Fields add(String label, Object value) {
        lines.add(new String[] {label, value == null ? "-" : String.valueOf(value)});
        return this;
    }

    /** The lines, each ending with {@code \n}. */
    public String render() {
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) {
            sb.append(l[0]).append(" ".repeat(width - l[0].length() + 2)).append(l[1]).append('\n');
        }
        return sb.toString();
    }

    public void print(PrintWriter out) {
        out.print(render());
        out.flush();
    }
}
