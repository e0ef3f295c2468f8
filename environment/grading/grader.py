"""Grades one submission: read, identify, plan, run in a fresh kernel, hidden tests, rows of the gradebook."""
import asyncio
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import flags as flagmod
from . import hidden as hiddenmod
from . import submission as submod
from .runner import Kernel
from .sandbox import SandboxKernel

STATUSES = ("passed", "failed", "not_answered", "error", "timeout", "unreadable", "wrong_homework")
# threads the kernel and the JDK start on their own (seen in runs of correct submissions); a student's
# `new Thread(...)` is named Thread-N and is caught by its id, not by its name
KERNEL_THREADS = ("ForkJoinPool", "JavaCPP", "Common-Cleaner", "process reaper", "Attach Listener",
                  "Signal Dispatcher", "Finalizer", "Reference Handler", "DestroyJavaVM", "Notification Thread",
                  "JShell", "LoopThread", "ZMQ", "reaper", "iothread", "Shell", "Control", "IOPub", "Heartbeat",
                  "Stdin", "Engine-thread", "RJK", "rapaio")


@dataclass
class Options:
    cell_timeout: float = 60.0          # seconds per cell (the student's and the hidden tests')
    submission_timeout: float = 600.0   # seconds per submission, kernel starts included
    heap: str = "1g"
    start_timeout: float = 90.0
    seed: int | None = None
    keep_runs: Path | None = None       # where to save each executed notebook (instructor-only)
    jupyter_path: str | None = None
    layout: object = None               # sandbox.Layout: each kernel in a bubblewrap sandbox (None: unsandboxed)
    fast: bool = True                   # the student's cells in fast mode (KIT_FAST=1)


@dataclass
class Row:
    part: str
    points: int
    max_points: int
    status: str
    message: str


@dataclass
class Result:
    student: str
    rows: list
    flags: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    visible: dict = field(default_factory=dict)     # part -> the verdicts of the notebook's own checks
    seconds: float = 0.0
    restarts: int = 0


CHECK_MARKER = re.compile(r"^\[check\] [\w.-]{1,40} (PASS|FAIL|TODO)$")


def check_lines(text):
    """Only what the kit's Check printed (its "[check] id OUTCOME" marker, the ✔/✘/… verdict and the indented
    hints after it): the feedback page shows the kit's words, not the student's prints."""
    out, inside = [], False
    for line in text.splitlines():
        if CHECK_MARKER.match(line):
            out.append(line)
            inside = "verdict"
        elif inside == "verdict" and line[:2] in ("✔ ", "✘ ", "… "):
            out.append(line)
            inside = "hints"
        elif inside == "hints" and line.startswith("    "):
            out.append(line)
        else:
            inside = False
    return "\n".join(out)


def rows_all(hw, status, message):
    return [Row(p.id, 0, p.points, status, message) for p in hw.parts]


def probe_code(nonce):
    """The threads alive, as the grader's own channel result. Also loads ND4J and the kit's checks, so that their
    start-up (seconds on a busy machine) counts against the kernel start, not against the student's first cell."""
    return ("((java.util.function.Supplier<java.lang.String>) () -> { java.lang.StringBuilder k7$ = "
            f'new java.lang.StringBuilder("{nonce}"); k7$.append(" nd4j ").append(org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber().intValue())'
            '.append(" kit ").append(lecture7.notebook.Check.TOL > 0);'
            " for (java.lang.Thread k7$t : java.lang.Thread.getAllStackTraces().keySet()) k7$.append(\" t \").append(k7$t.getId())"
            ".append(':').append(java.util.Base64.getEncoder().encodeToString(k7$t.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8)));"
            " return k7$.toString(); }).get()")


