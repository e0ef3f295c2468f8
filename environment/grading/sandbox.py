"""The grading sandbox: every submission's kernel runs inside bubblewrap (Linux namespaces), with the notebook
executor (harness.py) next to it; the grader outside talks to the executor through two pipes only.

What the sandbox sees (read-only unless said): /usr (the system: Python, nbclient, sh) and the few /etc files
the JDK and the dynamic loader read; the JDK at /kit/jdk; the library jar and its dependency jars at
/kit/lib/<name>.jar; the kernel jar, its patch and logging settings at /kit/kernel; ND4J's extracted native
libraries at /kit/javacpp/<jar> (in a small tmpfs: javacpp wants a writable cache folder); harness.py and runner.py at /kit/harness; a private /tmp (tmpfs, TMP_BYTES, writable,
gone when the sandbox ends) that holds the kernel's working folder. Not the kit's checkout, the hidden tests,
the solutions, other submissions, the grader's output or anyone's home: they are not mounted, and no path,
property, environment variable or class path entry the kernel can read names them (`leaks` checks).
Namespaces: network (only a private loopback), PID (sees its own processes), IPC, UTS, cgroup; the sandbox dies
with the grader (--die-with-parent) and has its own session (no terminal injection). Run as root, the sandbox
switches to an unused uid (so that the process limit counts its own processes only), drops every capability
and sets no-new-privileges; run as a user, bubblewrap maps that user. Limits (rlimits, set with prlimit): NPROC
processes and threads, FSIZE bytes per file, NOFILE open files.
"""
import asyncio
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from .runner import GRADE_KERNEL, CellRun, Kernel, die_with_parent

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NPROC = 1024                # processes + threads of the sandbox's uid (a correct kernel uses about 60)
FSIZE = 64 << 20            # bytes per file written
NOFILE = 1024
TMP_BYTES = 256 << 20       # the private /tmp (tmpfs: memory, freed when the sandbox ends)
UNSANDBOXED_FLAG = "--unsandboxed-i-accept-that-student-code-can-read-and-change-my-files"
EXPOSED = ("without bubblewrap, each submission's code runs with your rights: it can read and change your files "
           "(the hidden tests, the solutions, the other submissions, the gradebook), start processes and use "
           "the network")


def bwrap():
    return shutil.which("bwrap") if sys.platform.startswith("linux") else None


