package lecture7.notebook;

import lecture7.vae.LatentTracker.Record;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SwitchOnOrderTest {
    static final String[] FACTORS = {"scale", "posX", "posY"};

    /** MI [factor][latent] at the end; KLs per record. */
    static List<Record> run(double[][] klByStep, double[][] finalMi) {
        List<Record> r = new java.util.ArrayList<>();
        for (int s = 0; s < klByStep.length; s++)
            r.add(new Record(100L * s, klByStep[s], s == klByStep.length - 1 ? finalMi : new double[3][klByStep[s].length], Double.NaN));
        return r;
    }

    @Test
    void latentsInTheOrderTheySwitchedOnEachWithItsFactor() {
        // z2 on at step 100 (posX), z0 at 200 (posY), z1 never above 0.5
        double[][] kl = {{0, 0, 0}, {0.1, 0.2, 0.9}, {0.7, 0.3, 2.0}, {1.1, 0.4, 2.5}};
        double[][] mi = {{0.1, 0.0, 0.2}, {0.3, 0.1, 1.5}, {0.9, 0.0, 0.1}};
        SwitchOnOrder o = SwitchOnOrder.of("annealed", run(kl, mi), FACTORS, 0.5);
        assertEquals(2, o.latents().size());
        assertEquals(new SwitchOnOrder.Latent(2, 100, "posX", 1.5), o.latents().get(0));
        assertEquals(new SwitchOnOrder.Latent(0, 200, "posY", 0.9), o.latents().get(1));
        assertTrue(o.oneFactorEach());
        assertTrue(o.toString().contains("z2 (posX, 1.50 nats) at step 100; z0 (posY, 0.90 nats) at step 200"), o.toString());
        assertTrue(o.toString().contains("(KL > 0.5 nats)"), o.toString());
        assertTrue(o.toString().contains("one factor each"), o.toString());
    }

    @Test
    void twoLatentsForOneFactorOrNoneAreSaidSo() {
        double[][] kl = {{0, 0}, {0.8, 0.9}};
        double[][] same = {{0, 0}, {1.0, 0.8}, {0.1, 0.2}};    // both know posX best
        SwitchOnOrder o = SwitchOnOrder.of("capacity", run(kl, same), FACTORS, 0.5);
        assertEquals(1, o.factors().size());
        assertFalse(o.oneFactorEach());
        assertEquals(1, o.latents().get(0).index(), "same step: the larger final KL first");
        assertTrue(o.toString().contains("not one factor per latent"), o.toString());
        SwitchOnOrder none = SwitchOnOrder.of("flat", run(new double[][]{{0, 0}, {0.1, 0.2}}, same), FACTORS, 0.5);
        assertTrue(none.latents().isEmpty());
        assertTrue(none.toString().contains("in this order: none"), none.toString());
        assertThrows(IllegalArgumentException.class, () -> SwitchOnOrder.of("x", List.of(new Record(0, new double[]{1}, null, 0)), FACTORS, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SwitchOnOrder.of("x", run(kl, same), new String[]{"a"}, 0.5));
    }
}
