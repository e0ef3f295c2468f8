package lecture7.bench;

import lecture7.kernel.Gram;
import lecture7.kernel.Rbf;
import lecture7.mmd.Mmd;
import lecture7.mmd.PermutationTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark beside its PyTorch peer {@code environment/bench/mmd_torch.py}, both on the SAME input file (so that they
 * time the same work and must report the same numbers; environment/bench.sh checks that they do):
 * MMD²_V of two samples of n points in d dimensions (RBF γ = 1/d, float32 kernels, double sums), and the permutation
 * test on the first perm-n points of each, with the file's B permutations evaluated as one matrix product on the
 * joint Gram matrix (computed once, untimed, as the peer does); p = (1 + #{null ≥ observed}) / (1 + B).
 * <pre>
 * usage: MmdBench --write-input FILE [--n 10000] [--perm-n 2000] [--perms 1000] [--dim 16]
 *        MmdBench --input FILE
 * </pre>
 * The input file (little-endian): int32 n, dim, permN, B; float32 x[n·dim], y[n·dim] (x ~ N(0, I),
 * y ~ N(0, I) + 0.05, java.util.Random(0)); int32 perms[B·2·permN] (PermutationTest.permutations(2·permN, B, 1)).
 * Prints one JSON line last: {@code mmd_v_s, perm_gemm_s, mmd_v, observed, p_value, null_mean}.
 */
public final class MmdBench {
    public static void main(String[] args) throws IOException {
        int n = 10_000, permN = 2000, perms = 1000, dim = 16;
        Path write = null, input = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[i + 1]);
                case "--perm-n" -> permN = Integer.parseInt(args[i + 1]);
                case "--perms" -> perms = Integer.parseInt(args[i + 1]);
                case "--dim" -> dim = Integer.parseInt(args[i + 1]);
                case "--write-input" -> write = Path.of(args[i + 1]);
                case "--input" -> input = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (write != null) {
            writeInput(write, n, dim, permN, perms);
            return;
        }
        if (input == null) throw new IllegalArgumentException("usage: MmdBench --input FILE (written by --write-input FILE)");
        Input in = readInput(input);
        n = in.n;
        dim = in.dim;
        permN = in.permN;
        INDArray x = Nd4j.create(in.x, new long[]{n, dim}, DataType.FLOAT), y = Nd4j.create(in.y, new long[]{n, dim}, DataType.FLOAT);
        Rbf k = Rbf.ofGamma(1.0 / dim);
        Mmd.biased(k, x.get(NDArrayIndex.interval(0, 500), NDArrayIndex.all()), y.get(NDArrayIndex.interval(0, 500), NDArrayIndex.all())); // warm-up

        double best = Double.POSITIVE_INFINITY, mmd = 0;
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            mmd = Mmd.biased(k, x, y);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }

        INDArray xs = x.get(NDArrayIndex.interval(0, permN), NDArrayIndex.all()).dup();
        INDArray ys = y.get(NDArrayIndex.interval(0, permN), NDArrayIndex.all()).dup();
        // as in mmd_torch.py, the joint Gram matrix is computed once and not timed; the permutations are
        INDArray z = Nd4j.vstack(xs, ys), joint = Gram.matrix(k, z, z);
        int[] identity = new int[2 * permN];
        for (int i = 0; i < identity.length; i++) identity[i] = i;
        double observed = PermutationTest.statisticsGemm(joint, permN, new int[][]{identity})[0];
        PermutationTest.statisticsGemm(joint, permN, java.util.Arrays.copyOf(in.perms, 20)); // warm-up
        double bestPerm = Double.POSITIVE_INFINITY;
        double[] nulls = null;
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            nulls = PermutationTest.statisticsGemm(joint, permN, in.perms);
            bestPerm = Math.min(bestPerm, (System.nanoTime() - t0) / 1e9);
        }
        int above = 0;
        double sum = 0;
        for (double s : nulls) {
            if (s >= observed) above++;
            sum += s;
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"mmd_v_s\": %.4f, \"perm_gemm_s\": %.4f, \"mmd_v\": %.10g, \"observed\": %.10g, \"p_value\": %.6g, "
                        + "\"null_mean\": %.10g, \"n\": %d, \"perm_n\": %d, \"perms\": %d, \"dim\": %d, \"tile\": %d}",
                best, bestPerm, mmd, observed, (1.0 + above) / (1.0 + nulls.length), sum / nulls.length, n, permN,
                nulls.length, dim, Gram.TILE));
    }

    record Input(int n, int dim, int permN, float[] x, float[] y, int[][] perms) {}

    static void writeInput(Path file, int n, int dim, int permN, int count) throws IOException {
        if (2 * permN > 2 * n) throw new IllegalArgumentException("perm-n must be ≤ n");
        Random rng = new Random(0);
        float[] x = gaussian(n, dim, 0, rng), y = gaussian(n, dim, 0.05, rng);
        int[][] perms = PermutationTest.permutations(2 * permN, count, 1);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer b = ByteBuffer.allocate(16 + 4 * (x.length + y.length)).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(n).putInt(dim).putInt(permN).putInt(count);
            for (float v : x) b.putFloat(v);
            for (float v : y) b.putFloat(v);
            out.write(b.array());
            ByteBuffer p = ByteBuffer.allocate(4 * 2 * permN).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] perm : perms) {
                p.clear();
                for (int v : perm) p.putInt(v);
                out.write(p.array());
            }
        }
    }

    static Input readInput(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            ByteBuffer h = ByteBuffer.wrap(in.readNBytes(16)).order(ByteOrder.LITTLE_ENDIAN);
            int n = h.getInt(), dim = h.getInt(), permN = h.getInt(), count = h.getInt();
            ByteBuffer b = ByteBuffer.wrap(in.readNBytes(8 * n * dim)).order(ByteOrder.LITTLE_ENDIAN);
            float[] x = new float[n * dim], y = new float[n * dim];
            for (int i = 0; i < x.length; i++) x[i] = b.getFloat();
            for (int i = 0; i < y.length; i++) y[i] = b.getFloat();
            int[][] perms = new int[count][2 * permN];
            for (int[] perm : perms) {
                ByteBuffer p = ByteBuffer.wrap(in.readNBytes(8 * permN)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < perm.length; i++) perm[i] = p.getInt();
            }
            if (in.read() != -1) throw new IOException(file + " is longer than its header says");
            return new Input(n, dim, permN, x, y, perms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark input " + file, e);
        }
    }

    private static float[] gaussian(int n, int d, double shift, Random rng) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() + shift);
        return v;
    }
}
