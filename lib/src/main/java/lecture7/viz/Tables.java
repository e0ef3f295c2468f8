package lecture7.viz;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tablesaw tables as notebooks show them ({@code lecture7.viz.Show.table} displays both): {@link #html}, numbers
 * right-aligned and headers that wrap so ten columns fit the notebook's width, and {@link #text}, a plain-text
 * fallback whose columns are split into blocks no wider than {@link #TEXT_WIDTH} characters.
 */
public final class Tables {
    private Tables() {}

    /** Width of the plain-text fallback, in characters (a notebook's output area). */
    public static final int TEXT_WIDTH = 100;

    /** Unformatted doubles (Tablesaw prints every digit): shown with 4 significant digits. */
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{7,}(E-?\\d+)?");

    /** Prints every double column of {@code table} with {@code decimals} digits after the point; returns it. */
    public static Table decimals(Table table, int decimals) {
        if (decimals < 0 || decimals > 16) throw new IllegalArgumentException("decimals must be in 0..16, got " + decimals);
        var format = new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (var column : table.columns())
            if (column instanceof DoubleColumn d) d.setPrintFormatter(new NumberColumnFormatter(format));
        return table;
    }

    /** The cell as printed: the column's print format, or 4 significant digits for an unformatted double. */
    static String cell(Column<?> column, int row) {
        String s = column.getString(row);
        if ((column instanceof DoubleColumn || column instanceof FloatColumn) && LONG_DECIMAL.matcher(s).matches()) {
            double v = ((NumericColumn<?>) column).getDouble(row);
            s = String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? "%.4g" : "%.3e", v);
        }
        return s;
    }

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.(\\d{1,6}))?");

    /**
     * The column's cells as printed ({@link #cell}), and in a double column whose cells are all plain decimals the
     * same number of digits after the point in every row (0.4 next to 0.36 reads 0.40), so that the points line up.
     */
    static String[] cells(Column<?> column) {
        String[] out = new String[column.size()];
        int decimals = 0;
        boolean plain = column instanceof DoubleColumn || column instanceof FloatColumn;
        for (int r = 0; r < out.length; r++) {
            out[r] = cell(column, r);
            var m = PLAIN_DECIMAL.matcher(out[r]);
            if (m.matches()) decimals = Math.max(decimals, m.group(2) == null ? 0 : m.group(2).length());
            else if (!out[r].isEmpty() && !out[r].equals("NaN")) plain = false;
        }
        if (!plain || decimals == 0) return out;
        for (int r = 0; r < out.length; r++) {
            var m = PLAIN_DECIMAL.matcher(out[r]);
            if (!m.matches()) continue;
            int have = m.group(2) == null ? 0 : m.group(2).length();
            out[r] = out[r] + (have == 0 ? "." : "") + "0".repeat(decimals - have);
        }
        return out;
    }

    private static boolean numeric(Column<?> c) {
        return c instanceof NumericColumn<?>;
    }

    /**
     * An HTML {@code <table>}: the table's name as caption, column names as headers (they may wrap), numeric
     * columns right-aligned in tabular figures, no cell wrapping; inside a box that scrolls sideways if the page is
     * narrower still.
     */
    public static String html(Table table) {
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"kit-table\" style=\"overflow-x:auto;max-width:100%\">\n");
        b.append("<table style=\"border-collapse:collapse;font-size:0.9em;font-variant-numeric:tabular-nums;margin:0.3em 0\">\n");
        if (table.name() != null && !table.name().isBlank())
            b.append("<caption style=\"caption-side:top;text-align:left;font-weight:bold;padding:0.2em 0\">")
                    .append(escape(table.name())).append("</caption>\n");
        b.append("<thead><tr>");
        for (Column<?> c : table.columns())
            b.append("<th style=\"text-align:").append(numeric(c) ? "right" : "left")
                    .append(";vertical-align:bottom;max-width:9em;white-space:normal;padding:0.2em 0.5em;border-bottom:1px solid #888\">")
                    .append(escape(c.name())).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        String[][] shown = new String[table.columnCount()][];
        for (int j = 0; j < shown.length; j++) shown[j] = cells(table.column(j));
        for (int r = 0; r < table.rowCount(); r++) {
            b.append("<tr>");
            for (int j = 0; j < shown.length; j++)
                b.append("<td style=\"text-align:").append(numeric(table.column(j)) ? "right" : "left")
                        .append(";white-space:nowrap;padding:0.15em 0.5em\">").append(escape(shown[j][r])).append("</td>");
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>");
        return b.toString();
    }

    /**
     * Plain text: the name, then the columns in blocks no wider than {@code width} characters (the first column
     * repeated in every block), numbers right-aligned.
     */
    public static String text(Table table, int width) {
        if (width < 20) throw new IllegalArgumentException("width must be at least 20 characters, got " + width);
        int nc = table.columnCount(), nr = table.rowCount();
        String[][] cells = new String[nc][nr];
        int[] w = new int[nc];
        for (int j = 0; j < nc; j++) {
            Column<?> c = table.column(j);
            w[j] = c.name().length();
            cells[j] = cells(c);
            for (int r = 0; r < nr; r++) w[j] = Math.max(w[j], cells[j][r].length());
        }
        List<List<Integer>> blocks = new ArrayList<>();
        if (nc > 0) {
            List<Integer> cur = new ArrayList<>(List.of(0));
            int used = w[0];
            for (int j = 1; j < nc; j++) {
                if (used + 2 + w[j] > width && cur.size() > 1) {
                    blocks.add(cur);
                    cur = new ArrayList<>(List.of(0));
                    used = w[0];
                }
                cur.add(j);
                used += 2 + w[j];
            }
            blocks.add(cur);
        }
        StringBuilder s = new StringBuilder();
        if (table.name() != null && !table.name().isBlank()) s.append(table.name()).append('\n');
        for (int k = 0; k < blocks.size(); k++) {
            if (k > 0) s.append('\n');
            List<Integer> cols = blocks.get(k);
            StringBuilder head = new StringBuilder(), rule = new StringBuilder();
            for (int i = 0; i < cols.size(); i++) {
                int j = cols.get(i);
                if (i > 0) { head.append("  "); rule.append("  "); }
                head.append(pad(table.column(j).name(), w[j], numeric(table.column(j))));
                rule.append("-".repeat(w[j]));
            }
            s.append(head.toString().stripTrailing()).append('\n').append(rule).append('\n');
            for (int r = 0; r < nr; r++) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < cols.size(); i++) {
                    int j = cols.get(i);
                    if (i > 0) line.append("  ");
                    line.append(pad(cells[j][r], w[j], numeric(table.column(j))));
                }
                s.append(line.toString().stripTrailing()).append('\n');
            }
        }
        return s.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }

    /** {@code s} with {@code & < > "} escaped for HTML. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
