#!/usr/bin/env python3
"""Executes the kit's notebooks headless, in order, with the `java` kernel, and renders them to HTML.

usage: run_notebooks.py [NOTEBOOK ...] [--out build] [--html] [--start-timeout 90] [--retries 3]
       run_notebooks.py --measure-starts N      (kernel start statistics, no retries)

Each notebook runs in a fresh kernel. A kernel start counts as good when the kernel answers a first
ND4J operation within --start-timeout seconds; otherwise the kernel is killed and started again, up to
--retries times (kernel starts have been seen to hang now and then: see README, "Kernel starts").
A cell that raises stops the run with the notebook, the cell number, its first lines and the error.
Executed copies go to OUT/notebooks/, HTML pages to OUT/site/ with an index.html in lecture order.
Memory: just before each notebook's kernel shuts down, the peak resident set of its JVM (VmHWM in
/proc/<pid>/status; Linux) is read and written to OUT/logs/peaks.json (notebook → MiB, mode), and printed.
"""
import argparse
import asyncio
import html
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parents[1]
KERNEL = os.environ.get("KIT_KERNEL", "java")
PROBE = "org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber().doubleValue()"  # first ND4J op


class KernelStartFailed(RuntimeError):
    pass


def log(msg):
    print(f"\033[1m[kit]\033[0m {msg}", flush=True)


async def probe(client, timeout):
    """Runs PROBE in the started kernel; True if it answers '4.0' within timeout seconds."""
    reply = await asyncio.wait_for(client.kc._async_execute_interactive(PROBE, timeout=timeout, store_history=False,
                                                                        output_hook=lambda m: None), timeout)
    return reply["content"]["status"] == "ok"


LOG_DIR = ROOT / "build" / "logs"


def kernel_log(name):
    """The file that receives the kernel's own stdout/stderr (channel logs), one per notebook."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    return open(LOG_DIR / f"kernel-{name}.log", "ab")


async def start_kernel(client, start_timeout, log_name="probe"):
    """Starts the kernel and its client and waits for a first ND4J op; raises KernelStartFailed."""
    t0 = time.perf_counter()
    try:
        client.km = client.create_kernel_manager()
        with kernel_log(log_name) as f:
            await asyncio.wait_for(client.async_start_new_kernel(stdout=f, stderr=f), start_timeout)
        await asyncio.wait_for(client.async_start_new_kernel_client(), start_timeout)
        t_ready = time.perf_counter() - t0
        if not await probe(client, start_timeout):
            raise KernelStartFailed("the kernel could not run a first ND4J operation")
        return t_ready, time.perf_counter() - t0
    except (asyncio.TimeoutError, TimeoutError, RuntimeError) as e:
        raise KernelStartFailed(f"no answer within {start_timeout:.0f} s ({type(e).__name__}: {e})") from e


def kernel_pid(client):
    """The process id of the kernel (kernel_launch.py execs java, so on Linux this is the JVM), or None."""
    km = getattr(client, "km", None)
    process = getattr(getattr(km, "provisioner", None), "process", None) or getattr(km, "kernel", None)
    return getattr(process, "pid", None)


def peak_rss_mib(pid, proc="/proc"):
    """VmHWM (the peak resident set) of process pid in MiB, or None where /proc does not say (not Linux, gone)."""
    if not pid:
        return None
    try:
        text = Path(proc, str(pid), "status").read_text()
    except OSError:
        return None
    m = re.search(r"^VmHWM:\s+(\d+)\s+kB", text, re.M)
    return round(int(m.group(1)) / 1024, 1) if m else None


def mode():
    return "fast" if os.environ.get("KIT_FAST", "0") not in ("", "0", "false") else "full"


def record_peak(out, name, mib, seconds):
    """Adds one notebook's peak to OUT/logs/peaks.json (kept across runs; each notebook's last run counts)."""
    path = Path(out) / "logs" / "peaks.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        peaks = json.loads(path.read_text())
    except (OSError, ValueError):
        peaks = {}
    peaks[name] = {"peak_rss_mib": mib, "mode": mode(), "kernel": KERNEL, "seconds": round(seconds, 1),
                   "memory_limit": os.environ.get("KIT_MEMORY") or None, "at": time.strftime("%Y-%m-%dT%H:%M:%S")}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(peaks, indent=1, sort_keys=True) + "\n")
    tmp.replace(path)
    return path


async def stop_kernel(client):
    try:
        if client.kc is not None:
            client.kc.stop_channels()
        if client.km is not None and await client.km._async_is_alive():
            await client.km._async_shutdown_kernel(now=True)
    except Exception:  # the kernel may already be gone
        pass


def shown(path):
    """A path relative to the kit's root where possible, for messages."""
    try:
        return path.resolve().relative_to(ROOT)
    except ValueError:
        return path


