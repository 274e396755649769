package dev.skeleton.storage.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text cells laid out in aligned columns, for output meant to be read: every column but
 * the last is padded to its widest cell plus two blanks; a column of empty cells takes no room; no
 * line ends in blanks.
 */
final class Columns {

    private static final String GAP = "  ";

    private Columns() {
    }

    /**
     * Aligns rows.
     *
     * @param rows the rows; every row has the same number of cells, none null
     * @return one line per row
     */
    static List<String> align(List<String[]> rows) {
        int[] widths = new int[rows.isEmpty() ? 0 : rows.get(0).length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                line.append(row[column]);
                if (column < row.length - 1 && widths[column] > 0) {
                    line.append(" ".repeat(widths[column] - row[column].length())).append(GAP);
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
