#!/usr/bin/env python3
"""Writes a class of N H1 submissions, for timing `environment/kit grade` on a course-sized folder (issue 14).

usage: python3 environment/tests/synthetic_class.py N DIR

The mix is what a course hands in, built from the homework's editions the way test_grade.py builds its
adversarial cases: per 100 submissions 80 correct (the instructor edition), 10 untouched student editions,
5 with hard-coded visible values and a forged [grade] line, 2 with an endless loop in (a) and System.exit in (e)
(each costs a cell time-out), 3 unreadable files. Names are student001 … studentNNN, the kinds interleaved.
"""
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_grade  # noqa: E402

MIX = [("correct", 80), ("untouched", 10), ("cheater", 5), ("faults", 2), ("broken_json", 3)]


def main(n, out):
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        test_grade.h1_submissions(Path(tmp))
        sources = {kind: (Path(tmp) / f"{kind}.ipynb").read_text(encoding="utf-8") for kind, _ in MIX}
    # interleave the kinds so that a shard or a parallel worker gets a fair share of the slow ones
    kinds = [kind for kind, per100 in MIX for _ in range(per100)]
    order = sorted(range(100), key=lambda i: (i * 37) % 100)
    for k in range(n):
        kind = kinds[order[k % 100]]
        (out / f"student{k + 1:03d}.ipynb").write_text(sources[kind], encoding="utf-8")
    counts = {}
    for k in range(n):
        counts[kinds[order[k % 100]]] = counts.get(kinds[order[k % 100]], 0) + 1
    print(f"{n} submissions in {out}: " + ", ".join(f"{c} {kind}" for kind, c in counts.items()))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(int(sys.argv[1]), Path(sys.argv[2]))
