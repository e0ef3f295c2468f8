"""The grader against adversarial submissions (environment/grade.py; issue 14), and the secrecy of hidden tests.

The submissions are built here from the editions of the homework sources: a correct one (the instructor
edition), the untouched student edition, hard-coded visible values with a forged [grade] line, a user class
named Check and an edited check cell, an endless loop, memory exhaustion, System.exit, a thrown exception, a
thread left running, deleted cells, invalid JSON, an empty file and the other homework. Each has its expected
gradebook rows. The grading runs need the kit's kernel (environment/kit test installs it); the other tests
need nothing but Python.
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

ENV = Path(__file__).resolve().parents[1]
ROOT = ENV.parent
sys.path.insert(0, str(ENV))
import editions  # noqa: E402
import grade  # noqa: E402
from grading import flags, hidden, homework, submission  # noqa: E402

KERNEL = ROOT / "build" / "jupyter" / "kernels" / "java" / "kernel.json"
# both homeworks are graded at once, one submission each: two kernels on CI's two cores
# (a slower machine can give more time: KIT_GRADE_CELL_TIMEOUT, KIT_START_TIMEOUT)
LIMITS = ["--cell-timeout", os.environ.get("KIT_GRADE_CELL_TIMEOUT", "30"), "--submission-timeout", "900", "--jobs", "1"]
SEED = 424242           # the hidden inputs of these runs (hidden_strings needs them); a real run draws its own
TOKEN = "k7attack" + str(os.getpid())     # names of the files the attacks try to create outside the sandbox


def edition(hid, which):
    hw = homework.load(hid)
    nb = json.loads(hw.path.read_text(encoding="utf-8"))
    return hw, editions.edition_of(nb, which, str(hw.path))


def cell_of(nb, hw, pid, kind="answer", n=0):
    """The edition's cell that is the n-th `kind` cell of part pid."""
    sc = [c for c in hw.cells if c.part == pid and c.kind == kind][n]
    return next(c for c in nb["cells"] if c.get("id") == sc.cell_id)


def fill(cell, *answers):
    """Replaces the student edition's placeholders (// YOUR CODE HERE + the next line) in order by `answers`."""
    lines, out, k = editions.source_text(cell).split("\n"), [], 0
    i = 0
    while i < len(lines):
        if lines[i].strip() == "// YOUR CODE HERE":
            indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
            out += [indent + l for l in answers[k].split("\n")]
            k += 1
            i += 2
        else:
            out.append(lines[i])
            i += 1
    assert k == len(answers), f"{k} placeholders, {len(answers)} answers"
    cell["source"] = "\n".join(out)


def insert_after(nb, cell, text):
    nb["cells"].insert(nb["cells"].index(cell) + 1, {"cell_type": "code", "metadata": {}, "source": text,
                                                      "outputs": [], "execution_count": None})


def edit(nb, hw, pid, *pairs, kind="answer"):
    """Replaces text in the instructor edition's answer cell of part pid (a wrong answer a student writes)."""
    c = cell_of(nb, hw, pid, kind)
    text = editions.source_text(c)
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in text, f"{pid}: {old!r} not in the cell"
        text = text.replace(old, new, 1)
    c["source"] = text


def visible(hw, check_id):
    """The expected value a visible check shows (what a student could copy)."""
    text = "\n".join(c.text for c in hw.cells)
    m = re.search(r'Check\.value\("' + re.escape(check_id) + r'",.*?,\s*(-?[\d.]+(?:[eE]-?\d+)?),\s*[\d.eE-]+\);', text)
    return m.group(1)


def write(d, name, nb):
    (d / f"{name}.ipynb").write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


def host_ip():
    """This machine's address on its network (the listener's second address), else loopback."""
    import socket
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as so:
            so.connect(("10.255.255.255", 1))
            return so.getsockname()[0]
    except OSError:
        return "127.0.0.1"


