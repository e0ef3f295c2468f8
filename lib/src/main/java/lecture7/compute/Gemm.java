package lecture7.compute;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.*;

/**
 * C = α op(A) op(B) + β C on row-major ND4J arrays, calling the OpenBLAS that ND4J's CPU backend itself
 * loads ({@code cblas_sgemm}/{@code cblas_dgemm}) on the arrays' memory. {@code Nd4j.gemm} reaches the same
 * routine through the {@code Mmul} op, which copies row-major operands (and strided views) first: for the VAE's
 * shapes that costs 15–25 % per call (measured on the bench machine), and for blocks of a Gram matrix a copy of
 * each block. Here a block of a bigger matrix (row stride ≥ its width, unit column stride) is passed as is,
 * with its row stride as the leading dimension. Other layouts fall back to {@code Nd4j.gemm}.
 *
 * <p>Used by the VAE's hand-written passes, the permutation test and the Gram matrices.
 */
public final class Gemm {
    private Gemm() {}

    /** C = α op(A) op(B) + β C; shapes are checked (an internal error names them). */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        if (!rowMajor(a) || !rowMajor(b) || !rowMajor(c) || a.dataType() != c.dataType() || b.dataType() != c.dataType()) {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
            return;
        }
        int m = (int) (transA ? a.columns() : a.rows()), k = (int) (transA ? a.rows() : a.columns());
        int n = (int) (transB ? b.rows() : b.columns());
        int kb = (int) (transB ? b.columns() : b.rows());
        if (kb != k || c.rows() != m || c.columns() != n)
            throw new IllegalStateException("internal: gemm shapes " + java.util.Arrays.toString(a.shape()) + (transA ? "ᵀ" : "")
                    + " · " + java.util.Arrays.toString(b.shape()) + (transB ? "ᵀ" : "") + " → " + java.util.Arrays.toString(c.shape()));
        int ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans;
        int lda = (int) a.stride(0), ldb = (int) b.stride(0), ldc = (int) c.stride(0);
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, fp(a), lda, fp(b), ldb, (float) beta, fp(c), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, dp(a), lda, dp(b), ldb, beta, dp(c), ldc);
        }
    }

    /** True when {@link #gemm} can hand x to BLAS as it is (no copy). */
    public static boolean isRowMajor(INDArray x) {
        return rowMajor(x);
    }

    /** Rank 2, 'c' order, unit column stride, row stride ≥ the row length (a whole matrix or a block of one). */
    private static boolean rowMajor(INDArray x) {
        return x.rank() == 2 && x.ordering() == 'c' && x.stride(1) == 1 && x.stride(0) >= Math.max(1, x.columns())
                && x.stride(0) <= Integer.MAX_VALUE && (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE);
    }

    // A view's data() is already shifted to its first element (unlike its NIO buffer, see OffHeap).
    private static FloatPointer fp(INDArray x) {
        return new FloatPointer(x.data().addressPointer());
    }

    private static DoublePointer dp(INDArray x) {
        return new DoublePointer(x.data().addressPointer());
    }
}
