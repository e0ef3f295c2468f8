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


if __name__ == "__main__":
    unittest.main()
