package dev.slipway.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns sized to their widest cell, two spaces apart. */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headings) {
        rows.add(headings);
    }

    public Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    public void print(PrintStream out, String indent) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
