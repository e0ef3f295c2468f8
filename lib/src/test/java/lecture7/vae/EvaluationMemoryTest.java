package lecture7.vae;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An evaluation over many images (encode, decode, evaluate, ln p(x) in chunks of up to 1 024 rows) frees its large
 * workspaces when it returns, keeps the small ones and the training batch's, and gives the same numbers as before
 * (a fresh workspace and a reused one compute the same bits).
 */
class EvaluationMemoryTest {
    private static Vae trained() {
        Vae vae = new Vae(VaeTrainingTest.small(1));
        new Trainer(vae, Objective.ANALYTIC_KL, new TrainConfig(1, 64, 1e-3, 2)).fit(VaeTrainingTest.bars(256, 3));
        return vae;
    }

    @Test
    void largeChunkWorkspacesAreFreedAndTheTrainingBatchsAreKept() {
        Vae vae = trained();
        INDArray x = VaeTrainingTest.bars(1500, 4);   // chunks of 1 024 and 476 rows
        assertEquals(Set.of(64), vae.keptWorkspaces());
        vae.encode(x);
        vae.evaluate(x, Objective.ANALYTIC_KL, 5);
        vae.reconstruct(x);
        vae.logLikelihood(VaeTrainingTest.bars(350, 6), 4, 7);   // 1 400 rows of z: chunks of 1 024 and 376
        assertEquals(Set.of(64), vae.keptWorkspaces(), "only the training batch's workspace stays");
        vae.encode(VaeTrainingTest.bars(96, 8));                 // a tracker's few images: kept for the next call
        assertEquals(Set.of(64, 96), vae.keptWorkspaces());
    }

    @Test
    void aChunksWorkspaceIsFreedOnClose() {
        Vae vae = trained();
        Workspace big, small;
        try (Vae.Chunks chunks = vae.new Chunks()) {
            big = chunks.workspace(Vae.KEEP_ROWS + 1);
            small = chunks.workspace(Vae.KEEP_ROWS);
            assertSame(big, chunks.workspace(Vae.KEEP_ROWS + 1), "reused within the call");
            assertFalse(big.o.wasClosed());
        }
        assertTrue(big.o.wasClosed() && big.h1.wasClosed() && big.ones.wasClosed());
        assertFalse(small.o.wasClosed(), "a workspace the VAE keeps is not freed");
        assertSame(small, vae.workspace(Vae.KEEP_ROWS));
    }

    private static float[] bits(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Test
    void aFreshWorkspaceAndAUsedOneGiveTheSameBits() {
        Vae used = trained(), fresh = new Vae(VaeTrainingTest.small(1));
        fresh.copyParamsFrom(used);
        INDArray x = VaeTrainingTest.bars(1500, 4);
        // a gradient pass on 1 024 other rows leaves a kept 1 024-row workspace full of its numbers
        used.computeGradient(VaeTrainingTest.bars(1024, 10), Objective.ANALYTIC_KL, new java.util.Random(11));
        assertTrue(used.keptWorkspaces().contains(1024));
        Loss a = used.evaluate(x, Objective.ANALYTIC_KL, 5), b = fresh.evaluate(x, Objective.ANALYTIC_KL, 5);
        assertEquals(a.total(), b.total(), 0.0);
        assertEquals(a.reconstruction(), b.reconstruction(), 0.0);
        assertTrue(Double.isFinite(a.total()) && a.total() > 0, a.toString());
        assertArrayEquals(bits(used.encode(x).mu()), bits(fresh.encode(x).mu()));
        assertArrayEquals(bits(used.encode(x).logStd()), bits(fresh.encode(x).logStd()));
        INDArray z = used.prior(1500, 9);
        assertArrayEquals(bits(used.decode(z)), bits(fresh.decode(z)));
        assertFalse(fresh.keptWorkspaces().contains(1024));
    }
}
