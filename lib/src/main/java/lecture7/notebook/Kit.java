package lecture7.notebook;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Properties;

/**
 * Where the kit runs: fast mode for CI and the ND4J set-up in one line (the data folder is {@code lecture7.data.DataFolder}).
 *
 * <p>Fast mode ({@code KIT_FAST=1}, set by {@code environment/kit test}) makes notebooks train on subsets
 * so the whole suite stays within minutes; the full mode is what students run.
 */
public final class Kit {
    private Kit() {}

    /** True when {@code KIT_FAST} is set to anything but {@code 0}, {@code false} or empty. */
    public static boolean fast() {
        String v = System.getenv("KIT_FAST");
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** {@code fast ? small : full}: the one switch notebooks use to size data and epochs. */
    public static int pick(int full, int small) {
        return fast() ? small : full;
    }

    /**
     * What the notebook runs on.
     *
     * @param java       Java version
     * @param backend    ND4J backend class (CPU: {@code CpuBackend})
     * @param blas       BLAS library
     * @param ompThreads OpenMP threads ND4J uses ({@code OMP_NUM_THREADS}): the threads of one matrix product
     * @param training   threads a training step uses ({@link lecture7.compute.Parallel}: each its own rows of a batch)
     * @param cores      processors the JVM sees
     * @param fast       fast mode on ({@code KIT_FAST})
     */
    public record Environment(String java, String backend, String blas, int ompThreads, int training, int cores, boolean fast) {
        @Override
        public String toString() {
            return "Java " + java + " | ND4J backend " + backend + " | BLAS " + blas + ", " + threads(ompThreads) + " per product"
                    + " | training on " + threads(training) + " of " + cores + " cores | "
                    + (fast ? "FAST mode (KIT_FAST=1: subsets, few epochs)" : "full mode");
        }

        private static String threads(int t) {
            return t + (t == 1 ? " thread" : " threads");
        }
    }

    /** The running ND4J backend, BLAS and threads (initialises ND4J if needed). */
    public static Environment environment() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        int omp = Nd4j.getEnvironment().maxThreads();
        String blas = env.getProperty("blas.vendor", "BLAS");
        return new Environment(System.getProperty("java.version"), Nd4j.getBackend().getClass().getSimpleName(),
                blas, omp, lecture7.compute.Parallel.threads(), Runtime.getRuntime().availableProcessors(), fast());
    }
}
