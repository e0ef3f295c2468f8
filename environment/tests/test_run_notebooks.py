"""The checks run_notebooks.py makes on every executed notebook (error outputs, figures, object echoes)."""
import sys
import unittest
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import run_notebooks  # noqa: E402


def notebook(*results, png=True):
    nb = nbformat.v4.new_notebook()
    outs = [nbformat.v4.new_output("execute_result", data={"text/plain": r}, execution_count=1) for r in results]
    if png:
        outs.append(nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="}))
    cell = nbformat.v4.new_code_cell("x", outputs=outs)
    nb.cells.append(cell)
    return nb


class CheckOutputsTest(unittest.TestCase):
    def test_an_object_echo_fails_and_names_the_cell(self):
        with self.assertRaises(SystemExit) as e:
            run_notebooks.check_outputs(notebook("java.io.PrintStream@5c879f46"), Path("05-disentanglement.ipynb"))
        self.assertIn("cell 0", str(e.exception))
        self.assertIn("java.io.PrintStream@5c879f46", str(e.exception))
        with self.assertRaises(SystemExit):
            run_notebooks.check_outputs(notebook("REPL.$JShell$12$Foo@1b2c3d4"), Path("02-vae.ipynb"))

    def test_values_worth_showing_pass(self):
        for shown in ("3.14", "[1, 2, 3]", "VaeConfig[inputDim=784, hidden=512]", "a@b.c wrote 12 lines", "true"):
            self.assertEqual(1, run_notebooks.check_outputs(notebook(shown), Path("02-vae.ipynb")), shown)

    def test_a_lecture_notebook_without_a_figure_fails(self):
        with self.assertRaises(SystemExit):
            run_notebooks.check_outputs(notebook("1", png=False), Path("02-vae.ipynb"))
        self.assertEqual(0, run_notebooks.check_outputs(notebook("1", png=False), Path("E1-elbo.ipynb")))


class PeakMemoryTest(unittest.TestCase):
    """The peak resident set of a notebook's kernel, read from /proc and kept in OUT/logs/peaks.json."""

    def test_reads_vmhwm_of_a_process(self):
        import os
        import subprocess
        import tempfile
        fake = tempfile.TemporaryDirectory()
        self.addCleanup(fake.cleanup)
        (Path(fake.name) / "42").mkdir()
        (Path(fake.name) / "42" / "status").write_text("Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t 1572864 kB\n")
        self.assertEqual(1536.0, run_notebooks.peak_rss_mib(42, proc=fake.name))
        self.assertIsNone(run_notebooks.peak_rss_mib(43, proc=fake.name))
        self.assertIsNone(run_notebooks.peak_rss_mib(None))
        if Path("/proc/self/status").exists():   # a live process: a child that touches ~64 MiB has a peak above it
            child = subprocess.Popen([sys.executable, "-c", "b = bytearray(64 << 20); import sys; sys.stdin.read()"],
                                     stdin=subprocess.PIPE)
            try:
                import time
                time.sleep(1.0)
                self.assertGreater(run_notebooks.peak_rss_mib(child.pid), 64)
            finally:
                child.communicate(b"")
            self.assertTrue(os.path.exists("/proc/self/status"))

    def test_peaks_file_keeps_each_notebooks_last_run(self):
        import json
        import tempfile
        out = tempfile.TemporaryDirectory()
        self.addCleanup(out.cleanup)
        run_notebooks.record_peak(out.name, "02-vae", 900.5, 40.0)
        run_notebooks.record_peak(out.name, "04-mmd-vae", 1200.0, 90.0)
        path = run_notebooks.record_peak(out.name, "02-vae", 950.0, 41.0)
        peaks = json.loads(path.read_text())
        self.assertEqual(set(peaks), {"02-vae", "04-mmd-vae"})
        self.assertEqual(peaks["02-vae"]["peak_rss_mib"], 950.0)
        self.assertIn(peaks["02-vae"]["mode"], ("fast", "full"))


if __name__ == "__main__":
    unittest.main()
