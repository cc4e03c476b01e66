package io.openfdm.cli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {
    @Test
    void padsEveryColumnToItsWidestCellAndTrimsLineEnds() {
        Table t = new Table("HOST", "STATE", "VMS").rightAligned("VMS")
                .row("host-1", "master", 3)
                .row("host-10", "connectedToMaster", 12);

        assertThat(t.render()).isEqualTo(
                "HOST     STATE              VMS\n"
                        + "host-1   master               3\n"
                        + "host-10  connectedToMaster   12\n");
    }

    @Test
    void lastLeftAlignedColumnHasNoTrailingSpaces() {
        String text = new Table("A", "MESSAGE").row("x", "short").row("y", "a longer message").render();

        assertThat(text.lines()).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
        assertThat(text.lines()).containsExactly("A  MESSAGE", "x  short", "y  a longer message");
    }

    @Test
    void nullCellsPrintAsDash() {
        assertThat(new Table("A", "B").row(null, "b").render()).isEqualTo("A  B\n-  b\n");
    }

    @Test
    void emptyTablePrintsHeaderAndEmptyText() {
        Table t = new Table("VM", "HOST").emptyText("(no VMs)");

        assertThat(t.render()).isEqualTo("VM  HOST\n(no VMs)\n");
        assertThat(t.size()).isZero();
    }

    @Test
    void rejectsRowsWithTheWrongNumberOfCells() {
        Table t = new Table("A", "B");

        assertThatThrownBy(() -> t.row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells").hasMessageContaining("2 columns");
    }

    @Test
    void rejectsUnknownRightAlignedColumn() {
        assertThatThrownBy(() -> new Table("A").rightAligned("B")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column B");
    }
}
