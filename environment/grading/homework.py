"""The source notebook of a homework, as the grader sees it.

Every code cell of the source is one of
  locked  no solution in it: imports, the part declarations, the checks. The grader always runs the source's
          text, whatever the submission did to it.
  answer  holds a `// BEGIN SOLUTION` block (or the `solution` tag): the student's text is run.
and belongs to a part: the part whose check is in the cell or, for an answer cell, in the next cell that checks
one (cells before the first part, such as the imports, belong to no part).
Parts and points come from the source's own declarations `hw.part("H1a", 2, "title")`.
"""
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import editions  # noqa: E402  (the student edition of a cell is the placeholder the grader recognises)

ROOT = Path(__file__).resolve().parents[2]
HOMEWORK_DIR = ROOT / "notebooks" / "homework"
PART_DECL = re.compile(r'\.part\(\s*"(?P<id>[^"]+)"\s*,\s*(?P<points>\d+)\s*,\s*"(?P<title>[^"]*)"\s*\)')
CHECK_ID = re.compile(r'\bCheck\.\w+\(\s*"(?P<id>[^"]+)"')
HOMEWORK_DECL = re.compile(r'new\s+Homework\(\s*"(?P<title>[^"]+)"')


def normalized(text):
    """Cell text compared without trailing spaces, blank lines or a final newline."""
    return "\n".join(l.rstrip() for l in text.strip().splitlines() if l.strip())


@dataclass(frozen=True)
class Part:
    id: str
    points: int
    title: str


@dataclass
class SourceCell:
    index: int           # position among the source notebook's cells
    cell_id: str         # nbformat cell id (Jupyter keeps it when a student edits the cell)
    kind: str            # "locked" or "answer"
    part: str | None
    text: str            # the source's text (with the solution, for answer cells: never sent to a kernel)
    student_text: str    # the student edition's text of the cell
    is_check: bool       # a locked cell that calls Check (not replayed after a kernel restart)


@dataclass
class Homework:
    id: str              # "H1"
    path: Path
    title: str
    parts: list[Part]
    cells: list[SourceCell] = field(default_factory=list)

    @property
    def max_points(self):
        return sum(p.points for p in self.parts)

    def part(self, pid):
        return next(p for p in self.parts if p.id == pid)

    def answer_cells(self, pid):
        return [c for c in self.cells if c.kind == "answer" and c.part == pid]

    def locked_lines(self):
        """Lines the student edition shows and the student is not asked to change (identifies the homework)."""
        lines = set()
        for c in self.cells:
            for l in normalized(c.student_text).splitlines():
                l = l.strip()
                if len(l) > 12 and "YOUR CODE HERE" not in l and "Exercise." not in l:
                    lines.add(l)
        return lines


def homework_id(path):
    """`H1` from notebooks/homework/H1-linear-time-mmd.ipynb."""
    m = re.match(r"(H\d+)\b", Path(path).stem)
    if not m:
        raise ValueError(f"{path}: a homework notebook's name starts with its id, e.g. H1-...")
    return m.group(1)


def available(directory=HOMEWORK_DIR):
    """{id: path} of the homework sources."""
    return {homework_id(p): p for p in sorted(Path(directory).glob("H*.ipynb"))}


def load(hid, directory=HOMEWORK_DIR):
    """Reads the source of homework `hid` (e.g. "H1"); raises ValueError naming the ones there are."""
    found = available(directory)
    if hid not in found:
        raise ValueError(f"no homework {hid!r} in {directory} (there are: {', '.join(found) or 'none'})")
    path = found[hid]
    nb = json.loads(path.read_text(encoding="utf-8"))
    student = editions.edition_of(nb, "student", str(path))
    student_by_id = {c.get("id"): c for c in student["cells"]}
    parts, title = [], hid
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        text = editions.source_text(c)
        parts += [Part(m["id"], int(m["points"]), m["title"]) for m in PART_DECL.finditer(text)]
        m = HOMEWORK_DECL.search(text)
        if m:
            title = m["title"]
    if not parts:
        raise ValueError(f"{path}: no part declared (hw.part(\"{hid}a\", points, \"title\"))")
    declared = {p.id for p in parts}

    def checked_part(text):
        for m in CHECK_ID.finditer(text):
            pid = m["id"]
            for d in declared:
                if pid == d or pid.startswith(d + "-"):
                    return d
        return None

    cells, pending = [], []
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "code":
            continue
        text = editions.source_text(c)
        kind = "answer" if editions.has_solution(c) else "locked"
        part = checked_part(text)
        scell = SourceCell(i, c.get("id", f"cell-{i}"), kind, part, text,
                           editions.source_text(student_by_id.get(c.get("id"), c)),
                           kind == "locked" and part is not None)
        cells.append(scell)
        if part is None and kind == "answer":
            pending.append(scell)
        elif part is not None:
            for p in pending:
                p.part = part
            pending = []
    if pending:
        raise ValueError(f"{path}: answer cell {pending[0].index} is followed by no check of a declared part")
    # locked cells between an answer and its check (e.g. data set-up) belong to that part too
    current = None
    for c in cells:
        if c.part is not None:
            current = c.part
        elif c.kind == "locked" and current is not None and not PART_DECL.search(c.text) \
                and "report()" not in c.text:
            c.part = current
    return Homework(hid, path, title, parts, cells)
