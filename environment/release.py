#!/usr/bin/env python3
"""The student release (`environment/kit release student`): a folder, and a zip of it, to hand to students or
push as the course repository.

build/release/student/ holds the kit's files as committed (git ls-files), with
  notebooks/NN-*.ipynb, notebooks/exercises/, notebooks/homework/   as their student editions (editions.py);
  README.md                                                        a README for students;
  environment/edition                                              "student" (the site builds that edition only)
and without what is the instructor's: the grader and its hidden tests (environment/grade.py, environment/grading/),
the reference values of the checks (environment/reference/), this script, the tests of the grader and of the
instructor's sources, and the test of the checks' mistake catalogue (it writes every part's answer in two correct forms). build/release/student.zip holds the same files under student/ (fixed timestamps, so
the same sources give the same zip). environment/tests/test_release.py scans every file of both for every
solution line and hidden value.

usage: release.py student [--out build/release]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import editions  # noqa: E402
import nbfmt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
INSTRUCTOR_ONLY = ("environment/grade.py", "environment/grading/", "environment/authoring/", "environment/reference/",
                   "environment/release.py", "environment/tests/test_grade.py", "environment/tests/test_release.py",
                   "environment/tests/test_notebook_sources.py",   # (about the sources with solutions and their reference values)
                   "lib/src/test/java/lecture7/notebook/MistakesTest.java")   # (writes every part's correct answer in two forms)
EDITION_DIRS = ("notebooks/exercises/", "notebooks/homework/")

README = """# Lecture 7: deep generative models — the Java notebooks (student edition)

The ELBO, variational autoencoders, comparing distributions with MMD, MMD-VAE and disentanglement, computed by
a small Java 17 library on ND4J, in Jupyter notebooks with a Java kernel.

## Set up: two commands

```bash
environment/kit run    # installs what is missing, executes every notebook, writes build/site/index.html
environment/kit test   # unit tests + every notebook executed headless in fast mode
```

Then `environment/kit lab` opens Jupyter on `notebooks/` with the kernel "Java 17 + ND4J (Lecture 7 kit)".
`run` installs, where missing, Java 17, Maven and Jupyter (Debian packages), fetches MNIST and builds the library;
a second run skips what is already in place. Without apt (macOS, Windows, other Linux), install a JDK 17+,
Maven and Jupyter yourself, then run the same two commands.

## What is here

- `notebooks/00-…05-*.ipynb`: the lecture notebooks, in lecture order.
- `notebooks/exercises/`: exercise sheets. Fill the cells marked `// YOUR CODE HERE`; the check under each cell
  says whether your answer is right and, if not, what to look at ("not answered yet" until you write it).
- `notebooks/homework/`: the graded homework. The checks in the notebook give you feedback while you work; the
  points come from the instructor's own tests of the same questions on other inputs. Hand in the notebook as
  your instructor tells you, with the cells in place (the given cells are restored when it is graded).
- `lib/`: the Java library the notebooks call (`lecture7.*`), with its tests.

Other commands: `environment/kit help`.
"""


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return sorted(p for p in out.decode().split("\0") if p and (ROOT / p).is_file())


def instructor_only(rel):
    return rel.startswith(INSTRUCTOR_ONLY)


def is_notebook_with_editions(rel):
    return rel.endswith(".ipynb") and (rel.startswith(EDITION_DIRS) or (rel.startswith("notebooks/") and rel.count("/") == 1))


def build(out_dir):
    dest = Path(out_dir) / "student"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    n_nb = 0
    for rel in tracked_files():
        if instructor_only(rel):
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if is_notebook_with_editions(rel):
            nb = json.loads((ROOT / rel).read_text(encoding="utf-8"))
            student = editions.edition_of(nb, "student", rel)
            target.write_text(nbfmt.dumps(nbfmt.normalise(student)), encoding="utf-8")
            n_nb += 1
        elif rel == "README.md":
            target.write_text(README, encoding="utf-8")
        else:
            shutil.copy2(ROOT / rel, target)
    (dest / "environment" / "edition").write_text("student\n", encoding="utf-8")
    zpath = Path(out_dir) / "student.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(dest.rglob("*")):
            if p.is_file():
                info = zipfile.ZipInfo(str(Path("student") / p.relative_to(dest)), date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = (p.stat().st_mode & 0o777 | 0o100000) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, p.read_bytes())
    return dest, zpath, n_nb


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edition", choices=["student"])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "release")
    args = ap.parse_args(argv)
    dest, zpath, n_nb = build(args.out)
    files = sum(1 for p in dest.rglob("*") if p.is_file())
    print(f"\033[1m[kit]\033[0m student release: {dest} ({files} files, {n_nb} notebooks as student editions) "
          f"and {zpath} ({os.path.getsize(zpath) // 1024} KiB); in it: environment/kit run, environment/kit test, "
          "environment/kit lab")
    return 0


if __name__ == "__main__":
    sys.exit(main())
