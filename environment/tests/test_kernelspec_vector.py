"""The kernel JVM gets the vector module (issue 16: the kernelspec losing --add-modules survived every test)."""
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import kernelspec  # noqa: E402


class KernelVectorModuleTest(unittest.TestCase):
    def test_kernel_jvm_adds_the_vector_module(self):
        with tempfile.TemporaryDirectory() as tmp:
            kjar = Path(tmp) / "rjk.jar"
            kjar.write_bytes(b"PK")
            argv = kernelspec.kernel_json("/proj", kjar, [], threads=1)["argv"]
        # either spelling of the flag: "--add-modules=jdk.incubator.vector" or "--add-modules", "jdk.incubator.vector"
        pairs = [a + "=" + b for a, b in zip(argv, argv[1:])]
        self.assertTrue("--add-modules=jdk.incubator.vector" in argv + pairs,
                        "the kernel JVM must be started with --add-modules jdk.incubator.vector (SIMD loops): " + str(argv))
        # a JVM flag, so before the jar or main class
        flag = next(i for i, a in enumerate(argv) if a.startswith("--add-modules"))
        self.assertLess(flag, len(argv) - 2)


if __name__ == "__main__":
    unittest.main()