def usable():
    """None if bubblewrap runs here, else why not (in the instructor's terms)."""
    exe = bwrap()
    if exe is None:
        return ("bubblewrap (bwrap) is not installed" if sys.platform.startswith("linux")
                else f"the grading sandbox needs Linux (bubblewrap); this is {sys.platform}")
    r = subprocess.run([exe, "--unshare-net", "--unshare-pid", "--die-with-parent", "--ro-bind", "/usr", "/usr",
                        "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64",
                        "/lib64", "--proc", "/proc", "--dev", "/dev", "--", "/usr/bin/true"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return f"bubblewrap does not run here ({r.stderr.strip()[:200]})"
    return None


class Layout:
    """The mounts and the kernelspec of the sandbox, from the kit's own kernelspec (build/jupyter/kernels/java)."""

    def __init__(self, kit_spec_path, heap="1g"):
        spec = json.loads(Path(kit_spec_path).read_text())
        argv, env = spec["argv"], spec.get("env", {})
        cut = argv.index("--")
        defaults = dict(a.split("=", 1) for a in argv[2:cut])          # kernel_launch.py's VAR=VALUE defaults
        java = argv[cut + 1:]
        self.binds = []              # (host path, sandbox path)
        jdk = Path(os.path.realpath(shutil.which(java[0]) or java[0])).parents[1]
        self.binds.append((jdk, "/kit/jdk"))
        self.etc = sorted(str(p) for p in Path("/etc").glob("java-*")) + \
            [p for p in ("/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives") if os.path.exists(p)]
        cp = java[java.index("-cp") + 1].split(os.pathsep)
        kernel_cp = []
        for k, p in enumerate(cp):
            dest = f"/kit/kernel/{k}-{Path(p).name}"
            self.binds.append((Path(p), dest))
            kernel_cp.append(dest)
        lib_cp = []
        for p in env["RJK_CLASSPATH"].split(";"):
            dest = f"/kit/lib/{Path(p).name}"        # the file's own name: javacpp's cache is keyed by it
            if dest in lib_cp:
                raise SystemExit(f"error: two jars named {Path(p).name} on the library's class path")
            self.binds.append((Path(p), dest))
            lib_cp.append(dest)
        self.javacpp = ROOT / "build" / "grades" / ".sandbox" / "javacpp"
        opts = []
        for a in java[1:java.index("-cp")]:
            key = a.split("=", 1)[0]
            if key == "-Dorg.bytedeco.javacpp.cachedir":
                opts.append("-Dorg.bytedeco.javacpp.cachedir=/kit/javacpp")
            elif key == "-Djava.util.logging.config.file":
                self.binds.append((self.logging_properties(Path(a.split("=", 1)[1])), "/kit/kernel/logging.properties"))
                opts.append("-Djava.util.logging.config.file=/kit/kernel/logging.properties")
            elif key == "-Dlecture7.log":
                opts.append("-Dlecture7.log=/tmp/lecture7.log")
            elif key in ("-Dlecture7.root", "-Dorg.bytedeco.javacpp.maxbytes", "-Dorg.bytedeco.javacpp.maxphysicalbytes") \
                    or a.startswith("-Xmx"):
                continue
            else:
                opts.append(a)
        opts += [f"-Xmx{heap}", "-XX:+ExitOnOutOfMemoryError", "-Dorg.bytedeco.javacpp.maxbytes=1g",
                 "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g"]
        self.classpath = lib_cp
        self.spec = {
            "argv": ["/kit/jdk/bin/java"] + opts + ["-cp", ":".join(kernel_cp), java[-2], "{connection_file}"],
            "display_name": f"Java (grading sandbox, heap {heap})", "language": "java", "interrupt_mode": "message",
            "env": {"RJK_CLASSPATH": ";".join(lib_cp), "RJK_TIMEOUT_MILLIS": "-1", "RJK_COMPILER_OPTIONS": "",
                    "RJK_INIT_SCRIPT": "", "RJK_MIMA_CACHE": "/tmp/mima",
                    # one core per grading kernel: the library's training pool (lecture7.compute.Parallel) would
                    # otherwise use every core in each of the kernels graded side by side (the results are the same)
                    "KIT_THREADS": "1"}}
        # the machine's settings the user exported (OPENBLAS_CORETYPE, ...), else the kit's defaults; no paths
        self.env = {}
        for name, value in defaults.items():
            if name == "KIT_DATA":
                continue
            self.env[name] = os.environ.get(name) or value
        for b in self.binds:
            if not b[0].exists():
                raise SystemExit(f"error: {b[0]} is missing; run environment/install.sh")
        self.check()

    @staticmethod
    def logging_properties(src):
        """The kernel's logging settings with its log file in the sandbox's /tmp (%t), comments (paths) dropped."""
        lines = [l for l in src.read_text().splitlines() if l.strip() and not l.lstrip().startswith("#")]
        lines = ["java.util.logging.FileHandler.pattern=%t/java-kernel-%u.%g.log" if l.startswith(
            "java.util.logging.FileHandler.pattern") else l for l in lines]
        dest = ROOT / "build" / "grades" / ".sandbox" / "logging.properties"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text("\n".join(lines) + "\n")
        return dest

    def check(self):
        """No instructor path in anything the kernel can read: kernelspec, environment, mount points."""
        small = [h.read_text(errors="replace") for h, _ in self.binds
                 if h.is_file() and h.suffix != ".jar" and h.stat().st_size < 100_000]      # (the settings files)
        text = json.dumps([self.spec, self.env, [d for _, d in self.binds], small])
        for bad in {str(ROOT), str(Path.home()), "/root", "/home"}:
            if bad and bad != "/" and bad in text:
                raise SystemExit(f"error: the grading sandbox would show the path {bad} to the kernel")

    def warm(self, log):
        """ND4J extracts its native libraries into javacpp's cache on first use. Done once here, before any
        student code, in a sandbox of the same layout whose /kit/javacpp is writable (so the links javacpp makes
        between the libraries name /kit/javacpp); grading sandboxes then mount the cache read-only."""
        self.javacpp = ROOT / "build" / "grades" / ".sandbox" / "javacpp"
        marker = self.javacpp / ".kit-warm"
        if marker.is_file():
            return
        self.javacpp.mkdir(parents=True, exist_ok=True)
        src = self.javacpp.parent / "KitWarm.java"
        src.write_text("class KitWarm { public static void main(String[] a) { "
                       "System.out.println(org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber()); } }\n")
        cmd = self.command(True, None, warm=src)
        r = subprocess.run(cmd, capture_output=True, text=True, **OUTER)
        if r.returncode != 0 or "4.0" not in r.stdout:
            raise SystemExit(f"error: ND4J did not start in the sandbox to fill its native-library cache:\n{r.stderr[-2000:]}")
        marker.write_text("ok\n")
        log("ND4J's native libraries extracted once for the grading sandbox (" + str(self.javacpp) + ")")

    def stage(self, where=None):
        """Every mounted file and folder that is not the system's (/usr, /etc) is linked (hard links; copied on
        another file system) into a fresh folder with a neutral name, /tmp/kit-sandbox-XXXX: a bind mount shows
        its source path in the sandbox's /proc/self/mountinfo, and that must name no instructor path.
        Returns the folder (the caller removes it when grading ends)."""
        import tempfile
        root = Path(tempfile.mkdtemp(prefix="kit-sandbox-", dir=where or "/tmp"))
        os.chmod(root, 0o755)

        def put(src, rel):
            dest = root / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                for dirpath, dirs, files in os.walk(src):
                    for name in files + [d for d in dirs if os.path.islink(os.path.join(dirpath, d))]:
                        f = Path(dirpath) / name
                        t = dest / f.relative_to(src)
                        t.parent.mkdir(parents=True, exist_ok=True)
                        if f.is_symlink():
                            t.symlink_to(os.readlink(f))
                        else:
                            try:
                                os.link(f, t)
                            except OSError:
                                shutil.copy2(f, t)
            else:
                try:
                    os.link(src, dest)
                except OSError:
                    shutil.copy2(src, dest)
            return dest

        system = ("/usr/", "/etc/", "/opt/")
        self.binds = [(h if str(h).startswith(system) else put(Path(h), d.lstrip("/")), d) for h, d in self.binds]
        self.harness = {n: put(HERE / n, f"kit/harness/{n}") for n in ("harness.py", "runner.py")}
        self.javacpp = put(self.javacpp, "kit/javacpp")
        self.staged = root
        for h, _ in self.binds + [(v, None) for v in self.harness.values()] + [(self.javacpp, None)]:
            for bad in (str(ROOT), str(Path.home())):
                if str(h).startswith(bad + "/"):
                    raise SystemExit(f"error: the sandbox would mount {h}, whose path names {bad}")
        return root

    def command(self, fast, uid, warm=None):
        exe = bwrap()
        cmd = [exe, "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
               "--die-with-parent", "--new-session", "--hostname", "grading",
               "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
               "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
               "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
        for d in ("/etc", "/kit", "/kit/lib", "/kit/kernel", "/kit/harness"):
            cmd += ["--perms", "0755", "--dir", d]          # (bwrap would make them 0700: unreadable after setpriv)
        for p in self.etc:
            cmd += ["--ro-bind", p, p]
        for host, dest in self.binds:
            cmd += ["--ro-bind", str(host), dest]
        if warm:
            cmd += ["--bind", str(self.javacpp), "/kit/javacpp"]
        else:      # javacpp wants a writable cache folder (its lock file): a small tmpfs, each library folder read-only
            cmd += ["--perms", "1777", "--size", str(1 << 20), "--tmpfs", "/kit/javacpp"]
            for d in sorted(self.javacpp.iterdir()):
                if d.is_dir():
                    cmd += ["--ro-bind", str(d), f"/kit/javacpp/{d.name}"]
        if warm:
            cmd += ["--ro-bind", str(warm), "/kit/KitWarm.java"]
        harness = getattr(self, "harness", None) or {n: HERE / n for n in ("harness.py", "runner.py")}
        for name, src in harness.items():
            cmd += ["--ro-bind", str(src), f"/kit/harness/{name}"]
        py = Path(sys.executable).resolve()
        if not str(py).startswith("/usr/"):
            cmd += ["--ro-bind", sys.prefix, sys.prefix]
        cmd += ["--chdir", "/tmp", "--clearenv"]
        env = {"PATH": "/kit/jdk/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "TMPDIR": "/tmp",
               "JUPYTER_PATH": "/tmp/jupyter", "JUPYTER_RUNTIME_DIR": "/tmp/jupyter/runtime",
               "JUPYTER_DATA_DIR": "/tmp/jupyter/data", "JUPYTER_CONFIG_DIR": "/tmp/jupyter/config",
               "JUPYTER_PLATFORM_DIRS": "1", "PYTHONDONTWRITEBYTECODE": "1", "KIT_FAST": "1" if fast else "0",
               **self.env}
        for k, v in env.items():
            cmd += ["--setenv", k, v]
        cmd.append("--")
        if warm:
            return cmd + ["/kit/jdk/bin/java", "-Dorg.bytedeco.javacpp.cachedir=/kit/javacpp", "-cp",
                          ":".join(self.classpath), "/kit/KitWarm.java"]
        if os.geteuid() == 0:      # root: run as an unused uid without capabilities (rlimits apply to it)
            cmd += ["/usr/bin/setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
                    "--bounding-set=-all", "--no-new-privs", "--"]
        cmd += ["/usr/bin/prlimit", f"--nproc={NPROC}", f"--fsize={FSIZE}", f"--nofile={NOFILE}", "--core=0", "--",
                str(py), "-I", "/kit/harness/harness.py"]
        return cmd


# bwrap itself (the sandbox's PID 1, whose /proc entries a user-mode sandbox can read) starts in / with an
# environment of its own: the grader's working folder and environment (PWD, HOME, ...) name instructor paths
OUTER = {"cwd": "/", "env": {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}}


def sandbox_uid():
    """An unused uid for a root-run sandbox: one per grading worker, so a fork bomb in one submission uses up
    its own process limit, not that of a submission graded next to it."""
    return 61000 + os.getpid() % 4000


class SandboxKernel(Kernel):
    """runner.Kernel's interface (start, run, restart with replay, stop), with the kernel in a fresh sandbox.

    The grader enforces every time limit itself (the harness's own limit plus GRACE), so a submission that stops
    or kills the harness only ends its own sandbox."""
    GRACE = 20.0

    def __init__(self, layout, fast, log_path, start_timeout=90.0, retries=3):
        super().__init__("/tmp/work", log_path, start_timeout, retries)
        self.layout, self.fast = layout, fast
        self.proc = None
        self.ids = 0

    async def _request(self, req, timeout):
        self.ids += 1          # random ids: a line the submission writes into the executor's pipe is not an answer
        req = {"id": f"{self.ids}-{secrets.token_hex(8)}", **req}
        try:
            self.proc.stdin.write((json.dumps(req) + "\n").encode())
            await self.proc.stdin.drain()
            while True:
                line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
                if not line:
                    return None                     # the sandbox ended
                try:
                    ans = json.loads(line)
                except ValueError:
                    continue                        # not the harness's line
                if isinstance(ans, dict) and ans.get("id") == req["id"]:
                    return ans
        except (asyncio.TimeoutError, TimeoutError):
            return "timeout"
        except (BrokenPipeError, ConnectionResetError, ValueError):
            return None                             # ValueError: a line longer than the stream's limit

    async def start(self):
        last = None
        for attempt in range(1, self.retries + 1):
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            # stderr through a pipe the grader copies into the log (an open log file would show its path in the
            # sandbox's /proc/self/fd)
            self.proc = await asyncio.create_subprocess_exec(
                *self.layout.command(self.fast, sandbox_uid()), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, preexec_fn=die_with_parent, limit=16 << 20, **OUTER)
            self.drain = asyncio.ensure_future(self._drain(self.proc.stderr))
            ans = await self._request({"op": "start", "spec": self.layout.spec, "preamble": self.preamble or '"kit"',
                                       "start_timeout": self.start_timeout}, self.start_timeout * 2 + self.GRACE)
            if isinstance(ans, dict) and ans.get("status") == "ok":
                self.baseline = self._cellrun(ans)
                self.client = self.proc          # (the grader's "kernel is up" test)
                return
            last = ans.get("error") if isinstance(ans, dict) else ("no answer in time" if ans == "timeout" else "the sandbox ended")
            await self.stop()
        raise RuntimeError(f"the Java kernel did not start in {self.retries} attempts ({last})")

    async def _drain(self, stream, limit=4 << 20):
        """Copies the sandbox's stderr into the kernel log, up to `limit` bytes (then reads and drops)."""
        written = 0
        with open(self.log_path, "ab") as log:
            while True:
                chunk = await stream.read(65536)
                if not chunk:
                    return
                if written < limit:
                    log.write(chunk[:limit - written])
                    log.flush()
                    written += len(chunk)

    @staticmethod
    def _cellrun(ans):
        outputs = [o for o in ans.get("outputs", []) if isinstance(o, dict)]
        return CellRun(str(ans.get("status")), outputs, str(ans.get("ename", ""))[:200], str(ans.get("evalue", ""))[:2000])

    async def stop(self):
        p = self.proc
        if p is None:
            return
        if p.returncode is None:
            ans = await self._request({"op": "stop"}, 15)
            if isinstance(ans, dict) and isinstance(ans.get("log"), str):
                with open(self.log_path, "a", encoding="utf-8") as log:
                    log.write(ans["log"])
            try:
                p.kill()
            except ProcessLookupError:
                pass
        await p.wait()
        try:
            await asyncio.wait_for(self.drain, 10)
        except (asyncio.TimeoutError, TimeoutError):
            self.drain.cancel()
        self.proc = self.client = None

    async def _execute(self, code, timeout, record=True):
        cell = nbformat.v4.new_code_cell(code)
        self.nb.cells.append(cell)
        t0 = time.perf_counter()
        ans = await self._request({"op": "run", "code": code, "timeout": max(1, int(timeout))}, timeout + self.GRACE)
        if ans == "timeout":
            run = CellRun("timeout")
        elif ans is None:
            run = CellRun("dead", [], "DeadKernelError", "the sandbox ended")
        else:
            run = self._cellrun(ans)
            if run.status not in ("ok", "error", "timeout", "dead"):
                run = CellRun("dead", [], "DeadKernelError", "no valid answer from the sandbox")
        cell.outputs = [nbformat.from_dict(o) for o in run.outputs if "output_type" in o]
        run.seconds = time.perf_counter() - t0
        if record and run.status == "ok":
            self.completed.append(code)
        return run
