"""One student's submission: found in the folder, read, identified, and turned into the cells the grader runs.

A submission is DIR/<student>.ipynb or a folder DIR/<student>/ holding the notebook. Its cells are matched to
the source's by nbformat cell id (Jupyter keeps ids when a cell is edited), else by text. Locked cells always
run as in the source (an edited or deleted one is restored, and the note says so); answer cells run as the
student wrote them (a deleted one as the student edition's placeholder); cells the student added run where
they were added and count towards the part they sit in.
"""
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import homework as hwmod
from .homework import normalized

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Submission:
    student: str
    path: Path | None
    problem: str | None = None           # unreadable: why
    notebook: dict | None = None


@dataclass
class PlanCell:
    kind: str            # locked, answer, extra
    part: str | None
    text: str
    source_index: int | None = None


@dataclass
class Plan:
    cells: list[PlanCell]
    notes: list = field(default_factory=list)               # (part, text): restored/deleted cells, in the student's terms
    unanswered: set[str] = field(default_factory=set)       # parts whose every answer cell is the placeholder
    student_code: str = ""                                   # all text the student wrote (for the flags)


def student_name(path):
    return SAFE_NAME.sub("_", path.stem if path.suffix == ".ipynb" else path.name).strip("_") or "student"


def discover(directory, homework_id):
    """The submissions in `directory`, sorted by student name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"{directory} is not a folder of submissions (one <student>.ipynb or <student>/ each)")
    subs = []
    for p in sorted(directory.iterdir()):
        if p.name.startswith(".") or p.name.endswith("~"):
            continue
        if p.is_file() and p.suffix == ".ipynb":
            subs.append(Submission(student_name(p), p))
        elif p.is_dir():
            nbs = sorted(q for q in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in q.parts)
            if len(nbs) > 1:
                named = [q for q in nbs if q.name.startswith(homework_id)]
                nbs = named if len(named) == 1 else nbs
            if len(nbs) == 1:
                subs.append(Submission(student_name(p), nbs[0]))
            else:
                why = "no notebook in the folder" if not nbs else \
                    f"{len(nbs)} notebooks in the folder ({', '.join(q.name for q in nbs[:3])}): which one is the homework?"
                subs.append(Submission(student_name(p), p, problem=why))
    names = [s.student for s in subs]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"two submissions for the same student name: {', '.join(dup)}")
    return subs


def read(sub):
    """Parses the notebook; sets sub.problem (the `unreadable` status) when it cannot be used."""
    if sub.problem:
        return sub
    try:
        raw = sub.path.read_bytes()
    except OSError as e:
        sub.problem = f"cannot read the file ({e.strerror})"
        return sub
    if not raw.strip():
        sub.problem = "the file is empty"
        return sub
    try:
        nb = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        sub.problem = f"not a notebook: the file is not valid JSON ({e.__class__.__name__}: {str(e)[:80]})"
        return sub
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        sub.problem = "not a notebook: there is no list of cells"
        return sub
    cells = []
    for c in nb["cells"]:
        if not isinstance(c, dict) or c.get("cell_type") not in ("code", "markdown", "raw"):
            sub.problem = "not a notebook: a cell has no cell_type"
            return sub
        src = c.get("source", "")
        c["source"] = "".join(src) if isinstance(src, list) else str(src)
        cells.append(c)
    nb["cells"] = cells
    sub.notebook = nb
    return sub


def code_cells(nb):
    return [c for c in nb["cells"] if c.get("cell_type") == "code"]


def identify(nb, homeworks):
    """The id of the homework whose given lines the notebook holds most of (None if it holds none of any)."""
    text = "\n".join(l.strip() for c in code_cells(nb) for l in hwmod.editions.source_text(c).splitlines())
    declared = hwmod.HOMEWORK_DECL.search(text)
    if declared:
        for hid in homeworks:
            if declared["title"].split()[0] == hid:
                return hid
    present = set(text.splitlines())
    scores = {hid: len(hw.locked_lines() & present) / max(1, len(hw.locked_lines())) for hid, hw in homeworks.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None


def _similarity(a, b):
    la, lb = set(normalized(a).splitlines()), set(normalized(b).splitlines())
    return len(la & lb) / max(1, len(la))


def plan(hw, nb):
    """Matches the submission's code cells to the source's and lists the cells to run, in order."""
    student = code_cells(nb)
    by_id = {}
    for k, c in enumerate(student):
        by_id.setdefault(c.get("id"), k)
    match = {}                     # source cell index -> student cell position
    used = set()
    for sc in hw.cells:
        k = by_id.get(sc.cell_id)
        if k is not None and k not in used:
            match[sc.index], _ = k, used.add(k)
    last = -1
    for sc in hw.cells:            # cells whose id changed (copied into a new notebook): by their given lines
        if sc.index in match:
            last = match[sc.index]
            continue
        best, score = None, 0.0
        for k in range(last + 1, len(student)):
            if k in used:
                continue
            s = _similarity(sc.student_text if sc.kind == "answer" else sc.text, student[k]["source"])
            if s > score:
                best, score = k, s
        if best is not None and score >= 0.5:
            match[sc.index] = best
            used.add(best)
            last = best
    # the extra cells a student added: placed after the source cell matched just before them
    after = {}
    position = {k: sc for sc in hw.cells for k in [match.get(sc.index)] if k is not None}
    anchor = None
    for k, c in enumerate(student):
        if k in position:
            anchor = position[k].index
        elif normalized(c["source"]):
            after.setdefault(anchor, []).append(c["source"])
    notes, cells, written = [], [], []
    answered = {p.id: False for p in hw.parts}

    def part_of_extra(anchor_cell):
        return anchor_cell.part if anchor_cell is not None else None

    for text in after.get(None, []):
        cells.append(PlanCell("extra", None, text))
        written.append(text)
    for n, sc in enumerate(hw.cells, 1):
        got = student[match[sc.index]]["source"] if sc.index in match else None
        where = f"code cell {n}" + (f" (part {sc.part})" if sc.part else "")
        if sc.kind == "locked":
            if got is None:
                notes.append((sc.part, f"{where} was deleted; the original was run"))
            elif normalized(got) != normalized(sc.text):
                notes.append((sc.part, f"{where} was edited, but it is not an answer cell; the original was run"))
            cells.append(PlanCell("locked", sc.part, sc.text, sc.index))
        else:
            if got is None:
                notes.append((sc.part, f"{where}, an answer cell, was deleted: it counts as not answered"))
                got = sc.student_text
            elif normalized(got) != normalized(sc.student_text):
                answered[sc.part] = True
                written.append(got)
                missing = [l for l in normalized(sc.student_text).splitlines()
                           if l.strip() and "YOUR CODE HERE" not in l and "Exercise." not in l
                           and l.strip() not in {x.strip() for x in got.splitlines()}]
                if missing:
                    notes.append((sc.part, f"{where}: a given line was changed ({missing[0].strip()[:60]})"))
            cells.append(PlanCell("answer", sc.part, got, sc.index))
        for text in after.get(sc.index, []):
            cells.append(PlanCell("extra", part_of_extra(sc), text))
            written.append(text)
            if sc.part:
                answered[sc.part] = True
    return Plan(cells, notes, {p for p, a in answered.items() if not a}, "\n".join(written))