def parse_probe(run, nonce):
    import base64
    if run is None or run.status != "ok":
        return None
    text = run.text(("execute_result",))
    if nonce not in text:
        return None
    tokens = text[text.index(nonce) + len(nonce):].replace('"', " ").split()
    out, threads = None, {}
    for k in range(0, len(tokens) - 1, 2):
        if tokens[k] in ("nd4j", "kit"):
            out = tokens[k + 1]
        elif tokens[k] == "t":
            tid, _, name = tokens[k + 1].partition(":")
            threads[tid] = base64.b64decode(name).decode("utf-8", "replace")
    return out, threads


def rerun_code(plan, rerun):
    """The student's answer cell(s) of a part, with the given lines replaced by the hidden ones."""
    text = "\n".join(c.text for c in plan.cells if c.kind in ("answer", "extra") and c.part == rerun.part)
    prefix = [rerun.before] if rerun.before else []
    for old, new in rerun.replace.items():
        if old in text:
            text = text.replace(old, new)
        else:
            prefix.append(new)     # the student changed the given line: the hidden one is run first
    return "\n".join(prefix + [text])


async def run_submission(hw, tests, plan, sub, opts, scratch, log_path, notes):
    """Executes the plan and the hidden tests; returns (rows, visible outputs, dynamic flags, restarts)."""
    deadline = time.perf_counter() + opts.submission_timeout
    left = lambda: min(opts.cell_timeout, deadline - time.perf_counter())
    nonce = secrets.token_hex(12)
    kernel = SandboxKernel(opts.layout, opts.fast, log_path, opts.start_timeout) if opts.layout is not None \
        else Kernel(scratch, log_path, opts.start_timeout)
    kernel.preamble = probe_code(nonce)
    fault = {}                     # part -> (status, message) of a cell that timed out or ended the kernel
    visible = {p.id: [] for p in hw.parts}
    statuses = {}
    dyn_flags = []
    try:
        await kernel.start()
        for n, cell in enumerate(plan.cells):
            if cell.part is not None and cell.part in fault:
                continue
            run = await kernel.run(cell.text, left())
            what = {"locked": "the given cell", "answer": "your answer cell", "extra": "a cell you added"}[cell.kind]
            where = f"part {cell.part}" if cell.part else "the set-up"
            if run.status in ("timeout", "budget"):
                msg = (f"{what} of {where} did not finish within {opts.cell_timeout:.0f} s (an endless loop?)"
                       if run.status == "timeout" else f"the submission used up its {opts.submission_timeout:.0f} s")
                fault.setdefault(cell.part, ("timeout", msg))
            elif run.status == "dead":
                fault.setdefault(cell.part, ("error", f"{what} of {where} ended the Java kernel "
                                                      "(System.exit, or memory exhausted)"))
            if cell.part and cell.kind == "locked" and "Check." in cell.text:
                shown = check_lines(run.text(("stream",)))
                if run.status == "error":
                    shown += "\nthe check cell failed" + hiddenmod.exception_name(run.ename)
                visible[cell.part].append(shown.strip() or f"({run.status})")
            if run.status == "budget":
                break
        if None in fault:
            notes.append((None, fault[None][1] + "; the parts were graded without it"))
        for part in hw.parts:
            pid = part.id
            if pid in plan.unanswered:
                statuses[pid] = ("not_answered", "not answered yet (the placeholder is still there)")
                continue
            if pid in fault:
                statuses[pid] = (fault[pid][0], fault[pid][1] + "; the hidden tests did not run")
                continue
            result = ("passed", "")
            for test in tests.get(pid, []):
                setup = rerun_code(plan, test.setup) if isinstance(test.setup, hiddenmod.Rerun) else test.setup
                code = hiddenmod.java_cell(test, nonce, setup)
                run = await kernel.run(code, left())
                if run.status == "timeout":
                    result = ("timeout", f"the hidden test did not finish within {opts.cell_timeout:.0f} s (an endless loop?)")
                elif run.status == "budget":
                    result = ("timeout", f"the submission used up its {opts.submission_timeout:.0f} s before this part's hidden test")
                elif run.status == "dead":
                    result = ("error", "your code ended the Java kernel during the hidden test (System.exit, or memory exhausted)")
                elif run.status == "error":
                    # only the kit's words: an exception's message is the student's text, and during a hidden
                    # test it could carry the hidden inputs into the feedback
                    if "NotAnsweredYet" in (run.ename + run.evalue):
                        result = ("not_answered", "not answered yet")
                    else:
                        result = ("error", "your code failed in the hidden test"
                                  + hiddenmod.exception_name(run.ename or run.evalue.split(":")[0]))
                else:
                    parsed = hiddenmod.parse(run.text(("execute_result",)), nonce, len(test.cases))
                    result = ("error", "the hidden test gave no result (did the code change the kernel's output?)") \
                        if parsed is None else hiddenmod.judge(test, parsed)
                if result[0] != "passed":
                    break
            if result[0] == "passed":
                n = sum(len(t.cases) for t in tests.get(pid, []))
                result = ("passed", "the hidden test passed" if n == 1 else f"all {n} hidden tests passed")
            statuses[pid] = result
        if kernel.client is not None:
            end = parse_probe(await kernel.run(probe_code(nonce), left(), replay=False), nonce)
            start = parse_probe(kernel.baseline, nonce)
            if end and start:
                new = sorted(name for tid, name in end[1].items()
                             if tid not in start[1] and not name.startswith(KERNEL_THREADS))
                if new:
                    dyn_flags.append(f"threads left running: {', '.join(n[:40] for n in new[:4])}")
    except RuntimeError as e:      # the kernel did not (re)start: what is not graded yet is an error
        for part in hw.parts:
            statuses.setdefault(part.id, ("error", f"not graded: {e}"))
    finally:
        await kernel.stop()
        if opts.keep_runs is not None:
            opts.keep_runs.mkdir(parents=True, exist_ok=True)
            nbformat.write(kernel.nb, opts.keep_runs / f"{sub.student}.ipynb")
    rows = []
    for part in hw.parts:
        status, msg = statuses[part.id]
        extra = [t for p, t in notes if p == part.id]
        if extra:
            msg += " (note: " + "; ".join(extra) + ")"
        rows.append(Row(part.id, part.points if status == "passed" else 0, part.points, status, msg))
    return rows, visible, dyn_flags, kernel.restarts


