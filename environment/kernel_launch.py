#!/usr/bin/env python3
"""Starts the Java kernel with the kit's defaults for environment variables the user has not set, and with memory
limits that fit the container it runs in.

usage: kernel_launch.py [VAR=VALUE ...] -- COMMAND [ARG ...]

Each VAR=VALUE is set only when VAR is unset (or empty) in the environment the kernel is started with, so an
OPENBLAS_CORETYPE, OMP_NUM_THREADS or KIT_DATA the user exported is kept (a kernelspec's "env" would replace it);
the names it set are added to KIT_CHOSE_ENV (as environment/kit does), so that the library sizes its pool of
training threads from an OMP_NUM_THREADS the user chose, and not from the kit's default of 1.

Memory: the kernelspec carries the kit's own limits (KIT_MEMORY_FLAGS: a 512 MiB heap, 8 GiB of ND4J/JavaCPP
off-heap memory). The heap limit is what sets a notebook's peak: the lecture's data and weights are ND4J arrays
(off-heap), the heap holds charts, tables and short-lived copies (and ND4J's bookkeeping of every array, whose native
memory is freed only when the collector finds the array unreachable), and the JVM lets the heap grow towards its
limit before collecting. Measured, notebook 04 in full mode without a limit: 2.0 GiB resident with a 1 GiB heap
(the heap alone 1 GiB committed, under 80 MB live after a full collection), 1.24 GiB with a 512 MiB heap, 1.10 GiB
once evaluations freed their work arrays (lecture7.vae.Vae), same numbers; after a collection no lecture notebook's
heap held more than 0.36 GiB (04, full mode). 512 MiB is also the heap a 2 GiB container gets (HEAP_PERCENT). When the kernel runs in a container with a memory limit (cgroup v2 memory.max, v1
memory.limit_in_bytes; JupyterHub on Kubernetes, Binder) or KIT_MEMORY says how much it may use (e.g. 1536m, 2g),
those flags are replaced by ones derived from that limit (memory_flags): the heap a share of it
(-XX:MaxRAM, -XX:MaxRAMPercentage), JavaCPP's off-heap and resident-set limits below it, so that a notebook that
needs more gets a Java OutOfMemoryError with a message instead of the kernel being killed by the container.
Flags other than the kit's own (e.g. the grader's smaller heap) are left alone.
Then COMMAND replaces this process (on Windows it runs as a child and its exit code is returned).
"""
import os
import re
import subprocess
import sys
from pathlib import Path

# the kit's own memory limits, used where no container limit is found (environment/kernelspec.py writes them)
KIT_MEMORY_FLAGS = ["-Xmx512m", "-Dorg.bytedeco.javacpp.maxbytes=8g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=16g"]
# shares of a container's limit L: Java heap (charts, tables, the notebook's own objects), ND4J's off-heap arrays
# (data sets, weights, workspaces), and the resident set at which JavaCPP collects garbage and then throws
# OutOfMemoryError — kept below L so that the JVM, not the container's OOM killer, reports it
HEAP_PERCENT = 25
OFF_HEAP_SHARE = 0.60
PHYSICAL_SHARE = 0.90
NO_LIMIT = 1 << 60          # cgroup v1 writes 2^63 rounded to a page for "no limit"
MIB = 1 << 20


def parse_size(text):
    """Bytes of '1536m', '2g', '2G', '1073741824' (JVM-style suffixes k, m, g, t); None for 'max' or ''."""
    text = (text or "").strip().lower()
    if text in ("", "max"):
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?", text)
    if not m:
        raise SystemExit(f"kernel_launch.py: cannot read the memory size {text!r} (examples: 1536m, 2g)")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[m.group(2)]
    return int(float(m.group(1)) * scale)


def _read(path):
    try:
        return Path(path).read_text().strip()
    except OSError:
        return None