def first_lines(source, n=3):
    lines = [l for l in source.splitlines() if l.strip()][:n]
    return "\n".join("      " + l for l in lines)


async def execute(path, args):
    """Executes one notebook; returns (executed notebook, seconds, attempts used, peak resident MiB or None)."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Java", "language": "java"}
    for attempt in range(1, args.retries + 1):
        client = NotebookClient(nb, kernel_name=KERNEL, timeout=args.cell_timeout, startup_timeout=int(args.start_timeout),
                                allow_errors=False, record_timing=True, resources={"metadata": {"path": str(path.parent)}})
        client.reset_execution_trackers()
        t0 = time.perf_counter()
        try:
            try:
                await start_kernel(client, args.start_timeout, path.stem)
            except KernelStartFailed as e:
                log(f"{path.name}: kernel start {attempt}/{args.retries} failed: {e}; restarting the kernel")
                continue
            nb.metadata["language_info"] = {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source"}
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                try:
                    await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
                except CellExecutionError as e:
                    raise SystemExit(failure(path, index, cell, e, nb, args))
                except CellTimeoutError as e:
                    raise SystemExit(failure(path, index, cell, e, nb, args))
                except DeadKernelError as e:
                    raise SystemExit(failure(path, index, cell, e, nb, args) + "\n" + died_message())
            return nb, time.perf_counter() - t0, attempt, peak_rss_mib(kernel_pid(client))
        finally:
            await stop_kernel(client)
    raise SystemExit(f"error: {path}: the Java kernel did not start in {args.retries} attempts of "
                     f"{args.start_timeout:.0f} s; kernel log: {LOG_DIR / ('kernel-' + path.stem + '.log')}")


def failure(path, index, cell, err, nb, args):
    """Saves the partial notebook and returns the message naming the cell and the error."""
    out = save(nb, path, args)
    msg = str(err).strip()
    ename = getattr(err, "ename", type(err).__name__)
    evalue = getattr(err, "evalue", "")
    tail = "\n".join(msg.splitlines()[-25:]) if msg else f"{ename}: {evalue}"
    cell_no = sum(1 for c in nb.cells[:index + 1] if c.cell_type == "code")
    return (f"\n\033[1;31m[kit] FAILED\033[0m {shown(path)}, code cell {cell_no} (cell #{index}):\n"
            f"{first_lines(cell.source)}\n  {ename}: {evalue}\n{tail}\n  partial output: {out}")


def died_message():
    """What to tell when the kernel died in a cell: most often the container's memory limit."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from kernel_launch import memory_limit
    limit, source = memory_limit()
    where = (f"this machine gives it {limit / 2**30:.1f} GiB ({'KIT_MEMORY' if source == 'KIT_MEMORY' else 'the container'}'s limit)"
             if limit else "no container limit was found")
    return ("  The Java kernel stopped while running this cell. The usual cause is that it ran out of memory: "
            f"{where}. Restart the kernel and run the notebook from the top; if it stops again at the same cell, "
            "the notebook needs more memory than the server gives (ask for a larger server), or close other notebooks' kernels.")


def rel(path):
    try:
        return path.resolve().relative_to(ROOT / "notebooks")
    except ValueError:
        return Path(path.name)


def coalesce(nb):
    """Joins consecutive stream outputs of a cell (the kernel sends printf output in fragments)."""
    from nbconvert.preprocessors import coalesce_streams  # a preprocessor over the whole notebook
    coalesce_streams(nb, {})
    return nb


def save(nb, path, args):
    coalesce(nb)
    out = Path(args.out) / "notebooks" / rel(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    return out


def title_of(nb, fallback):
    for c in nb.cells:
        if c.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", c.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def render_html(nb, path, args):
    from nbconvert import HTMLExporter
    exporter = HTMLExporter()
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    out = Path(args.out) / "site" / rel(path).with_suffix(".html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body)
    return out


def write_index(pages, args):
    site = Path(args.out) / "site"
    rows = "\n".join(f'<li><a href="{html.escape(str(p))}">{html.escape(t)}</a> <small>({s:.0f} s)</small></li>'
                     for p, t, s in pages)
    mode = "fast mode (CI subsets)" if os.environ.get("KIT_FAST", "0") not in ("", "0", "false") else "full mode"
    (site / "index.html").write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lecture 7 kit</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46em;margin:3em auto;line-height:1.5}}li{{margin:.4em 0}}</style>
