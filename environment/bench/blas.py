"""What the PyTorch peers report about their BLAS (environment/bench.sh sets OPENBLAS_NUM_THREADS per run)."""
import os


def blas_threads():
    """Threads of PyTorch's BLAS (OpenBLAS reads OPENBLAS_NUM_THREADS, else OMP_NUM_THREADS, when it loads); None: its default."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        v = os.environ.get(var, "").split(",")[0].strip()
        if v.isdigit():
            return int(v)
    return None
