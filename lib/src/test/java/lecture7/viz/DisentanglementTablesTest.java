package lecture7.viz;

import lecture7.vae.SeedMedians;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DisentanglementTablesTest {
    @Test
    void mediansTableMarksTheCeilingAndComparesWithTheReference() {
        SeedMedians vae = new SeedMedians("VAE", 5, 9.74, 6.10, 3.36, 0.28, 1.90, true);
        SeedMedians beta = new SeedMedians("β-VAE β=8", 5, 3.72, 3.62, 0.08, 0.03, 20.26, false);
        Table t = DisentanglementTables.medians("Medians over the seeds", List.of(vae, beta), "VAE");
        assertEquals(2, t.rowCount());
        assertEquals(List.of("objective", "seeds", "KL [nats]", "MI [nats]", "TC [nats]", "dim-wise KL [nats]",
                "reconstruction [nats]", "KL vs VAE", "MI vs VAE", "TC vs VAE", "reconstruction vs VAE"), t.columnNames());
        assertEquals("≥ 6.10 (ceiling)", t.stringColumn("MI [nats]").get(0));
        assertEquals("not identifiable", t.stringColumn("TC [nats]").get(0));
        assertEquals("", t.stringColumn("KL vs VAE").get(0), "the reference is not compared with itself");
        assertEquals("3.62", t.stringColumn("MI [nats]").get(1));
        assertEquals("smaller", t.stringColumn("KL vs VAE").get(1));
        assertEquals("below the VAE's lower bound", t.stringColumn("MI vs VAE").get(1));
        assertEquals("not comparable", t.stringColumn("TC vs VAE").get(1));
        assertEquals("worse", t.stringColumn("reconstruction vs VAE").get(1));
        var e = assertThrows(IllegalArgumentException.class, () -> DisentanglementTables.medians("t", List.of(beta), "VAE"));
        assertTrue(e.getMessage().contains("VAE"), e.getMessage());
    }
}
