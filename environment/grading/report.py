"""What grading writes: gradebook.csv, summary.csv, a feedback page per student and the overview page.

  gradebook.csv  student,part,points,max_points,status,message   (one row per student and part)
  summary.csv    student,points,max_points,flags
  feedback/<student>.html   the student's parts, statuses and messages (no hidden value, nothing the
                            student's code printed), and the verdicts of the notebook's own checks
  index.html     score histogram, pass rate per part, the students with their flags
Rows are sorted by student, then in the homework's part order, so a re-run writes the same files.
"""
import csv
import html
import json
from pathlib import Path

GRADEBOOK_HEADER = ["student", "part", "points", "max_points", "status", "message"]
SUMMARY_HEADER = ["student", "points", "max_points", "flags"]
# text colours: contrast with the white page and the #f6f8fa of <pre> ≥ 4.5:1 (WCAG AA; test_grade checks)
STYLE = ("body{background:#fff;font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;line-height:1.45;color:#222}"
         "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;"
         "vertical-align:top}.passed{color:#1a7f37}.failed,.error,.timeout,.unreadable,.wrong_homework{color:#b42318}"
         ".not_answered{color:#8a6d00}pre{background:#f6f8fa;padding:.5em;white-space:pre-wrap;font-size:.9em}")


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def gradebook_rows(results, part_order):
    order = {p: i for i, p in enumerate(part_order)}
    rows = []
    for r in sorted(results, key=lambda r: r.student):
        for row in sorted(r.rows, key=lambda x: order[x.part]):
            rows.append([r.student, row.part, row.points, row.max_points, row.status, row.message])
    return rows


def summary_rows(results):
    return [[r.student, sum(x.points for x in r.rows), sum(x.max_points for x in r.rows), "; ".join(r.flags)]
            for r in sorted(results, key=lambda r: r.student)]


def feedback_page(hw, result):
    rows = "\n".join(
        f'<tr><td>{html.escape(x.part)}</td><td>{html.escape(hw.part(x.part).title)}</td><td>{x.points}/{x.max_points}</td>'
        f'<td class="{x.status}">{x.status.replace("_", " ")}</td><td>{html.escape(x.message)}</td></tr>'
        for x in result.rows)
    total = sum(x.points for x in result.rows)
    shown = "".join(f"<h3>{html.escape(p)}</h3><pre>{html.escape(chr(10).join(v))[:4000]}</pre>"
                    for p, v in result.visible.items() if v)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(hw.id)} feedback: {html.escape(result.student)}</title><style>{STYLE}</style></head><body><main>