class Listener:
    """A TCP listener outside the sandbox, on every address: counts the connections it gets (must stay 0)."""

    def __init__(self):
        import socket
        import threading
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("0.0.0.0", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            c.close()

    def close(self):
        self.sock.close()


LISTENER = None


def java_str(text):
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def attack_code(d):
    """Java that tries every route a student can write in a minute: reads of the instructor's files (properties,
    environment, class path, /proc, guessed paths, the working directory's parents, FileInputStream and nio),
    writes outside its scratch folder (hidden tests, grader output, another submission, home, /tmp), processes
    (ProcessBuilder, Runtime.exec), the network (a listener outside, on loopback and on the machine's address).
    It prints what it got; the test reads that from the executed notebook, outside."""
    out = d.parent / f"out-{d.name}"
    paths = [ROOT / "environment/grading/hidden/H1.py", ROOT / "environment/grading/hidden/__init__.py",
             ROOT / "notebooks/homework/H1-linear-time-mmd.ipynb", d / "victim.ipynb", d, out, out / "gradebook.csv",
             Path.home(), Path("/root"), Path("/home"), ROOT, ROOT / "build", Path("/work"), Path("/etc/passwd"),
             Path("/etc/shadow"), Path(tempfile.gettempdir())]
    writes = [ROOT / "environment/grading/hidden/H1.py", ROOT / f"{TOKEN}-root", out / f"{TOKEN}-out",
              out / "gradebook.csv", d / "victim.ipynb", d / f"{TOKEN}-sub", Path.home() / f"{TOKEN}-home",
              Path(f"/tmp/{TOKEN}-tmp"), Path(f"/kit/lib/{TOKEN}"), Path(f"/kit/harness/runner.py"), Path(f"/{TOKEN}")]
    port = LISTENER.port if LISTENER is not None else 9     # (synthetic_class.py: no listener)
    j = lambda xs: ", ".join(java_str(x) for x in xs)
    return f"""StringBuilder k7a = new StringBuilder();
java.util.function.Consumer<String> k7say = t -> k7a.append(t).append('\\n');
System.getProperties().forEach((k, v) -> k7say.accept("PROPS " + k + "=" + v));
System.getenv().forEach((k, v) -> k7say.accept("ENV " + k + "=" + v));
k7say.accept("CP " + System.getProperty("java.class.path") + " " + System.getenv("RJK_CLASSPATH"));
try (var ps = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {{
    for (var q : (Iterable<java.nio.file.Path>) ps::iterator) {{
        String n = q.getFileName().toString();
        if (!n.chars().allMatch(Character::isDigit) && !n.equals("self")) continue;
        for (String f : new String[]{{"cmdline", "environ", "cwd", "root"}}) {{
            try {{ k7say.accept("PROC " + n + ":" + f + " " + (f.startsWith("c") && f.length() == 3 || f.equals("root")
                ? java.nio.file.Files.readSymbolicLink(q.resolve(f)).toString()
                : new String(java.nio.file.Files.readAllBytes(q.resolve(f))).replace('\\0', ' '))); }}
            catch (Exception e) {{ k7say.accept("NOPROC " + n + ":" + f + " " + e); }}
        }}
    }}
}} catch (Exception e) {{ k7say.accept("NOLIST /proc " + e); }}
try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {{
    for (var q : (Iterable<java.nio.file.Path>) fds::iterator)
        try {{ k7say.accept("FD " + q + " " + java.nio.file.Files.readSymbolicLink(q)); }} catch (Exception e) {{ k7say.accept("NOFD " + q + " " + e); }}
}} catch (Exception e) {{ k7say.accept("NOFDS " + e); }}
for (String f : new String[]{{"/proc/self/mountinfo", "/proc/1/mountinfo"}}) {{
    try {{ k7say.accept("MOUNTS " + new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(f))).replace('\\n', '|')); }}
    catch (Exception e) {{ k7say.accept("NOMOUNTS " + e); }}
}}
for (String f : new String[]{{{j(paths)}}}) {{
    try (var in = new java.io.FileInputStream(f)) {{ k7say.accept("FIS-OK " + f + " " + new String(in.readAllBytes())); }}
    catch (Exception e) {{ k7say.accept("NOFIS " + f + " " + e); }}
    try {{ k7say.accept("NIO-OK " + f + " " + java.nio.file.Files.readString(java.nio.file.Path.of(f))); }}
    catch (Exception e) {{ k7say.accept("NONIO " + f + " " + e); }}
    String[] k7l = new java.io.File(f).list();
    k7say.accept((k7l == null ? "NOLIST " : "LIST-OK ") + f + " " + (k7l == null ? "" : String.join(",", k7l)));
}}
try {{
    java.io.File k7d = new java.io.File(".").getCanonicalFile();
    while (k7d != null) {{ String[] l = k7d.list(); k7say.accept("CWD " + k7d + " " + (l == null ? "-" : String.join(",", l))); k7d = k7d.getParentFile(); }}
}} catch (Exception e) {{ k7say.accept("NOCWD " + e); }}
java.util.ArrayDeque<java.io.File> k7q = new java.util.ArrayDeque<>(java.util.List.of(new java.io.File("/")));
int k7n = 0;
while (!k7q.isEmpty() && k7n < 3000) {{
    java.io.File f = k7q.poll();
    String p = f.getPath();
    if (p.matches("/(proc|sys|usr|dev|lib|lib64|bin|sbin|etc)(/.*)?") || p.matches("/kit/(lib|javacpp|jdk)/.*")) continue;
    k7n++;
    java.io.File[] kids = f.listFiles();
    if (kids != null) {{ for (java.io.File k : kids) k7q.add(k); k7say.accept("DIR " + p); }}
    else if (f.isFile() && f.length() < 20_000 && !p.endsWith(".jar") && !p.contains(".so")) {{
        try {{ k7say.accept("FILE " + p + " " + java.nio.file.Files.readString(f.toPath())); }} catch (Exception e) {{ k7say.accept("NOFILE " + p); }}
    }}
}}
for (String f : new String[]{{{j(writes)}}}) {{
    try {{ java.nio.file.Files.writeString(java.nio.file.Path.of(f), "\\nprint('{TOKEN} pwned')\\n",
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND); k7say.accept("WROTE " + f); }}
    catch (Exception e) {{ k7say.accept("NOWRITE " + f + " " + e); }}
}}
try {{
    Process k7p = new ProcessBuilder("sh", "-c", "id; echo {TOKEN} > {ROOT}/{TOKEN}-proc; echo {TOKEN} > /tmp/{TOKEN}-proc; "
        + "cat {ROOT}/environment/grading/hidden/H1.py; ls -la / /kit").redirectErrorStream(true).start();
    k7say.accept("PROCESS " + new String(k7p.getInputStream().readAllBytes()).replace('\\n', '|'));
}} catch (Exception e) {{ k7say.accept("NOPROCESS " + e); }}
try {{ Runtime.getRuntime().exec(new String[]{{"/bin/sh", "-c", "echo {TOKEN} > {Path.home()}/{TOKEN}-exec"}}).waitFor(); k7say.accept("EXEC ran"); }}
catch (Exception e) {{ k7say.accept("NOEXEC " + e); }}
for (String h : new String[]{{"127.0.0.1", "localhost", {java_str(host_ip())}}}) {{
    try (var so = new java.net.Socket()) {{ so.connect(new java.net.InetSocketAddress(h, {port}), 2000);
        so.getOutputStream().write("{TOKEN}".getBytes()); k7say.accept("CONNECTED " + h); }}
    catch (Exception e) {{ k7say.accept("NOCONNECT " + h + " " + e); }}
}}
System.out.println("K7-ATTACKS-DONE");
System.out.println(k7a);"""


# a submission that prints everything it is given, and throws it back in an exception's message
PRINTER = ("System.out.println(\"GIVEN \" + java.util.Arrays.toString(x) + java.util.Arrays.toString(y) + sigma);\n"
           "System.err.println(\"GIVEN \" + java.util.Arrays.toString(x));\n")
THROWER = ("if (x.length != 8 && x.length < 100) throw new IllegalStateException(\"GIVEN \" + java.util.Arrays.toString(x) + "
           "java.util.Arrays.toString(y));\n")

BOMBS = """for (int k = 0; k < 6; k++) {
    try (var out = new java.io.FileOutputStream("/tmp/fill" + k)) { byte[] b = new byte[1 << 20]; for (int i = 0; i < 100; i++) out.write(b); }
    catch (Throwable e) { System.out.println("FILL " + k + " " + e); }
}
try (var out = new java.io.FileOutputStream("fill-here")) { byte[] b = new byte[1 << 20]; for (int i = 0; i < 100; i++) out.write(b); }
catch (Throwable e) { System.out.println("FILL cwd " + e); }
try { new ProcessBuilder("sh", "-c", ":(){ :|:& };:").start(); Thread.sleep(3000); } catch (Throwable e) { System.out.println("FORK " + e); }
java.util.List<Thread> bombs = new java.util.ArrayList<>();
while (true) { Thread t = new Thread(() -> { try { Thread.sleep(1_000_000); } catch (InterruptedException e) { } }); t.start(); bombs.add(t); }"""

FORGER = """System.out.println("[grade] H1 10/10");
System.out.println("[check] H1a PASS");
Thread forge = new Thread(() -> {
    for (int k = 0; k < 3000; k++) {
        try {
            for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
                if (!h.info().commandLine().orElse("").contains("harness")) continue;
                try (var out = new java.io.FileOutputStream("/proc/" + h.pid() + "/fd/1")) {
                    for (int id = 0; id < 60; id++)
                        out.write(("{\\"id\\": " + id + ", \\"status\\": \\"ok\\", \\"outputs\\": [{\\"output_type\\": \\"execute_result\\", "
                                   + "\\"data\\": {\\"text/plain\\": \\"0 d 3ff0000000000000 1 d 3ff0000000000000\\"}}]}\\n").getBytes());
                }
            }
            System.out.println("0 d 3ff0000000000000 1 d 3ff0000000000000 2 d 3ff0000000000000");
            Thread.sleep(20);
        } catch (Exception e) { }
    }
});
forge.setDaemon(true);
forge.start();"""


def h1_submissions(d):
    """H1 submissions and their expected {student: {part: status}} and flags."""
    expected, expected_flags = {}, {}
    hw, nb = edition("H1", "instructor")
    write(d, "correct", nb)
    expected["correct"] = dict.fromkeys(["H1a", "H1b", "H1c", "H1d", "H1e"], "passed")

    _, nb = edition("H1", "student")
    write(d, "untouched", nb)
    expected["untouched"] = dict.fromkeys(["H1a", "H1b", "H1c", "H1d", "H1e"], "not_answered")

    # hard-coded visible values, a forged [grade] line, a class named Check, an edited check cell
    _, nb = edition("H1", "student")
    fill(cell_of(nb, hw, "H1a"), f"return {visible(hw, 'H1a')};")
    fill(cell_of(nb, hw, "H1b"), f"double[] h = new double[x.length / 2];\njava.util.Arrays.fill(h, {visible(hw, 'H1b')});\nreturn h;")
    fill(cell_of(nb, hw, "H1c"), f"return {visible(hw, 'H1c')};")
    fill(cell_of(nb, hw, "H1d"), "double sizeLinear = 0.05;")
    check_d = cell_of(nb, hw, "H1d", "locked")
    check_d["source"] = 'Check.that("H1d", true, "size fine", "");'
    insert_after(nb, cell_of(nb, hw, "H1e", "locked"),
                 'class Check {\n'
                 '    static void value(String id, java.util.function.DoubleSupplier a, double e, double t) { System.out.println("[check] " + id + " PASS"); }\n'
                 '    static void estimate(String id, double a, double e, double s) { System.out.println("[check] " + id + " PASS"); }\n'
                 '    static void that(String id, boolean ok, String a, String b) { System.out.println("[check] " + id + " PASS"); }\n'
                 '}\n'
                 'System.out.println("[grade] H1 10/10");')
    nb["cells"].remove(cell_of(nb, hw, "H1e"))      # a deleted answer cell: not answered
    write(d, "cheater", nb)
    expected["cheater"] = {"H1a": "failed", "H1b": "failed", "H1c": "failed", "H1d": "failed", "H1e": "not_answered"}
    expected_flags["cheater"] = ["prints the checker's markers", "declares its own Check"]

    # faults: an endless loop in (a), System.exit in (e); (b)-(d) correct and still graded; the part
    # declarations and (b)'s check deleted (both restored)
    _, nb = edition("H1", "instructor")
    a = cell_of(nb, hw, "H1a")
    a["source"] = editions.source_text(a).replace("int m = x.length;", "int m = x.length;\nwhile (m > 0) { m = m | 1; }", 1)
    e = cell_of(nb, hw, "H1e")
    e["source"] = "System.exit(0);\n" + editions.source_text(e)
    drop = [next(c for c in nb["cells"] if "new Homework(" in editions.source_text(c)), cell_of(nb, hw, "H1b", "locked")]
    nb["cells"] = [c for c in nb["cells"] if c not in drop]
    write(d, "faults", nb)
    expected["faults"] = {"H1a": "timeout", "H1b": "passed", "H1c": "passed", "H1d": "passed", "H1e": "error"}
    expected_flags["faults"] = ["exits the JVM", "set-up cells"]

    # wrong answers students write (issue 21): each loses its part's points. (a)-(c) are deterministic; (d) and (e)
    # fail by the acceptance regions in hidden/H1.py (the arithmetic is there)
    _, nb = edition("H1", "instructor")
    edit(nb, hw, "H1a", "if (i != j) { kxx += rbf(x[i], x[j], sigma); kyy += rbf(y[i], y[j], sigma); }",
         "kxx += rbf(x[i], x[j], sigma); kyy += rbf(y[i], y[j], sigma);",          # the biased V-statistic
         "(kxx + kyy) / (m * (m - 1.0))", "(kxx + kyy) / ((double) m * m)")
    edit(nb, hw, "H1c", "Math.sqrt(ss / (h.length - 1))", "Math.sqrt(ss / h.length)")            # n, not n − 1
    edit(nb, hw, "H1d", "if (linearZ(a, b, 1.0) > 1.645) rejections++;",
         "if (linearZ(a, b, 1.0) > 16.45) rejections++;")                           # a test that never rejects
    edit(nb, hw, "H1e", "if (stat.applyAsDouble(idx) >= observed) atLeast++;",
         "if (stat.applyAsDouble(idx) <= observed) atLeast++;")                     # the p-value the wrong way round
    write(d, "wrong1", nb)
    expected["wrong1"] = {"H1a": "failed", "H1b": "passed", "H1c": "failed", "H1d": "failed", "H1e": "failed"}
    _, nb = edition("H1", "instructor")
    edit(nb, hw, "H1a", "(kxx + kyy) / (m * (m - 1.0))", "(kxx + kyy) / ((double) m * m)")   # m² for m(m − 1)
    edit(nb, hw, "H1d", "if (linearZ(a, b, 1.0) > 1.645) rejections++;",
         "if (Math.abs(linearZ(a, b, 1.0)) > 1.645) rejections++;")                # two-sided
    edit(nb, hw, "H1e", "double[] a = new double[mLin], c = new double[mLin];",
         "double[] a = new double[2 * nQuad], c = new double[2 * nQuad];",         # unequal compute: 60 points
         "for (int i = 0; i < mLin; i++) { a[i]", "for (int i = 0; i < 2 * nQuad; i++) { a[i]")
    write(d, "wrong2", nb)
    expected["wrong2"] = {"H1a": "failed", "H1b": "passed", "H1c": "passed", "H1d": "failed", "H1e": "failed"}
    _, nb = edition("H1", "instructor")
    edit(nb, hw, "H1a", "- 2 * kxy / ((double) m * m)", "- kxy / ((double) m * m)")             # the 2 forgotten
    edit(nb, hw, "H1b", "- rbf(x1, y2, sigma) - rbf(x2, y1, sigma)", "- rbf(x1, y1, sigma) - rbf(x2, y2, sigma)")  # pairing
    edit(nb, hw, "H1c", "return mu / (Math.sqrt(ss / (h.length - 1)) / Math.sqrt(h.length));",
         "return mu / Math.sqrt(ss / (h.length - 1));")                              # √(m/2) forgotten
    edit(nb, hw, "H1d", "> 1.645) rejections++;", "> 1.96) rejections++;")         # the 2.5 % quantile
    edit(nb, hw, "H1e", "if (linearZ(a, c, 1.0) > 1.645) rejL++;", "if (Math.abs(linearZ(a, c, 1.0)) > 1.645) rejL++;")
    write(d, "wrong3", nb)
    expected["wrong3"] = dict.fromkeys(["H1a", "H1b", "H1c", "H1d", "H1e"], "failed")

    # a victim: the correct solution with a secret in a comment, graded next to the attacks
    _, nb = edition("H1", "instructor")
    a = cell_of(nb, hw, "H1a")
    a["source"] = f"// {TOKEN}-victim-secret\n" + editions.source_text(a)
    write(d, "victim", nb)
    expected["victim"] = dict.fromkeys(["H1a", "H1b", "H1c", "H1d", "H1e"], "passed")

    # the attacks (a curious student's minute each): every route to the instructor's files and the world, then
    # the correct answers, so every part must pass as without the attack
    _, nb = edition("H1", "instructor")
    insert_after(nb, next(c for c in nb["cells"] if "import java.util.Random;" in editions.source_text(c)),
                 attack_code(d))
    edit(nb, hw, "H1a", "    int m = x.length;\n", PRINTER + "    int m = x.length;\n")
    edit(nb, hw, "H1c", "double[] h = linearTerms(x, y, sigma);", THROWER + "double[] h = linearTerms(x, y, sigma);")
    write(d, "attacker", nb)
    expected["attacker"] = {"H1a": "passed", "H1b": "passed", "H1c": "error", "H1d": "passed", "H1e": "passed"}

    # resources: a file that fills the disk, a fork bomb, a thread bomb (ending the kernel) in (a); a sleep past the
    # limit in (b); (c)-(e) graded as usual
    _, nb = edition("H1", "instructor")
    insert_after(nb, cell_of(nb, hw, "H1a"), BOMBS)
    insert_after(nb, cell_of(nb, hw, "H1b"), "Thread.sleep(1_000_000_000L);")
    write(d, "bomber", nb)
    # (a): "error" when the thread bomb ends the JVM, "passed" when it only throws (both seen): contained either way
    expected["bomber"] = {"H1a": ("error", "passed"), "H1b": "timeout", "H1c": "passed", "H1d": "passed", "H1e": "passed"}

    # forged output: wrong answers plus fake markers, fake result lines and fake replies written into the
    # executor's own output pipe; must stay as failed as without them
    _, nb = edition("H1", "student")
    fill(cell_of(nb, hw, "H1a"), "return 0.0;")
    insert_after(nb, cell_of(nb, hw, "H1a"), FORGER)
    write(d, "forger", nb)
    expected["forger"] = {"H1a": "failed", "H1b": "not_answered", "H1c": "not_answered", "H1d": "not_answered",
                          "H1e": "not_answered"}

    (d / "broken_json.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "double', encoding="utf-8")
    expected["broken_json"] = dict.fromkeys(["H1a", "H1b", "H1c", "H1d", "H1e"], "unreadable")
    (d / "empty_file.ipynb").write_text("", encoding="utf-8")
    expected["empty_file"] = dict.fromkeys(["H1a", "H1b", "H1c", "H1d", "H1e"], "unreadable")
    (d / "in_a_folder").mkdir()
    _, nb = edition("H2", "instructor")
    write(d / "in_a_folder", "H2-decomposition-by-sampling", nb)
    expected["in_a_folder"] = dict.fromkeys(["H1a", "H1b", "H1c", "H1d", "H1e"], "wrong_homework")
    return expected, expected_flags


def h2_submissions(d):
    expected, expected_flags = {}, {}
    hw, nb = edition("H2", "instructor")
    write(d, "correct", nb)
    expected["correct"] = dict.fromkeys(["H2a", "H2b", "H2c", "H2d"], "passed")

    # memory exhausted in (a) (and so in (b), which calls it), a throw in (d), a thread left running;
    # (c) correct and still graded
    _, nb = edition("H2", "instructor")
    a = cell_of(nb, hw, "H2a")
    a["source"] = editions.source_text(a).replace(
        "double[] l = new double[xs.length];",
        "java.util.List<double[]> hog = new java.util.ArrayList<>();\n"
        "    while (hog.size() < 100000) hog.add(new double[1 << 20]);\n"
        "    double[] l = new double[xs.length];", 1)
    dd = cell_of(nb, hw, "H2d")
    dd["source"] = editions.source_text(dd).replace("double v11 =", 'if (t >= 0) throw new IllegalStateException("not today");\n    double v11 =', 1)
    insert_after(nb, cell_of(nb, hw, "H2c", "locked"),
                 "Thread spy = new Thread(() -> { while (true) { try { Thread.sleep(200); } catch (InterruptedException e) { return; } } });\n"
                 "spy.setDaemon(true);\nspy.start();")
    write(d, "faults", nb)
    expected["faults"] = {"H2a": "error", "H2b": "error", "H2c": "passed", "H2d": "error"}
    expected_flags["faults"] = ["starts threads", "threads left running"]

    # hard-coded visible values in (b)-(d), (a) right, reflection into the checker
    _, nb = edition("H2", "instructor")
    inst = edition("H2", "instructor")[1]
    _, st = edition("H2", "student")
    b = cell_of(st, hw, "H2b")
    fill(b, f"double tcEstimate = {visible(hw, 'H2b')};")
    c = cell_of(st, hw, "H2c")
    fill(c, f"double penaltyBetaVae = {visible(hw, 'H2c-betavae')}, penaltyBetaTc = {visible(hw, 'H2c')};")
    dcell = cell_of(st, hw, "H2d")
    body = editions.source_text(cell_of(inst, hw, "H2d"))
    tc_body = body[body.index("double v11"):body.index("return 0.5")] + "return 0.5 * Math.log(v11 * v22 / (v11 * v22 - v12 * v12));"
    fill(dcell, tc_body, f"double tcLimit = {visible(hw, 'H2d')};")
    for pid in ("H2b", "H2c", "H2d"):
        target = cell_of(nb, hw, pid)
        target["source"] = editions.source_text(cell_of(st, hw, pid))
    insert_after(nb, cell_of(nb, hw, "H2a", "locked"),
                 'var f = Class.forName("lecture7.notebook.Check").getDeclaredField("RESULTS");\n'
                 'f.setAccessible(true);')
    write(d, "hardcoded", nb)
    expected["hardcoded"] = {"H2a": "passed", "H2b": "failed", "H2c": "failed", "H2d": "failed"}
    expected_flags["hardcoded"] = ["reflection"]

    # wrong answers students write (issue 21); (b) fails by the tolerance in hidden/H2.py (arithmetic there)
    _, nb = edition("H2", "instructor")
    edit(nb, hw, "H2a", "return max + Math.log(s) - Math.log(xs.length);", "return max + Math.log(s);")   # Σ, not mean
    edit(nb, hw, "H2c", "double penaltyBetaVae = betaH2 * (miH2 + tcH2 + dimKlH2);",
         "double penaltyBetaVae = miH2 + betaH2 * tcH2 + dimKlH2;",                  # the two penalties swapped
         "double penaltyBetaTc = miH2 + betaH2 * tcH2 + dimKlH2;", "double penaltyBetaTc = betaH2 * (miH2 + tcH2 + dimKlH2);")
    edit(nb, hw, "H2d", "double v11 = 1 + sH2[0] * sH2[0], v22 = t * t + sH2[1] * sH2[1]",
         "double v11 = 1 + sH2[0], v22 = t * t + sH2[1]")                            # σ for σ²
    write(d, "wrong1", nb)
    expected["wrong1"] = dict.fromkeys(["H2a", "H2b", "H2c", "H2d"], "failed")
    _, nb = edition("H2", "instructor")
    edit(nb, hw, "H2b", "sumTc += logAggregate(z, xsH2, 0, 1) - logAggregate(z, xsH2, 0) - logAggregate(z, xsH2, 1);",
         "sumTc += logAggregate(z, xsH2, 0) + logAggregate(z, xsH2, 1) - logAggregate(z, xsH2, 0, 1);")   # sign
    edit(nb, hw, "H2c", "double penaltyBetaTc = miH2 + betaH2 * tcH2 + dimKlH2;",
         "double penaltyBetaTc = betaH2 * miH2 + tcH2 + dimKlH2;")                   # β on the wrong term
    edit(nb, hw, "H2d", "double tcLimit = 0.5 * Math.log(1 + 1 / (sH2[0] * sH2[0]));",
         "double tcLimit = 0.5 * Math.log(1 + 1 / (sH2[1] * sH2[1]));")              # the other latent's noise
    write(d, "wrong2", nb)
    expected["wrong2"] = {"H2a": "passed", "H2b": "failed", "H2c": "failed", "H2d": "failed"}
    _, nb = edition("H2", "instructor")
    edit(nb, hw, "H2a", "for (double e : l) s += Math.exp(e - max);\n", "for (double e : l) s += Math.exp(e);\n",
         "return max + Math.log(s) - Math.log(xs.length);", "return Math.log(s) - Math.log(xs.length);")   # no log-sum-exp
    edit(nb, hw, "H2b", "double[] z = {aH2[0] * x + sH2[0] * rngH2.nextGaussian(), aH2[1] * x + sH2[1] * rngH2.nextGaussian()};",
         "double x2 = xsH2[rngH2.nextInt(nData)];\n    double[] z = {aH2[0] * x + sH2[0] * rngH2.nextGaussian(), "
         "aH2[1] * x2 + sH2[1] * rngH2.nextGaussian()};")                          # z_1, z_2 of different data points
    edit(nb, hw, "H2c", "double penaltyBetaVae = betaH2 * (miH2 + tcH2 + dimKlH2);",
         "double penaltyBetaVae = betaH2 * (miH2 + tcH2);")                          # the dimension-wise KL forgotten
    edit(nb, hw, "H2d", "return 0.5 * Math.log(v11 * v22 / (v11 * v22 - v12 * v12));",
         "return Math.log(v11 * v22 / (v11 * v22 - v12 * v12));")                   # the ½ forgotten
    write(d, "wrong3", nb)
    expected["wrong3"] = dict.fromkeys(["H2a", "H2b", "H2c", "H2d"], "failed")
    return expected, expected_flags


def read_gradebook(out):
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(out / "summary.csv", newline="", encoding="utf-8") as f:
        summary = {r["student"]: r for r in csv.DictReader(f)}
    return rows, summary


@unittest.skipUnless(KERNEL.is_file(), "needs the kit's kernel (environment/install.sh; environment/kit test runs it)")
class AdversarialGradingTest(unittest.TestCase):
    """Grades both homeworks' adversarial folders once (both in parallel, 2 at once), then checks the rows."""

    @classmethod
    def setUpClass(cls):
        global LISTENER
        LISTENER = Listener()
        cls.hashes = grade.digest(grade.instructor_files())
        cls.tmp = tempfile.TemporaryDirectory(prefix="kit-grade-test-")
        base = Path(cls.tmp.name)
        cls.cases = {}
        for hid, make in (("H1", h1_submissions), ("H2", h2_submissions)):
            d = base / hid
            d.mkdir()
            cls.cases[hid] = make(d)
        cls.outs = {hid: base / f"out-{hid}" for hid in cls.cases}
        procs = {hid: subprocess.Popen([sys.executable, str(ENV / "grade.py"), hid, str(base / hid), "--out",
                                        str(cls.outs[hid]), "--seed", str(SEED)] + LIMITS,
                                       stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True) for hid in cls.cases}
        cls.logs = {hid: p.communicate()[0] for hid, p in procs.items()}
        for hid, p in procs.items():
            if p.returncode != 0:
                raise AssertionError(f"grade.py {hid} failed:\n{cls.logs[hid][-3000:]}")

    @classmethod
    def tearDownClass(cls):
        LISTENER.close()
        cls.tmp.cleanup()

    def outputs(self, hid, student):
        """Everything the student's code printed, from the executed notebook the grader keeps (instructor-only)."""
        nb = json.loads((self.outs[hid] / "runs" / f"{student}.ipynb").read_text(encoding="utf-8"))
        text = []
        for c in nb["cells"]:      # a cell's stream arrives in chunks: joined as printed, cells apart
            for o in c.get("outputs", []):
                text.append(o.get("text", "") if isinstance(o.get("text", ""), str) else "".join(o["text"]))
                for v in o.get("data", {}).values():
                    text.append("\n" + (v if isinstance(v, str) else "".join(v)) + "\n")
                text.append("\n" + o.get("evalue", "") + "\n" if o.get("evalue") else "")
            text.append("\n")
        return "".join(text)

    def test_attacks_have_no_effect_outside(self):
        """Checked from outside: the instructor's files unchanged, no file created anywhere outside the sandbox,
        no connection to the listener, the victim graded as usual (check_homework)."""
        self.assertEqual(grade.digest(grade.instructor_files()), self.hashes, "an instructor file changed")
        base = Path(self.tmp.name)
        places = [ROOT, ROOT / "environment" / "grading" / "hidden", Path.home(), Path("/tmp"), base] + \
                 [p for p in base.rglob("*") if p.is_dir()]
        found = [str(p) for d in places for p in d.glob(f"*{TOKEN}*")]
        self.assertEqual([], found, "files the attacks created outside the sandbox")
        self.assertEqual(0, LISTENER.connections, "a submission reached the network")
        for hid in self.outs:
            for f in (self.outs[hid] / "gradebook.csv", self.outs[hid] / "summary.csv"):
                self.assertNotIn(TOKEN, f.read_text(encoding="utf-8"))
        victim = (base / "H1" / "victim.ipynb").read_text(encoding="utf-8")
        self.assertNotIn("pwned", victim)

    def test_attacks_saw_nothing_of_the_instructor(self):
        text = self.outputs("H1", "attacker")
        self.assertIn("K7-ATTACKS-DONE", text, "the attack cell did not run to its end")
        self.assertGreater(text.count("\nPROC "), 3, "the attack saw no process of its own")
        secrets = [f"{TOKEN}-victim-secret", "INSTRUCTOR-ONLY", "BEGIN SOLUTION", str(SEED)]
        host = [str(ROOT), self.tmp.name, "/root/", "/home/"]
        echo = ("NOFIS", "NONIO", "NOLIST", "NOWRITE", "WROTE", "LIST-OK", "PROCESS", "NOPROCESS", "NOEXEC", "NOCONNECT")
        for line in text.splitlines():
            for sec in secrets:
                self.assertNotIn(sec, line, f"the attack read {sec!r}: {line[:300]}")
            self.assertFalse(line.startswith(("FIS-OK", "NIO-OK", "CONNECTED")), line[:300])
            if line.startswith(("LIST-OK", "WROTE")):
                self.assertTrue(line.split()[1] == "/tmp" or line.split()[1].startswith("/tmp/"), line[:300])
            if not line.startswith(echo):       # (those lines repeat the paths the attack itself tried)
                for h in host:
                    self.assertNotIn(h, line, f"an instructor path is visible to the kernel: {line[:300]}")
        feedback = (self.outs["H1"] / "feedback" / "attacker.html").read_text(encoding="utf-8")
        self.assertNotIn("GIVEN", feedback, "what the code printed or threw during the hidden tests reached the feedback")
        self.assertIn("GIVEN", text, "the printer did not print (the check above would prove nothing)")

    def test_forged_output_gains_nothing(self):
        rows, summary = read_gradebook(self.outs["H1"])
        self.assertEqual("0", summary["forger"]["points"])

    def check_homework(self, hid):
        expected, expected_flags = self.cases[hid]
        rows, summary = read_gradebook(self.outs[hid])
        hw = homework.load(hid)
        got = {}
        for r in rows:
            got.setdefault(r["student"], {})[r["part"]] = r
        self.assertEqual(sorted(got), sorted(expected), self.logs[hid])
        for student, parts in expected.items():
            for pid, status in parts.items():
                row = got[student][pid]
                allowed = status if isinstance(status, tuple) else (status,)
                self.assertIn(row["status"], allowed, f"{hid} {student} {pid}: {row['message']}\n{self.logs[hid][-2000:]}")
                self.assertEqual(int(row["points"]), hw.part(pid).points if row["status"] == "passed" else 0)
                self.assertIn(row["status"], ("passed", "failed", "not_answered", "error", "timeout", "unreadable",
                                              "wrong_homework"))
            self.assertEqual(int(summary[student]["points"]), sum(int(r["points"]) for r in got[student].values()))
            for flag in expected_flags.get(student, []):
                self.assertIn(flag, summary[student]["flags"], f"{hid} {student}")
        self.assertEqual(summary["correct"]["flags"], "", "a correct submission raises no flag")
        for student in expected:
            page = (self.outs[hid] / "feedback" / f"{student}.html").read_text(encoding="utf-8")
            self.assertIn(student, page)
        self.assertIn("<svg", (self.outs[hid] / "index.html").read_text(encoding="utf-8"))

    def test_h1_rows(self):
        self.check_homework("H1")

    def test_h2_rows(self):
        self.check_homework("H2")

    def test_header(self):
        with open(self.outs["H1"] / "gradebook.csv", encoding="utf-8") as f:
            self.assertEqual(f.readline().strip(), "student,part,points,max_points,status,message")
        with open(self.outs["H1"] / "summary.csv", encoding="utf-8") as f:
            self.assertEqual(f.readline().strip(), "student,points,max_points,flags")

    def test_messages_and_pages_hold_no_hidden_value(self):
        for hid, out in self.outs.items():
            secrets = hidden_strings(hid, SEED)
            texts = [(out / "gradebook.csv").read_text(encoding="utf-8")] + \
                    [p.read_text(encoding="utf-8") for p in (out / "feedback").glob("*.html")]
            for t in texts:
                for s in secrets:
                    self.assertNotIn(s, t)


@unittest.skipUnless(KERNEL.is_file() and sys.platform.startswith("linux"),
                     "needs the kit's kernel; the kernels die with their parent on Linux (prctl)")
class StoppedRunTest(unittest.TestCase):
    """A grading run that is stopped (SIGTERM to grade.py, as a closed terminal or a batch system does) leaves no
    worker and no kernel behind — before, each running kernel went on, a student's endless loop at 100 % CPU."""

    def test_no_kernel_outlives_the_grader(self):
        with tempfile.TemporaryDirectory(prefix="kit-grade-stop-") as tmp:
            d = Path(tmp) / "in"
            d.mkdir()
            _, nb = edition("H1", "instructor")
            a = next(c for c in nb["cells"] if "int m = x.length;" in editions.source_text(c))
            a["source"] = editions.source_text(a).replace("int m = x.length;", "int m = x.length;\nwhile (m > 0) { m = m | 1; }", 1)
            for k in range(2):
                write(d, f"loop{k}", nb)
            p = subprocess.Popen([sys.executable, str(ENV / "grade.py"), "H1", str(d), "--out", str(Path(tmp) / "out"),
                                  "--jobs", "2", "--cell-timeout", "300"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

            def descendants(pid):
                kids = []
                for stat in Path("/proc").glob("[0-9]*/stat"):
                    try:   # the field after the command's closing parenthesis: state, then the parent's pid
                        if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                            kids.append(int(stat.parent.name))
                    except (OSError, ValueError, IndexError):
                        pass
                return [x for k in kids for x in [k] + descendants(k)]

            def java(pids):
                alive = []
                for pid in pids:
                    try:
                        if Path(f"/proc/{pid}/comm").read_text().strip() == "java":
                            alive.append(pid)
                    except OSError:
                        pass
                return alive

            def kernels():
                return java(descendants(p.pid))
            deadline = time.time() + 240
            while len(kernels()) < 2 and time.time() < deadline and p.poll() is None:
                time.sleep(1)
            running = kernels()
            self.assertEqual(2, len(running), "two kernels should be running the endless loops")
            time.sleep(3)
            p.terminate()
            p.wait(30)
            deadline = time.time() + 20
            while java(running) and time.time() < deadline:
                time.sleep(0.5)
            left = java(running)
            for pid in left:
                os.kill(pid, 9)
            self.assertEqual([], left, "kernels still running after grade.py was stopped")


def hidden_strings(hid, seed=None):
    """Every hidden input and expected value, as the text it would appear as: the first three numbers of each
    hidden input array, each hidden seed, each expected value and threshold in full precision."""
    out = set()
    for tests in hidden.load(hid, seed).values():
        for t in tests:
            setup = t.setup if isinstance(t.setup, str) else " ".join(list(t.setup.replace.values()) + [t.setup.before])
            for text in [setup] + [c.expr for c in t.cases]:
                for arr in re.findall(r"new double\[\]\{([^}]*)\}", text):
                    if arr.count(",") >= 2:      # (two-entry arrays set the given a and s back)
                        out.add(", ".join(v.strip() for v in arr.split(",")[:3]))
                out |= set(re.findall(r"Random\((\d{5,})\)", text))
            for c in t.cases:
                for v in c.check.__closure__ or []:
                    val = v.cell_contents
                    for x in (val if isinstance(val, (list, tuple)) else [val]):
                        if isinstance(x, float) and len(repr(x)) >= 10:
                            out.add(repr(x))
    return out


def solution_lines(path):
    """Lines inside the source's solution blocks that appear nowhere outside them (worth finding in a leak)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    inside, outside = set(), set()
    for c in nb["cells"]:
        text = editions.source_text(c)
        for part in editions.split_blocks(text, path):
            lines = {l.strip() for l in (part[1] if part[0] == "text" else part[3])}
            (outside if part[0] == "text" else inside).update(lines)
        if "solution" in editions.tags(c):
            inside.update(l.strip() for l in text.splitlines())
    return {l for l in inside - outside if len(l) >= 16 and not l.startswith("//")}


class SecrecyTest(unittest.TestCase):
    def test_student_edition_holds_no_hidden_value_or_solution_line(self):
        for hid in ("H1", "H2"):
            hw, nb = edition(hid, "student")
            text = json.dumps(nb, ensure_ascii=False)
            secrets = hidden_strings(hid)
            self.assertGreater(len(secrets), 10)
            for s in secrets:
                self.assertFalse(s in text, f"hidden value {s} in the student edition of {hid}")
            lines = solution_lines(hw.path)
            self.assertGreater(len(lines), 3)
            for l in lines:
                self.assertFalse(l in "\n".join(editions.source_text(c) for c in nb["cells"]), f"{hid}: {l}")


def contrast(a, b):
    """WCAG contrast ratio of two #rgb/#rrggbb colours."""
    def lum(h):
        h = h.lstrip("#")
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        c = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted([lum(a), lum(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


class PartsTest(unittest.TestCase):
    """Pieces of the grader that need no kernel."""

    def test_a_changed_instructor_file_voids_the_run(self):
        hashes = grade.digest(grade.instructor_files())
        self.assertIn("environment/grading/hidden/H1.py", hashes)
        self.assertTrue(any(k.startswith("notebooks/homework/H1") for k in hashes))
        grade.verify(hashes, "now")                     # unchanged: nothing happens
        changed = dict(hashes, **{"environment/grading/hidden/H1.py": "0" * 64})
        with self.assertRaises(SystemExit) as e:
            grade.verify(changed, "during the test")
        self.assertIn("environment/grading/hidden/H1.py changed during the test", str(e.exception))

    def test_refuses_without_a_sandbox(self):
        """No bubblewrap: `kit grade` refuses, naming the flag and what it would expose."""
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run([sys.executable, str(ENV / "grade.py"), "H1", tmp, "--out", str(Path(tmp) / "out")],
                               capture_output=True, text=True, env={**os.environ, "PATH": "/nonexistent"})
        self.assertNotEqual(0, r.returncode)
        self.assertIn("--unsandboxed-i-accept-that-student-code-can-read-and-change-my-files", r.stderr)
        self.assertIn("read and change your files", r.stderr)
        self.assertFalse((Path(tmp) / "out" / "gradebook.csv").exists())

    @unittest.skipUnless(KERNEL.is_file() and sys.platform.startswith("linux"), "needs the kit's kernelspec (Linux)")
    def test_sandbox_layout_names_no_instructor_path(self):
        from grading import sandbox
        lay = sandbox.Layout(KERNEL)
        lay.javacpp = Path(tempfile.mkdtemp(prefix="kit-javacpp-test-"))
        staged = lay.stage()
        try:
            cmd = lay.command(True, 61999)
            seen = json.dumps([lay.spec, lay.env, cmd])
            for bad in (str(ROOT), str(Path.home())):
                self.assertNotIn(bad + "/", seen)
            for flag in ("--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session",
                         "--clearenv", "/usr/bin/prlimit"):
                self.assertIn(flag, cmd)
            if os.geteuid() == 0:
                self.assertIn("--no-new-privs", cmd)
                self.assertIn("--bounding-set=-all", cmd)
            self.assertEqual({"cwd": "/", "env": {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}}, sandbox.OUTER)
        finally:
            import shutil
            shutil.rmtree(staged, ignore_errors=True)
            shutil.rmtree(lay.javacpp, ignore_errors=True)

    def test_pages_are_accessible(self):
        """Issue 23: language, a main landmark, tables with column headers and a caption, text contrast ≥ 4.5:1."""
        from grading import grader, report
        hw = homework.load("H1")
        r = grader.Result("ann", [grader.Row(p.id, 0, p.points, "failed", "why") for p in hw.parts],
                          visible={"H1a": ["[check] H1a FAIL"]})
        pages = [report.feedback_page(hw, r),
                 report.overview_page(hw, [{"student": "ann", "part": p.id, "status": "failed"} for p in hw.parts],
                                      [{"student": "ann", "points": "0", "max_points": "10", "flags": ""}])]
        for page in pages:
            self.assertIn('<html lang="en">', page)
            self.assertEqual(1, page.count("<main>"))
            self.assertIn("<caption>", page)
            self.assertIn('<th scope="col">', page)
        for colour in re.findall(r"[^-]color:(#[0-9a-fA-F]{3,6})", report.STYLE):
            for background in ("#fff", "#f6f8fa"):
                self.assertGreaterEqual(contrast(colour, background), 4.5, f"{colour} on {background}")

    def test_wrong_deterministic_answers_fail_the_hidden_checks(self):
        """Wrong formulas students write, in Python on the hidden inputs of 20 seeds: each fails some case of its
        part for every seed (the e2e submissions wrong1-3 of AdversarialGradingTest do the same in Java)."""
        import math
        from grading.hidden import H1, H2
        rbf = H1.rbf

        def v_stat(x, y, s):
            m = len(x)
            return (sum(rbf(a, b, s) for a in x for b in x) + sum(rbf(a, b, s) for a in y for b in y)) / m ** 2 \
                - 2 * sum(rbf(a, b, s) for a in x for b in y) / m ** 2

        def m2_within(x, y, s):
            m = len(x)
            return sum(rbf(x[i], x[j], s) + rbf(y[i], y[j], s) for i in range(m) for j in range(m) if i != j) / m ** 2 \
                - 2 * sum(rbf(a, b, s) for a in x for b in y) / m ** 2

        def no_two(x, y, s):
            m = len(x)
            return H1.mmd2_unbiased(x, y, s) + sum(rbf(a, b, s) for a in x for b in y) / m ** 2

        def same_index(x, y, s):
            return [rbf(x[2 * i], x[2 * i + 1], s) + rbf(y[2 * i], y[2 * i + 1], s) - rbf(x[2 * i], y[2 * i], s)
                    - rbf(x[2 * i + 1], y[2 * i + 1], s) for i in range(len(x) // 2)]

        def overlapping(x, y, s):
            return [rbf(x[i], x[i + 1], s) + rbf(y[i], y[i + 1], s) - rbf(x[i], y[i + 1], s) - rbf(x[i + 1], y[i], s)
                    for i in range(len(x) - 1)]

        def plus_cross(x, y, s):
            return [rbf(x[2 * i], x[2 * i + 1], s) + rbf(y[2 * i], y[2 * i + 1], s) + rbf(x[2 * i], y[2 * i + 1], s)
                    + rbf(x[2 * i + 1], y[2 * i], s) for i in range(len(x) // 2)]

        def z_with(x, y, s, ddof=1, root=True):
            h = H1.linear_terms(x, y, s)
            mu = sum(h) / len(h)
            sd = math.sqrt(sum((e - mu) ** 2 for e in h) / (len(h) - ddof))
            return mu / (sd / math.sqrt(len(h))) if root else mu / sd

        def z_var(x, y, s):          # σ² for σ
            h = H1.linear_terms(x, y, s)
            mu = sum(h) / len(h)
            var = sum((e - mu) ** 2 for e in h) / (len(h) - 1)
            return mu / (var / math.sqrt(len(h)))

        def log_sum(z, xs, dims):
            return H2.log_aggregate(z, xs, dims) + math.log(len(xs))

        def no_lse(z, xs, dims):
            total = sum(math.exp(sum(H2.log_normal(z[j], H2.A[j] * x, H2.S[j]) for j in dims)) for x in xs)
            return math.log(total / len(xs)) if total > 0 else -math.inf

        def variance_as_sd(z, xs, dims):
            return H2.log_aggregate(z, xs, dims, s=tuple(v * v for v in H2.S))

        def tc_sigma(a, s):
            v11, v22, v12 = a[0] ** 2 + s[0], a[1] ** 2 + s[1], a[0] * a[1]
            return 0.5 * math.log(v11 * v22 / (v11 * v22 - v12 * v12))

        def tc_no_half(a, s):
            return 2 * H2.tc_closed(a, s)

        def tc_swapped(a, s):        # s₂ in the place of s₁
            return H2.tc_closed(a, (s[1], s[0]))

        wrong = {   # part: {name: function of a case's expression -> the wrong value}
            "H1a": {"V-statistic": v_stat, "m² for m(m-1)": m2_within, "factor 2 forgotten": no_two},
            "H1b": {"same-index pairing": same_index, "overlapping pairs": overlapping, "+ for -": plus_cross},
            "H1c": {"n for n-1": lambda x, y, s: z_with(x, y, s, ddof=0),
                    "√(m/2) forgotten": lambda x, y, s: z_with(x, y, s, root=False), "σ² for σ": z_var},
            "H2a": {"sum, not mean": log_sum, "no log-sum-exp": no_lse, "variance as sd": variance_as_sd},
            "H2d": {"σ for σ²": tc_sigma, "½ forgotten": tc_no_half, "s₂ for s₁": tc_swapped},
        }
        arrays = re.compile(r"new double\[\]\{([^}]*)\}")
        for seed in range(20):
            for module in (H1, H2):
                for test in module.tests(seed):
                    for name, f in wrong.get(test.part, {}).items():
                        rejected = False
                        for case in test.cases:
                            vals = [[float(v) for v in a.split(",")] for a in arrays.findall(case.expr)]
                            rest = re.sub(r"new double\[\]\{[^}]*\}", "", case.expr)
                            nums = [float(v) for v in re.findall(r"(?<![\w.])-?\d+\.?\d*(?:e-?\d+)?", rest)]
                            if test.part == "H1b" and case.expr.startswith("mean("):
                                got = sum(f(*vals, nums[0])) / max(1, len(f(*vals, nums[0])))
                            elif test.part.startswith("H1"):
                                got = f(*vals, nums[0])
                            elif test.part == "H2a":
                                got = f(vals[0], vals[1], tuple(int(n) for n in nums))
                            elif case.expr.startswith("tcOfT"):
                                s = H2.S if isinstance(test.setup, str) else \
                                    tuple(float(v) for v in arrays.findall(test.setup.before)[0].split(","))
                                got = f((1.0, nums[0]), s)
                            else:
                                continue     # (d)'s limit: tested in Java (wrong2)
                            rejected = rejected or case.check(got) is not None
                        if any(not c.expr.startswith("tcLimit") for c in test.cases):
                            self.assertTrue(rejected, f"seed {seed}: {test.part} '{name}' passes the hidden test")

    def test_feedback_keeps_only_the_checks_words(self):
        from grading import grader
        printed = ("GIVEN [0.1, 0.2]\n[check] H1a PASS\n✔ H1a: correct: 0.1\nmy own line\n[check] H1b FAIL\n"
                   "✘ H1b: off by 2\n    a hint\nGIVEN again\n    indented but the student's")
        self.assertEqual("[check] H1a PASS\n✔ H1a: correct: 0.1\n[check] H1b FAIL\n✘ H1b: off by 2\n    a hint",
                         grader.check_lines(printed))

    def test_flags(self):
        self.assertEqual(flags.scan('double f() { return 1; } // System.exit(0) in a comment'), [])
        self.assertIn("exits the JVM (System.exit, Runtime)", flags.scan("System . exit(1);"))
        self.assertIn("prints the checker's markers ([check]/[grade])", flags.scan('System.out.println("[grade] H1 10/10");'))
        self.assertIn("replaces System.out/err/in", flags.scan("System.setOut(new java.io.PrintStream(o));"))
        self.assertEqual(flags.scan("import lecture7.mmd.Mmd;")[-1][:25], "uses the kit's library fo")
        self.assertEqual(flags.scan("int r = lecture7.notebook.Kit.pick(2, 1);"), [])

    def test_channel_round_trip(self):
        t = hidden.HiddenTest("X", [hidden.Case("a", "f()", hidden.close(1.5, 1e-9)),
                                    hidden.Case("b", "g()", hidden.close([1.0, 2.0], 1e-9)),
                                    hidden.Case("c", "h()", hidden.close(0.0, 1e-9))])
        text = ("junk N0NCE 0 d 3ff8000000000000 1 a 2,3ff0000000000000,4000000000000000 "
                "2 x java.lang.IllegalStateException m" + "bm90IHRvZGF5")
        parsed = hidden.parse(text, "N0NCE", 3)
        self.assertEqual(parsed[0], ("value", 1.5))
        self.assertEqual(parsed[1], ("value", [1.0, 2.0]))
        self.assertEqual(parsed[2], ("threw", "java.lang.IllegalStateException", "not today"))
        self.assertEqual(hidden.judge(t, parsed)[0], "error")
        self.assertEqual(hidden.parse("0 d 3ff8000000000000", "N0NCE", 3), None, "no nonce, no result")
        self.assertEqual(hidden.parse("N0NCE 0 d 7ff8000070000d0d", "N0NCE", 1)[0], ("todo",))

    def test_rate_rejects_a_hard_coded_rate(self):
        self.assertIsNotNone(hidden.rate(67, 0.0, 0.16)(0.05))
        self.assertIsNone(hidden.rate(67, 0.0, 0.16)(3 / 67))
        from grading.hidden import H1
        for test in H1.tests(SEED):
            if test.part in ("H1d", "H1e"):
                for case in test.cases:
                    for hard in (0.0, 0.05, 0.1, 0.35, 0.36, 0.4, 0.45, 0.5, 0.75, 0.79, 0.8, 1.0):
                        self.assertIsNotNone(case.check(hard), f"{test.part} {case.label}: a hard-coded {hard} passes")

    def test_identify_and_shards(self):
        homeworks = {h: homework.load(h) for h in homework.available()}
        for hid in homeworks:
            for which in ("student", "instructor"):
                self.assertEqual(submission.identify(edition(hid, which)[1], homeworks), hid)
        names = [f"s{i:03d}" for i in range(200)]
        shards = [[n for n in names if grade.in_shard(n, (i, 4))] for i in range(1, 5)]
        self.assertEqual(sorted(sum(shards, [])), names, "every student in exactly one shard")
        self.assertTrue(all(20 < len(s) < 80 for s in shards))


if __name__ == "__main__":
    unittest.main()
