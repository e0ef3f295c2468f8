package lecture7.viz;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.*;

class TablesTest {
    private static Table wide() {
        Table t = Table.create("ten columns <of> evidence", StringColumn.create("model", "VAE", "β-VAE β=4"));
        for (int j = 1; j < 10; j++) t.addColumns(DoubleColumn.create("quantity number " + j + " (nats)", 1234.5678 * j, -0.000123456789 * j));
        return t;
    }

    @Test
    void htmlHasCaptionHeadersRightAlignedNumbersAndEscapes() {
        String h = Tables.html(wide());
        assertTrue(h.contains("<caption"), h);
        assertTrue(h.contains("ten columns &lt;of&gt; evidence"), "caption escaped");
        assertEquals(10, h.split("<th ", -1).length - 1, "one header per column");
        assertEquals(20, h.split("<td ", -1).length - 1, "2 rows × 10 cells");
        assertTrue(h.contains("text-align:right;white-space:nowrap;padding:0.15em 0.5em\">1234.5678</td>"), "number right-aligned: " + h);
        assertTrue(h.contains("-1.235e-04"), "small unformatted doubles in scientific notation");
        assertTrue(h.contains("text-align:left;white-space:nowrap;padding:0.15em 0.5em\">β-VAE β=4</td>"), "text left-aligned");
    }

    @Test
    void textFallbackSplitsIntoBlocksThatFitAndRepeatsTheFirstColumn() {
        String s = Tables.text(wide(), 100);
        for (String line : s.split("\n")) assertTrue(line.length() <= 100, "line of " + line.length() + " chars: " + line);
        long headers = s.lines().filter(l -> l.startsWith("model")).count();
        assertTrue(headers >= 2, "split into blocks, each with the model column:\n" + s);
        for (int j = 1; j < 10; j++) assertTrue(s.contains("quantity number " + j + " (nats)"), "column " + j + " present");
        assertEquals(headers * 2, s.lines().filter(l -> l.startsWith("VAE") || l.startsWith("β-VAE")).count(), "every row in every block");
    }

    @Test
    void aColumnShowsTheSameNumberOfDecimalsInEveryRow() {
        Table t = Table.create("t", DoubleColumn.create("kl", 0.4, 0.36, 5.0, Double.NaN), DoubleColumn.create("n", 3.0, 4.0, 5.0, 6.0),
                DoubleColumn.create("mig", 0.1, 0.291, 0.36, 1.0));
        String h = Tables.html(t);
        for (String cell : new String[]{">0.40</td>", ">0.36</td>", ">5.00</td>", ">0.100</td>", ">0.291</td>", ">1.000</td>"})
            assertTrue(h.contains(cell), cell + " in " + h);
        assertTrue(h.contains(">3.0</td>") || h.contains(">3</td>"), h);   // whole numbers stay as Tablesaw prints them
        String text = Tables.text(t, 100);
        assertTrue(text.contains("0.40") && text.contains("5.00") && text.contains("0.100"), text);
    }

    @Test
    void decimalsFormatIsUsed() {
        Table t = Tables.decimals(Table.create("t", DoubleColumn.create("x (nats)", 3.14159265358979)), 2);
        assertTrue(Tables.html(t).contains(">3.14</td>"));
        assertTrue(Tables.text(t, 40).contains("3.14"));
        assertThrows(IllegalArgumentException.class, () -> Tables.text(t, 5));
    }
}
