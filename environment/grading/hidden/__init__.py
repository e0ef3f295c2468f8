"""Hidden tests: the instructor's tests of each homework part, on inputs the student never sees.

INSTRUCTOR-ONLY: this folder is left out of the student release (environment/release.py) and its values
appear in no student edition (environment/tests/test_grade.py scans for them).

A part's hidden test is a cell the grader appends after the student's notebook: optional `setup` statements
(for a value computed at top level: the student's own answer cell re-run with other inputs, `Rerun`), then
`cases`, each a Java expression whose value (double or double[]) the student's code computes. The cell sends
the raw values back as its result, tagged with a fresh random nonce; the comparison with the expected values
happens here, in the grader's process. Expected values are computed by the reference implementations in the
homework's module (plain Python from the formulas, independent of the Java solutions) at grading time; the
inputs come from a seeded random.Random, so a re-run gives the same gradebook.
"""
import base64
import math
import re
import struct
from dataclasses import dataclass, field
from typing import Callable

TODO_BITS = 0x7FF8_0000_7000_0D0D      # lecture7.notebook.Exercise.todo(): the "not answered yet" NaN
NOT_ANSWERED = "lecture7.notebook.NotAnsweredYet"


@dataclass
class Case:
    label: str                                    # what is tested, in the student's terms (no values)
    expr: str                                     # Java expression: double or double[]
    check: Callable[[object], str | None]         # None if right, else why not (no hidden values)


@dataclass
class Rerun:
    """The student's answer cell(s) of `part` run again, with given lines replaced (hidden inputs)."""
    part: str
    replace: dict = field(default_factory=dict)   # given line -> hidden line
    before: str = ""                              # statements run first


@dataclass
class HiddenTest:
    part: str
    cases: list
    setup: object = ""                            # Java statements, or a Rerun


def java_double(v):
    if math.isnan(v):
        return "java.lang.Double.NaN"
    if math.isinf(v):
        return "java.lang.Double.POSITIVE_INFINITY" if v > 0 else "java.lang.Double.NEGATIVE_INFINITY"
    return repr(float(v))


def java_array(values):
    return "new double[]{" + ", ".join(java_double(v) for v in values) + "}"


# ---- the comparisons --------------------------------------------------------------------------------------------

def close(expected, tol):
    """|actual − expected| ≤ tol · max(1, |expected|), entry by entry for arrays (as lecture7.notebook.Verdict)."""
    def check(actual):
        exp = expected if isinstance(expected, (list, tuple)) else None
        if exp is not None:
            if not isinstance(actual, list):
                return "a single number where an array was expected"
            if len(actual) != len(exp):
                return f"an array of {len(actual)} entries; it should have {len(exp)}"
            for i, (a, e) in enumerate(zip(actual, exp)):
                why = _one(a, e, tol)
                if why:
                    return f"entry {i}: {why}"
            return None
        if isinstance(actual, list):
            return "an array where a single number was expected"
        return _one(actual, expected, tol)
    return check


def _one(a, e, tol):
    if math.isnan(a):
        return "NaN"
    if math.isinf(a) and not math.isinf(e):
        return "infinite (an overflow or a log of 0? the log-sum-exp trick avoids both)"
    if abs(a - e) <= tol * max(1.0, abs(e)):
        return None
    rel = abs(a - e) / max(1e-300, abs(e))
    return f"differs from the reference by {rel:.1e} (relative; allowed {tol:g})"


def rate(reps, low, high):
    """A rejection rate counted over `reps` repetitions, within [low, high]."""
    def check(actual):
        if isinstance(actual, list) or math.isnan(actual):
            return "not a number"
        count = actual * reps
        if abs(count - round(count)) > 1e-6:
            return (f"not a count of rejections over the {reps} repetitions the test ran (is the value computed, "
                    f"with the variable `reps`?)")
        if not low - 1e-12 <= actual <= high + 1e-12:
            return f"a rate of {actual:.3f}, outside what the test should give ({low:.3f} to {high:.3f})"
        return None
    return check


def within(expected, tol, what):
    def check(actual):
        if isinstance(actual, list) or math.isnan(actual):
            return "not a number"
        if abs(actual - expected) > tol:
            return f"{what}: off by more than the allowed {tol:g}"
        return None
    return check


# ---- the cell and its answer ------------------------------------------------------------------------------------