def container_memory_limit(fs="/sys/fs/cgroup", proc_cgroup="/proc/self/cgroup"):
    """The memory limit (bytes) of this process's cgroup, or None when there is none.

    cgroup v2: memory.max of the process's group and of each parent ("max" = none);
    cgroup v1: memory.limit_in_bytes of the memory controller's group (≥ 2^60 = none).
    Inside a container the group's path is usually "/" (a cgroup namespace), so the root files are read too.
    The smallest limit found counts."""
    fs = Path(fs)
    groups = {}
    for line in (_read(proc_cgroup) or "").splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                groups[controller] = parts[2]
    limits = []

    def candidates(base, path):
        rel = Path(path.lstrip("/")) if path else Path()
        seen = []
        while True:
            seen.append(base / rel)
            if rel == Path() or str(rel) == ".":
                return seen
            rel = rel.parent

    if "" in groups:                                    # v2 (unified; "unified" on a hybrid v1/v2 host)
        for d in candidates(fs if (fs / "cgroup.controllers").exists() else fs / "unified", groups[""]):
            text = _read(d / "memory.max")
            if text is not None:
                limits.append(parse_size(text))
    if "memory" in groups:                              # v1
        for d in candidates(fs / "memory", groups["memory"]):
            text = _read(d / "memory.limit_in_bytes")
            if text is not None:
                limits.append(int(text))
    limits = [x for x in limits if x is not None and 0 < x < NO_LIMIT]
    return min(limits) if limits else None


def memory_limit(environ=None, **where):
    """(bytes, source): KIT_MEMORY if set, else the container's limit, else (None, None)."""
    environ = os.environ if environ is None else environ
    if environ.get("KIT_MEMORY"):
        return parse_size(environ["KIT_MEMORY"]), "KIT_MEMORY"
    limit = container_memory_limit(**where)
    return (limit, "container") if limit else (None, None)


def memory_flags(limit):
    """JVM flags for a kernel that must stay within `limit` bytes of resident memory."""
    mib = max(256, limit // MIB)
    return [f"-XX:MaxRAM={mib}m", f"-XX:MaxRAMPercentage={HEAP_PERCENT}",
            f"-Dorg.bytedeco.javacpp.maxbytes={int(mib * OFF_HEAP_SHARE)}m",
            f"-Dorg.bytedeco.javacpp.maxphysicalbytes={int(mib * PHYSICAL_SHARE)}m",
            f"-Dlecture7.memoryLimit={mib}m"]


def fit_memory(command, limit):
    """COMMAND with the kit's own memory flags replaced by memory_flags(limit) (in place of the first of them);
    unchanged without a limit or unless it carries all of the kit's flags (else someone else chose, e.g. the grader)."""
    if not limit or not all(a in command for a in KIT_MEMORY_FLAGS):
        return list(command)
    out, placed = [], False
    for a in command:
        if a in KIT_MEMORY_FLAGS:
            if not placed:
                out += memory_flags(limit)
                placed = True
            continue
        out.append(a)
    return out


def apply_defaults(defaults, environ):
    """Sets VAR=VALUE in environ for each unset VAR; returns the names it set."""
    chosen = []
    for item in defaults:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise SystemExit(f"kernel_launch.py: expected VAR=VALUE before '--', got {item!r}")
        if not environ.get(name):
            environ[name] = value
            chosen.append(name)
    return chosen


def main(argv):
    if "--" not in argv:
        raise SystemExit("usage: kernel_launch.py [VAR=VALUE ...] -- COMMAND [ARG ...]")
    cut = argv.index("--")
    defaults, command = argv[:cut], argv[cut + 1:]
    if not command:
        raise SystemExit("kernel_launch.py: no command after '--'")
    chosen = apply_defaults(defaults, os.environ)
    if chosen:  # the library tells the user's OMP_NUM_THREADS from the kit's default (lecture7.compute.Parallel)
        os.environ["KIT_CHOSE_ENV"] = " ".join(os.environ.get("KIT_CHOSE_ENV", "").split() + chosen)
    command = fit_memory(command, memory_limit()[0])
    if os.name == "nt":
        sys.exit(subprocess.call(command))
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