</head><body>
<h1>Lecture 7: deep generative models — the Java kit</h1>
<p>The ELBO, variational autoencoders, comparing distributions with MMD, MMD-VAE and disentanglement.
Notebooks executed in {mode} on {time.strftime('%Y-%m-%d %H:%M')}.</p>
<ol>
{rows}
</ol></body></html>
""")
    return site / "index.html"


# what JShell shows for a cell whose last expression is an object without a toString of its own, e.g. the
# PrintStream that System.out.printf returns: "java.io.PrintStream@5c879f46" is noise on a student's screen
OBJECT_ECHO = re.compile(r"^[\w.$]+@[0-9a-f]{4,}$")


def check_outputs(nb, path):
    """Every executed lecture notebook shows at least one figure, no error output and no object echo."""
    pngs = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if "image/png" in o.get("data", {}))
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    if errors:
        raise SystemExit(f"error: {path.name} has an error output: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    for i, c in enumerate(nb.cells):
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            text = o.get("data", {}).get("text/plain", "") if o.output_type == "execute_result" else ""
            text = "".join(text) if isinstance(text, list) else text
            if OBJECT_ECHO.match(text.strip()):
                raise SystemExit(f"error: {path.name}, cell {i}: shows {text.strip()!r} — end the cell with a statement "
                                 f"(System.out.println, not printf, which returns the PrintStream) or a value worth showing")
    if pngs == 0 and re.match(r"\d\d-", path.name):
        raise SystemExit(f"error: {path.name} executed but shows no figure (no image/png output)")
    return pngs


async def measure_starts(n, args):
    """Starts the kernel n times without retry; prints start-up statistics as JSON."""
    nb = nbformat.v4.new_notebook()
    ready, first_op, failures = [], [], 0
    for i in range(n):
        client = NotebookClient(nb, kernel_name=KERNEL, startup_timeout=int(args.start_timeout))
        try:
            t_ready, t_op = await start_kernel(client, args.start_timeout)
            ready.append(t_ready)
            first_op.append(t_op)
        except KernelStartFailed as e:
            failures += 1
            log(f"start {i + 1}: {e}")
        finally:
            await stop_kernel(client)
        if (i + 1) % 10 == 0:
            log(f"{i + 1}/{n} starts, {failures} failed")
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))] if xs else None
    print(json.dumps({"starts": n, "failed": failures, "failure_rate": failures / n,
                      "ready_s_median": statistics.median(ready) if ready else None,
                      "first_nd4j_op_s_median": statistics.median(first_op) if first_op else None,
                      "first_nd4j_op_s_p95": q(first_op, 0.95), "first_nd4j_op_s_max": max(first_op, default=None),
                      "start_timeout_s": args.start_timeout}))


def default_notebooks():
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="*", type=Path)
    p.add_argument("--out", default=str(ROOT / "build"))
    p.add_argument("--html", action="store_true", help="render HTML pages and the index to OUT/site")
    p.add_argument("--start-timeout", type=float, default=float(os.environ.get("KIT_START_TIMEOUT", 90)))
    p.add_argument("--cell-timeout", type=int, default=int(os.environ.get("KIT_CELL_TIMEOUT", 3600)))
    p.add_argument("--retries", type=int, default=3)
    p.add_argument("--measure-starts", type=int, metavar="N")
    args = p.parse_args()
    if args.measure_starts:
        asyncio.run(measure_starts(args.measure_starts, args))
        return
    notebooks = [n.resolve() for n in args.notebooks] or default_notebooks()
    missing = [n for n in notebooks if not n.is_file()]
    if missing:
        raise SystemExit(f"error: no such notebook: {missing[0]}")
    pages, peaks, t_all = [], [], time.perf_counter()
    for path in notebooks:
        log(f"executing {shown(path)} ...")
        nb, seconds, attempts, peak = asyncio.run(execute(path, args))
        figures = check_outputs(nb, path)
        save(nb, path, args)
        extra = f", kernel started on attempt {attempts}" if attempts > 1 else ""
        memory = f", kernel peak {peak:.0f} MiB resident" if peak else ""
        if peak:
            record_peak(args.out, path.stem, peak, seconds)
            peaks.append((path.stem, peak))
        log(f"  ok in {seconds:.1f} s, {figures} figures{memory}{extra}")
        if args.html:
            page = render_html(nb, path, args)
            pages.append((page.relative_to(Path(args.out) / "site"), title_of(nb, path.stem), seconds))
    if args.html:
        log(f"site: {write_index(pages, args)}")
    log(f"{len(notebooks)} notebooks executed in {time.perf_counter() - t_all:.0f} s")
    if peaks:
        log(f"peak resident memory of each notebook's kernel ({mode()} mode; {Path(args.out) / 'logs' / 'peaks.json'}): "
            + ", ".join(f"{n.split('-')[0]} {m / 1024:.2f} GiB" for n, m in peaks))


if __name__ == "__main__":
    main()
