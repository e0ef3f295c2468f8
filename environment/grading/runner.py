"""Runs a submission's cells in a fresh kernel: limits, faults, restart and replay.

The kernel is the kit's `java` kernelspec with a smaller heap (-Xmx, -XX:+ExitOnOutOfMemoryError, so memory
exhaustion ends the kernel instead of leaving it unusable), started in a scratch folder that holds nothing of
the instructor's. Every cell has a wall-clock limit, and the submission as a whole has one. A cell that throws
leaves the kernel as it is; a cell that runs past its limit, calls System.exit or exhausts the heap ends the
kernel: a new one is started and every cell that had completed is run again (the student's definitions),
then grading goes on with the next cell.
"""
import asyncio
import json
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parents[2]
GRADE_KERNEL = "java-grade"


def grading_kernelspec(out_dir, heap="1g"):
    """Writes OUT_DIR/kernels/java-grade/kernel.json: the kit's kernelspec with the grading heap limit.

    Returns the folder to put first on JUPYTER_PATH."""
    src = ROOT / "build" / "jupyter" / "kernels" / "java" / "kernel.json"
    if not src.is_file():
        raise SystemExit(f"error: no kernelspec at {src}; run environment/install.sh (environment/kit grade does)")
    spec = json.loads(src.read_text())
    argv = [a for a in spec["argv"] if not a.startswith(("-Xmx", "-Dorg.bytedeco.javacpp.maxbytes",
                                                          "-Dorg.bytedeco.javacpp.maxphysicalbytes"))]
    main = next(i for i, a in enumerate(argv) if a in ("-cp", "-jar"))   # JVM options go before the main class
    argv[main:main] = [f"-Xmx{heap}", "-XX:+ExitOnOutOfMemoryError", "-Dorg.bytedeco.javacpp.maxbytes=1g",
                       "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g"]
    spec["argv"] = argv
    # one core per grading kernel (kernels are graded side by side): the library's training pool uses one thread
    spec.setdefault("env", {})["KIT_THREADS"] = "1"
    spec["display_name"] = f"Java (grading, heap {heap})"
    dest = Path(out_dir) / "kernels" / GRADE_KERNEL
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "kernel.json").write_text(json.dumps(spec, indent=1))
    return Path(out_dir)


@dataclass
class CellRun:
    status: str                  # ok, error, timeout, dead, budget
    outputs: list = field(default_factory=list)
    ename: str = ""
    evalue: str = ""
    seconds: float = 0.0

    def text(self, kinds=("stream", "execute_result", "display_data")):
        out = []
        for o in self.outputs:
            if o.get("output_type") == "stream" and "stream" in kinds:
                out.append(o.get("text", ""))
            elif o.get("output_type") in ("execute_result", "display_data") and o.get("output_type") in kinds:
                d = o.get("data", {})
                out.append(d.get("text/plain") or d.get("text/html") or "")
        return "".join(out)


def die_with_parent():
    """Linux: this process gets SIGKILL when the process that started it dies — killed, crashed or interrupted —
    so a grading run that is stopped leaves no kernel (and no student's endless loop) running. Used for the kernels
    (preexec_fn; the kernel launcher exec()s java, which keeps the setting) and for the grading workers (their
    initializer). Elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))   # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Kernel:
    """One kernel at a time for one submission; `restart` replays the cells that completed."""

    def __init__(self, cwd, log_path, start_timeout=90.0, retries=3, env=None):
        self.cwd, self.log_path = str(cwd), Path(log_path)
        self.start_timeout, self.retries = start_timeout, retries
        self.nb = nbformat.v4.new_notebook()
        self.nb.metadata["kernelspec"] = {"name": GRADE_KERNEL, "display_name": "Java", "language": "java"}
        self.client = None
        self.completed = []          # cells that ran to the end: replayed after a restart
        self.restarts = 0
        self.env = env
        self.preamble = None         # first cell after every start (not replayed); its run is kept in self.baseline
        self.baseline = None

    async def start(self):
        last = None
        for attempt in range(1, self.retries + 1):
            self.client = NotebookClient(self.nb, kernel_name=GRADE_KERNEL, timeout=int(self.start_timeout),
                                         startup_timeout=int(self.start_timeout), allow_errors=False,
                                         resources={"metadata": {"path": self.cwd}})
            try:
                self.client.km = self.client.create_kernel_manager()
                self.log_path.parent.mkdir(parents=True, exist_ok=True)
                with open(self.log_path, "ab") as log:
                    kw = {"stdout": log, "stderr": log, "preexec_fn": die_with_parent}
                    if self.env is not None:
                        kw["env"] = self.env
                    await asyncio.wait_for(self.client.async_start_new_kernel(**kw), self.start_timeout)
                await asyncio.wait_for(self.client.async_start_new_kernel_client(), self.start_timeout)
                probe = await self._execute(self.preamble or '"kit".length()', self.start_timeout, record=False)
                if probe.status == "ok":
                    self.baseline = probe
                    return
                last = f"the first cell gave {probe.status} {probe.evalue}"
            except (asyncio.TimeoutError, TimeoutError, RuntimeError) as e:
                last = f"{type(e).__name__}: {e}"
            await self.stop()
        raise RuntimeError(f"the Java kernel did not start in {self.retries} attempts ({last})")

    async def stop(self):
        c = self.client
        if c is None:
            return
        try:
            if c.kc is not None:
                c.kc.stop_channels()
            if c.km is not None and await c.km._async_is_alive():
                await c.km._async_shutdown_kernel(now=True)
        except Exception:  # already gone
            pass
        self.client = None

    async def _execute(self, code, timeout, record=True):
        cell = nbformat.v4.new_code_cell(code)
        self.nb.cells.append(cell)
        index = len(self.nb.cells) - 1
        self.client.timeout = max(1, int(timeout))
        t0 = time.perf_counter()
        try:
            await self.client.async_execute_cell(cell, index, execution_count=index + 1)
            run = CellRun("ok", cell.outputs)
        except CellTimeoutError:
            run = CellRun("timeout", cell.outputs)
        except DeadKernelError as e:
            run = CellRun("dead", cell.outputs, "DeadKernelError", str(e)[:200])
        except CellExecutionError as e:
            run = CellRun("error", cell.outputs, getattr(e, "ename", "") or "", getattr(e, "evalue", "") or "")
        run.seconds = time.perf_counter() - t0
        if record and run.status == "ok":
            self.completed.append(code)
        return run

    async def run(self, code, timeout, replay=True):
        """Runs one cell; after a timeout or a dead kernel, restarts and replays (replay=False: stays stopped)."""
        if timeout <= 0:
            return CellRun("budget")
        run = await self._execute(code, timeout, record=replay)
        if run.status in ("timeout", "dead"):
            await self.stop()
            if replay:
                await self.restart()
        return run

    async def restart(self):
        self.restarts += 1
        await self.start()
        for code in list(self.completed):
            r = await self._execute(code, self.start_timeout * 4, record=False)
            if r.status != "ok":
                raise RuntimeError(f"replaying the submission's completed cells after a restart failed ({r.status})")
