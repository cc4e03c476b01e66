package io.openfdm.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned plain-text table: a header row, then data rows, every column padded to its widest
 * cell and separated by two spaces. Trailing spaces are never printed. Columns whose header is
 * listed in {@link #rightAligned(String...)} (numbers) are padded on the left.
 *
 * <pre>
 * HOST    STATE              VMS
 * host-1  master               3
 * host-2  connectedToMaster   12
 * </pre>
 *
 * A {@code null} cell prints as {@code -}. A table with no rows prints its header and the
 * {@link #emptyText} line, if set.
 */
public final class Table {
    private static final String GAP = "  ";
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();
    private String emptyText;

    /** A table with these column headers (printed as given). */
    public Table(String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = List.of(headers);
        this.right = new boolean[headers.length];
    }

    /** Pads these columns on the left, for numbers. @throws IllegalArgumentException for an unknown header */
    public Table rightAligned(String... columns) {
        for (String c : columns) {
            int i = headers.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + c + " in " + headers);
            }
            right[i] = true;
        }
        return this;
    }

    /** The line printed under the header when there are no rows (e.g. {@code (no VMs)}). */
    public Table emptyText(String text) {
        this.emptyText = text;
        return this;
    }

    /**
     * Adds a row; cells are converted with {@link String#valueOf(Object)}.
     *
     * @throws IllegalArgumentException if the number of cells differs from the number of columns
     */
    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has "
                    + headers.size() + " columns: " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(c == null ? "-" : String.valueOf(c));
        }
        rows.add(row);
        return this;
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /** Prints the table, one line per row, header first. */
    public void print(PrintWriter out) {
        out.print(render());
        out.flush();
    }

    /** The table as text, each line ending with {@code \n}. */
    public String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        for (List<String> row : rows) {
            line(sb, row, width);
        }
        if (rows.isEmpty() && emptyText != null) {
            sb.append(emptyText).append('\n');
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(GAP);
            }
            String cell = cells.get(i);
            String pad = " ".repeat(width[i] - cell.length());
            line.append(right[i] ? pad + cell : cell + pad);
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        sb.append(line, 0, end).append('\n');
    }
}
