#!/usr/bin/env python3
"""Grades a folder of homework submissions with the instructor's hidden tests (`environment/kit grade`).

usage: grade.py HOMEWORK DIR [--jobs N] [--shard I/N] [--out OUT] [--cell-timeout S] [--submission-timeout S]
                             [--heap 1g] [--seed N] [--full]
       grade.py --merge HOMEWORK [SHARD_DIR ...] [--out OUT]

DIR holds one notebook per student: DIR/<student>.ipynb or DIR/<student>/<notebook>.ipynb. Each submission runs
in its own fresh kernel in an empty scratch folder: the source's locked cells restored, the student's answer
cells, then the hidden tests (environment/grading/hidden/<HOMEWORK>.py). Points come only from the hidden tests,
whose raw results come back tagged with a random nonce and are compared here, never from a line the notebook
printed. Writes OUT (default build/grades/HOMEWORK): gradebook.csv, summary.csv, feedback/<student>.html,
index.html (overview), runs/<student>.ipynb (the executed cells, instructor-only).

--shard I/N grades the submissions whose name hashes to I of N (to OUT/shard-I-of-N); `--merge` joins shard
folders (default: OUT/shard-*) into OUT, so a course can spread grading over a job array.
The student's cells run in fast mode (KIT_FAST=1) unless --full; the hidden tests choose their own sizes.
"""
import argparse
import hashlib
import json
import os
import secrets
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grading import hidden, homework, report, runner, sandbox, submission  # noqa: E402
from grading.grader import Options, grade  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def log(msg):
    print(f"\033[1m[kit]\033[0m {msg}", flush=True)


def in_shard(student, shard):
    if shard is None:
        return True
    i, n = shard
    return int(hashlib.sha256(student.encode()).hexdigest(), 16) % n == i - 1


def parse_shard(text):
    try:
        i, n = (int(v) for v in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--shard takes I/N, e.g. 2/8, not {text!r}")
    if not 1 <= i <= n:
        raise argparse.ArgumentTypeError(f"--shard {text}: I must be between 1 and N")
    return i, n


def instructor_files():
    """The grader's own material: the hidden tests, the grader's code and the homework sources (solutions)."""
    files = sorted((ROOT / "environment" / "grading").rglob("*.py")) + sorted(homework.HOMEWORK_DIR.glob("H*.ipynb"))
    return [p for p in files if "__pycache__" not in p.parts]


def digest(files):
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "missing"
            for p in files}


def verify(expected, when):
    """Fails loudly if any hidden test, grader file or homework source changed since the run began."""
    now = digest([ROOT / f for f in expected])
    changed = sorted(f for f in expected if now[f] != expected[f])
    changed += sorted(str(p.relative_to(ROOT)) for p in instructor_files() if str(p.relative_to(ROOT)) not in expected)
    if changed:
        raise SystemExit(f"error: {', '.join(changed)} changed {when}; the grading run is void (no gradebook written): "
                         "restore the files (git checkout) and grade again")


# loaded by the main process before any worker starts (workers are forked, or re-import and re-check the hashes)
STATE = {}


def _work(args):
    hid, sub, opts, log_dir, hashes = args
    if not STATE:
        verify(hashes, "before this worker started")
        STATE["homeworks"] = {h: homework.load(h) for h in homework.available()}
        STATE["tests"] = hidden.load(hid, opts.seed)
    return grade(STATE["homeworks"][hid], STATE["homeworks"], STATE["tests"], sub, opts, log_dir)


