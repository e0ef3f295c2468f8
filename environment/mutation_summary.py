#!/usr/bin/env python3
"""Mutation score per package from PIT's mutations.xml (environment/kit mutation).

Detected = KILLED, TIMED_OUT, MEMORY_ERROR or RUN_ERROR (PIT's own definition of the score); the score counts
every mutant, NO_COVERAGE ones included. Usage: mutation_summary.py build/mutation/mutations.xml [--survivors]
"""
import collections
import sys
import xml.etree.ElementTree as ET

DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def main(path, survivors=False):
    per = collections.defaultdict(collections.Counter)
    left = []
    for m in ET.parse(path).getroot().iter("mutation"):
        cls = m.findtext("mutatedClass")
        pkg = cls.rsplit(".", 1)[0]
        status = m.get("status")
        per[pkg][status] += 1
        if status not in DETECTED:
            left.append((cls, m.findtext("lineNumber"), m.findtext("mutatedMethod"), m.findtext("description"), status))
    total = collections.Counter()
    print(f"{'package':28} {'mutants':>8} {'killed':>7} {'survived':>9} {'no cover':>9} {'score':>7}")
    for pkg in sorted(per):
        c = per[pkg]
        total.update(c)
        row(pkg, c)
    row("all", total)
    if survivors:
        for s in sorted(left):
            print("  ".join(s))


def row(name, c):
    n = sum(c.values())
    det = sum(c[s] for s in DETECTED)
    print(f"{name:28} {n:8d} {det:7d} {c['SURVIVED']:9d} {c['NO_COVERAGE']:9d} {100.0 * det / max(n, 1):6.1f}%")


if __name__ == "__main__":
    main(sys.argv[1], "--survivors" in sys.argv[2:])