<h1>{html.escape(hw.title)}: feedback for {html.escape(result.student)}</h1>
<p><b>{total} / {hw.max_points} points.</b> Each part's points come from the instructor's hidden tests: the same
questions on inputs you have not seen. The checks in your notebook gave you feedback while you worked; their
verdicts are shown below for reference and do not count.</p>
<table><caption>Points per part</caption>
<tr><th scope="col">part</th><th scope="col">task</th><th scope="col">points</th><th scope="col">status</th><th scope="col">what the hidden tests found</th></tr>
{rows}
</table>
{"<h2>What your notebook's checks said</h2>" + shown if shown else ""}
</main></body></html>
"""


def svg_bars(labels, values, vmax, width=520, height=190, fmt="{:g}", title=""):
    """A plain SVG bar chart (no plotting library needed on the grading machine)."""
    n = max(1, len(values))
    bw = (width - 60) / n
    bars = []
    for i, (lab, v) in enumerate(zip(labels, values)):
        h = 0 if vmax == 0 else (height - 50) * v / vmax
        x = 50 + i * bw
        bars.append(f'<rect x="{x + 2:.1f}" y="{height - 30 - h:.1f}" width="{bw - 4:.1f}" height="{h:.1f}" fill="#4a78c2"/>'
                    f'<text x="{x + bw / 2:.1f}" y="{height - 14}" font-size="11" text-anchor="middle">{html.escape(str(lab))}</text>'
                    f'<text x="{x + bw / 2:.1f}" y="{height - 34 - h:.1f}" font-size="10" text-anchor="middle">{fmt.format(v)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{html.escape(title)}">'
            f'<text x="{width / 2}" y="14" font-size="13" text-anchor="middle">{html.escape(title)}</text>'
            f'<line x1="48" y1="{height - 30}" x2="{width - 8}" y2="{height - 30}" stroke="#888"/>{"".join(bars)}</svg>')


def overview_page(hw, gradebook, summary):
    maxp = hw.max_points
    scores = [int(s["points"]) for s in summary]
    hist = [scores.count(k) for k in range(maxp + 1)]
    parts = [p.id for p in hw.parts]
    rates = []
    statuses = {}
    for pid in parts:
        rows = [r for r in gradebook if r["part"] == pid]
        rates.append(100.0 * sum(r["status"] == "passed" for r in rows) / max(1, len(rows)))
        for r in rows:
            statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    students = "\n".join(
        f'<tr><td><a href="feedback/{html.escape(s["student"])}.html">{html.escape(s["student"])}</a></td>'
        f'<td>{s["points"]}/{s["max_points"]}</td><td>{html.escape(s["flags"])}</td></tr>' for s in summary)
    mean = sum(scores) / len(scores) if scores else 0.0
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(statuses.items()))
    flagged = sum(1 for s in summary if s["flags"])
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(hw.id)} gradebook</title>
<style>{STYLE}</style></head><body><main>
<h1>{html.escape(hw.title)}: gradebook</h1>
<p>{len(summary)} submissions, mean {mean:.2f} of {maxp} points; {flagged} flagged for review. Part results: {html.escape(counts)}.
Files: <a href="gradebook.csv">gradebook.csv</a>, <a href="summary.csv">summary.csv</a>.</p>
{svg_bars(range(maxp + 1), hist, max(hist or [0]), title="students per total score (points)")}
{svg_bars(parts, rates, 100.0, fmt="{:.0f}%", title="share of students passing each part's hidden tests (%)")}
<h2>Students</h2>
<table><caption>Points and flags per student</caption>
<tr><th scope="col">student</th><th scope="col">points</th><th scope="col">flags for review</th></tr>
{students}
</table></main></body></html>
"""


def write_all(out, hw, results):
    out = Path(out)
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    write_csv(out / "gradebook.csv", GRADEBOOK_HEADER, gradebook_rows(results, [p.id for p in hw.parts]))
    write_csv(out / "summary.csv", SUMMARY_HEADER, summary_rows(results))
    for r in results:
        (out / "feedback" / f"{r.student}.html").write_text(feedback_page(hw, r), encoding="utf-8")
    write_overview(out, hw)


def write_overview(out, hw):
    out = Path(out)
    (out / "index.html").write_text(overview_page(hw, read_csv(out / "gradebook.csv"), read_csv(out / "summary.csv")),
                                    encoding="utf-8")
    return out / "index.html"


def merge(out, hw, shard_dirs):
    """Joins the gradebooks of shards (from any machines) into OUT: the same files as one run over all students."""
    out = Path(out)
    gb, sm, seen = [], [], {}
    for d in shard_dirs:
        d = Path(d)
        if not (d / "gradebook.csv").is_file():
            raise SystemExit(f"error: {d} has no gradebook.csv (is it a shard folder of `kit grade --shard`?)")
        for s in read_csv(d / "summary.csv"):
            if s["student"] in seen:
                raise SystemExit(f"error: student {s['student']} is in two shards ({seen[s['student']]} and {d})")
            seen[s["student"]] = d
            sm.append(s)
        gb += read_csv(d / "gradebook.csv")
        fb = d / "feedback"
        if fb.is_dir():
            (out / "feedback").mkdir(parents=True, exist_ok=True)
            for f in sorted(fb.glob("*.html")):
                (out / "feedback" / f.name).write_bytes(f.read_bytes())
    order = {p.id: i for i, p in enumerate(hw.parts)}
    gb.sort(key=lambda r: (r["student"], order.get(r["part"], 99)))
    sm.sort(key=lambda r: r["student"])
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "gradebook.csv", GRADEBOOK_HEADER, [[r[k] for k in GRADEBOOK_HEADER] for r in gb])
    write_csv(out / "summary.csv", SUMMARY_HEADER, [[r[k] for k in SUMMARY_HEADER] for r in sm])
    return write_overview(out, hw), len(sm)