def grade(hw, homeworks, tests, sub, opts, log_dir):
    """The gradebook rows, flags and feedback of one submission (runs its own event loop)."""
    t0 = time.perf_counter()
    submod.read(sub)
    if sub.problem:
        return Result(sub.student, rows_all(hw, "unreadable", sub.problem), seconds=time.perf_counter() - t0)
    found = submod.identify(sub.notebook, homeworks)
    if found != hw.id:
        msg = (f"this is the notebook of homework {found}, not {hw.id}" if found else
               f"this notebook holds none of homework {hw.id}'s given code")
        return Result(sub.student, rows_all(hw, "wrong_homework", msg), seconds=time.perf_counter() - t0)
    plan = submod.plan(hw, sub.notebook)
    static_flags = flagmod.scan(plan.student_code)
    if len(plan.unanswered) == len(hw.parts):
        rows = rows_all(hw, "not_answered", "empty submission: no part answered (every placeholder is still there)")
        return Result(sub.student, rows, static_flags + given_cell_flags(plan), plan.notes, seconds=time.perf_counter() - t0)
    scratch = Path(tempfile.mkdtemp(prefix="kit-grade-"))
    try:
        rows, visible, dyn, restarts = asyncio.run(run_submission(hw, tests, plan, sub, opts, scratch,
                                                                  Path(log_dir) / f"kernel-{sub.student}.log", plan.notes))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Result(sub.student, rows, static_flags + given_cell_flags(plan) + dyn, plan.notes, visible,
                  time.perf_counter() - t0, restarts)


def given_cell_flags(plan):
    """Edited given cells outside any part (the imports, the part declarations) are worth a look."""
    edited = [t for p, t in plan.notes if p is None]
    return [f"set-up cells: {edited[0]}"] if edited else []
