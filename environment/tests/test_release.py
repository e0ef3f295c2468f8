"""The student release (environment/release.py, `environment/kit release student`) holds no solution line and no
hidden value in any file, nor in its zip, and has what a student needs. Builds the release into a temporary
folder (no Maven, no kernel: a second or two)."""
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

ENV = Path(__file__).resolve().parents[1]
ROOT = ENV.parent
sys.path.insert(0, str(ENV))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import release  # noqa: E402
from test_grade import hidden_strings, solution_lines  # noqa: E402


def public_lines():
    """Lines of the kit's own files a student gets anyway (library, scripts): a solution line equal to one of them
    (`for (int i = 0; i < h.length; i++) {`) is no secret."""
    lines = set()
    for rel in release.tracked_files():
        if rel.endswith(".ipynb") or release.instructor_only(rel):
            continue
        lines |= {l.strip() for l in (ROOT / rel).read_bytes().decode("utf-8", "replace").splitlines()}
    return lines


def secrets():
    """(what, text) pairs that must appear nowhere in a release."""
    out = []
    public = public_lines()
    sources = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) + \
        sorted((ROOT / "notebooks" / "exercises").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "homework").glob("*.ipynb"))
    for src in sources:
        out += [(f"solution line of {src.name}", line) for line in solution_lines(src) if line not in public]
    for hid in ("H1", "H2"):
        out += [(f"hidden value of {hid}", s) for s in hidden_strings(hid)]
    return out


class StudentReleaseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="kit-release-test-")
        cls.dest, cls.zip, _ = release.build(Path(cls.tmp.name))
        cls.secrets = secrets()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_scan_finds_something_to_look_for(self):
        self.assertGreater(sum(1 for w, _ in self.secrets if w.startswith("solution")), 40)
        self.assertGreater(sum(1 for w, _ in self.secrets if w.startswith("hidden")), 20)

    def test_no_file_holds_a_solution_line_or_a_hidden_value(self):
        files = [p for p in self.dest.rglob("*") if p.is_file()]
        self.assertGreater(len(files), 50)
        for p in files:
            text = p.read_bytes().decode("utf-8", "replace")
            for what, s in self.secrets:
                self.assertFalse(s in text, f"{p.relative_to(self.dest)} holds a {what}: {s[:60]}")

    def test_the_zip_holds_the_same_files_and_nothing_secret(self):
        with zipfile.ZipFile(self.zip) as z:
            names = sorted(n for n in z.namelist() if not n.endswith("/"))
            self.assertEqual(names, sorted("student/" + str(p.relative_to(self.dest))
                                           for p in self.dest.rglob("*") if p.is_file()))
            for n in names:
                text = z.read(n).decode("utf-8", "replace")
                for what, s in self.secrets:
                    self.assertFalse(s in text, f"{n} in the zip holds a {what}")

    def test_what_a_student_needs_is_there_and_the_instructors_is_not(self):
        for rel in ("environment/kit", "environment/install.sh", "environment/run_notebooks.py", "pom.xml",
                    "lib/pom.xml", ".ci/run", "notebooks/homework/H1-linear-time-mmd.ipynb",
                    "notebooks/exercises/E1-elbo.ipynb", "notebooks/02-vae.ipynb"):
            self.assertTrue((self.dest / rel).is_file(), rel)
        for rel in release.INSTRUCTOR_ONLY:
            self.assertFalse((self.dest / rel).exists(), rel)
        self.assertEqual((self.dest / "environment" / "edition").read_text().strip(), "student")
        readme = (self.dest / "README.md").read_text()
        self.assertIn("environment/kit run", readme)
        self.assertIn("environment/kit test", readme)
        self.assertIn("environment/kit lab", readme)
        import os
        self.assertTrue(os.access(self.dest / "environment" / "kit", os.X_OK))
        hw = (self.dest / "notebooks" / "homework" / "H1-linear-time-mmd.ipynb").read_text()
        self.assertIn('"edition": "student"', hw)
        self.assertIn("YOUR CODE HERE", hw)


if __name__ == "__main__":
    unittest.main()
