package lecture7.viz;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Small helpers for Tablesaw tables shown in notebooks. */
public final class Tables {
    private Tables() {}

    /** Prints every double column of {@code table} with {@code decimals} digits after the point; returns it. */
    public static Table decimals(Table table, int decimals) {
        if (decimals < 0 || decimals > 16) throw new IllegalArgumentException("decimals must be in 0..16, got " + decimals);
        var format = new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (var column : table.columns())
            if (column instanceof DoubleColumn d) d.setPrintFormatter(new NumberColumnFormatter(format));
        return table;
    }
}