def java_cell(test, nonce, setup_code):
    """The hidden cell: setup, then one expression returning "<nonce> <results>" (only java.lang/java.util types,
    fully qualified, so a student's class named StringBuilder or Double changes nothing)."""
    lines = [setup_code.rstrip(), "((java.util.function.Supplier<java.lang.String>) () -> {",
             f'    java.lang.StringBuilder k7$ = new java.lang.StringBuilder("{nonce}");']
    for i, case in enumerate(test.cases):
        lines += [
            "    try {",
            f"        java.lang.Object k7$v = ({case.expr});",
            f'        k7$.append(" {i} ");',
            "        if (k7$v instanceof java.lang.Double) k7$.append(\"d \").append(java.lang.Long.toHexString("
            "java.lang.Double.doubleToRawLongBits((java.lang.Double) k7$v)));",
            "        else if (k7$v instanceof double[]) { double[] k7$a = (double[]) k7$v; k7$.append(\"a \").append(k7$a.length);"
            " for (double k7$e : k7$a) k7$.append(',').append(java.lang.Long.toHexString(java.lang.Double.doubleToRawLongBits(k7$e))); }",
            "        else k7$.append(\"t \").append(k7$v == null ? \"null\" : k7$v.getClass().getName());",
            "    } catch (java.lang.Throwable k7$x) {",
            f'        k7$.append(" {i} x ").append(k7$x.getClass().getName()).append(" m").append(java.util.Base64.getEncoder()'
            ".encodeToString(java.lang.String.valueOf(k7$x.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));",
            "    }",
        ]
    lines += ["    return k7$.toString();", "}).get()"]
    return "\n".join(l for l in lines if l)


def _bits(h):
    return struct.unpack(">d", struct.pack(">Q", int(h, 16)))[0]


def parse(text, nonce, n):
    """{case index: ("value", float | list) | ("threw", class, message) | ("todo",) | ("type", name)}."""
    start = text.find(nonce)
    if start < 0:
        return None
    # the kernel may show the String result quoted ("..."), as Java source would write it
    tokens = text[start + len(nonce):].replace('"', " ").replace("'", " ").split()
    out, k = {}, 0
    try:
        while k + 1 < len(tokens):
            i, kind = int(tokens[k]), tokens[k + 1]
            if kind == "d":
                h = tokens[k + 2]
                out[i] = ("todo",) if int(h, 16) == TODO_BITS else ("value", _bits(h))
                k += 3
            elif kind == "a":
                parts = tokens[k + 2].split(",")
                out[i] = ("value", [_bits(h) for h in parts[1:]])
                k += 3
            elif kind == "x":
                msg = base64.b64decode(tokens[k + 3][1:]).decode("utf-8", "replace")
                out[i] = ("todo",) if tokens[k + 2] == NOT_ANSWERED else ("threw", tokens[k + 2], msg)
                k += 4
            else:
                out[i] = ("type", tokens[k + 2])
                k += 3
    except (ValueError, IndexError):   # a result that is not the grader's
        return None
    return out if len(out) == n else None


KNOWN_PACKAGE = re.compile(r"^(java|javax|jdk|lecture7|org\.nd4j)\.[\w.$]{1,120}$")


def exception_name(name):
    """" (IllegalStateException)" for an exception class of the JDK or the kit, else "" — a class the student
    wrote could be named (at run time) after the hidden inputs; its message is never shown at all."""
    name = str(name).strip()
    return f" ({name.rsplit('.', 1)[-1]})" if KNOWN_PACKAGE.match(name) else ""


def judge(test, results):
    """(status, message) of one hidden test from the parsed results."""
    for i, case in enumerate(test.cases):
        r = results[i]
        if r[0] == "todo":
            return "not_answered", f"{case.label}: not answered yet"
        if r[0] == "threw":
            return "error", f"{case.label}: your code threw an exception{exception_name(r[1])}"
        if r[0] == "type":
            return "error", f"{case.label}: your code gave a value that is not a number"
    for i, case in enumerate(test.cases):
        why = case.check(results[i][1])
        if why:
            return "failed", f"hidden test {i + 1} of {len(test.cases)}, {case.label}: {why}"
    return "passed", f"all {len(test.cases)} hidden tests passed"


def load(homework_id, seed=None):
    """The hidden tests of a homework: {part: [HiddenTest, ...]} from grading/hidden/<id>.py."""
    import importlib
    try:
        mod = importlib.import_module(f"{__name__}.{homework_id}")
    except ModuleNotFoundError:
        raise SystemExit(f"error: homework {homework_id} has no hidden tests (environment/grading/hidden/{homework_id}.py)")
    tests = mod.tests(mod.SEED if seed is None else seed)
    by_part = {}
    for t in tests:
        by_part.setdefault(t.part, []).append(t)
    return by_part