def default_jobs():
    return max(1, min(2, os.cpu_count() or 1))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("homework", help="H1, H2, ...")
    ap.add_argument("dir", nargs="*", help="the folder of submissions (with --merge: shard folders)")
    ap.add_argument("--merge", action="store_true", help="join shard gradebooks instead of grading")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("KIT_GRADE_JOBS", 0)) or default_jobs(),
                    help="submissions graded at once (default: up to 2 cores)")
    ap.add_argument("--shard", type=parse_shard)
    ap.add_argument("--cell-timeout", type=float, default=60.0, help="seconds per cell (default 60)")
    ap.add_argument("--submission-timeout", type=float, default=600.0, help="seconds per submission (default 600)")
    ap.add_argument("--heap", default="1g", help="JVM heap limit of each kernel (default 1g)")
    ap.add_argument("--start-timeout", type=float, default=float(os.environ.get("KIT_START_TIMEOUT", 90)),
                    help="seconds for a kernel to start and load ND4J (default KIT_START_TIMEOUT or 90; 3 attempts)")
    ap.add_argument("--seed", type=int, help="seed of the hidden inputs (default: drawn for this run and kept in "
                                             "OUT/logs/run.json, which students never see)")
    ap.add_argument("--full", action="store_true", help="run the student's cells in full mode (KIT_FAST=0)")
    ap.add_argument(sandbox.UNSANDBOXED_FLAG, dest="unsandboxed", action="store_true",
                    help="grade without the bubblewrap sandbox (macOS, Windows): " + sandbox.EXPOSED)
    args = ap.parse_args(argv)
    try:
        hw = homework.load(args.homework)
    except ValueError as e:
        raise SystemExit(f"error: {e}")
    out = args.out or ROOT / "build" / "grades" / hw.id
    if args.merge:
        shards = [Path(d) for d in args.dir] or sorted(out.glob("shard-*-of-*"))
        if not shards:
            raise SystemExit(f"error: no shard folders given and none in {out}")
        page, n = report.merge(out, hw, shards)
        log(f"merged {len(shards)} shards: {n} students -> {out}/gradebook.csv, overview {page}")
        return 0
    if len(args.dir) != 1:
        raise SystemExit("error: give one folder of submissions, e.g. environment/kit grade H1 submissions/")
    if args.shard:
        out = out / f"shard-{args.shard[0]}-of-{args.shard[1]}"
    try:
        subs = [s for s in submission.discover(args.dir[0], hw.id) if in_shard(s.student, args.shard)]
    except ValueError as e:
        raise SystemExit(f"error: {e}")
    # the grader's own material: hashed and loaded before any student code runs, checked again after each
    # submission and before the gradebook is written
    hashes = digest(instructor_files())
    seed = args.seed if args.seed is not None else secrets.randbelow(2 ** 31)
    STATE["homeworks"] = {h: homework.load(h) for h in homework.available()}
    STATE["tests"] = hidden.load(hw.id, seed)              # fails early if the homework has no hidden tests
    layout = None
    why = sandbox.usable()
    if why is None:
        layout = sandbox.Layout(ROOT / "build" / "jupyter" / "kernels" / "java" / "kernel.json", args.heap)
        layout.warm(log)
        staged = layout.stage()
        import atexit
        import shutil
        atexit.register(shutil.rmtree, staged, True)
    elif not args.unsandboxed:
        raise SystemExit(f"error: {why}, so student code cannot be isolated while it is graded. Install bubblewrap "
                         f"(Debian/Ubuntu: apt-get install bubblewrap; environment/install.sh does) — or, on a machine "
                         f"without it, pass {sandbox.UNSANDBOXED_FLAG} if you accept that {sandbox.EXPOSED}.")
    else:
        log(f"WARNING: grading without a sandbox ({why}): {sandbox.EXPOSED}")
        os.environ["JUPYTER_PATH"] = str(runner.grading_kernelspec(ROOT / "build" / "grades" / ".kernel", args.heap)) \
            + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        os.environ["KIT_FAST"] = "0" if args.full else "1"
        os.environ.pop("KIT_STRICT", None)
    opts = Options(args.cell_timeout, args.submission_timeout, args.heap, args.start_timeout, seed, out / "runs",
                   layout=layout, fast=not args.full)
    log_dir = out / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    # instructor-only (students get feedback/ only): what is needed to repeat this run
    (log_dir / "run.json").write_text(json.dumps({"homework": hw.id, "seed": seed, "sandbox": layout is not None,
                                                  "hashes": hashes}, indent=1) + "\n")
    log(f"grading {hw.id} ({hw.max_points} points) in {args.dir[0]}: {len(subs)} submissions, {args.jobs} at once"
        + (f", shard {args.shard[0]}/{args.shard[1]}" if args.shard else ""))
    t0, results = time.perf_counter(), []
    work = [(hw.id, s, opts, log_dir, hashes) for s in subs]
    # workers (and through them their kernels) die with this process, however it ends
    with ProcessPoolExecutor(max_workers=args.jobs, initializer=runner.die_with_parent) as pool:
        futures = {pool.submit(_work, w): w[1].student for w in work}
        for k, f in enumerate(as_completed(futures), 1):
            r = f.result()
            verify(hashes, f"while {r.student} was graded")
            results.append(r)
            got = sum(x.points for x in r.rows)
            statuses = ",".join(sorted({x.status for x in r.rows}))
            log(f"{k}/{len(subs)} {r.student}: {got}/{hw.max_points} ({statuses}) in {r.seconds:.0f} s"
                + (f", {r.restarts} kernel restarts" if r.restarts else "") + (" [flagged]" if r.flags else ""))
    verify(hashes, "during the run")
    report.write_all(out, hw, results)
    wall = time.perf_counter() - t0
    log(f"{len(subs)} submissions in {wall:.0f} s ({wall / max(1, len(subs)):.1f} s each, {args.jobs} at once): "
        f"{out}/gradebook.csv, {out}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
