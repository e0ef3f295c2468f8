#!/usr/bin/env python3
"""The kit's HTML site: executed instructor and student editions, slide decks, and an index in lecture order.

    usage: site.py [--skip-exec] [--out build]

1. environment/editions.py writes the instructor and student editions of notebooks/exercises and
   notebooks/homework to OUT/editions/;
2. environment/run_notebooks.py executes both editions (OUT/run/instructor, OUT/run/student);
3. the edition check: in the executed instructor edition every exercise check prints `[check] <id> PASS`; in
   the student edition the same checks run and none passes (the placeholders fail them: the checks can fail);
4. nbconvert renders every executed notebook to OUT/site/{instructor,student}/NAME.html, and each executed
   lecture notebook (OUT/notebooks/NN-*.ipynb, from `kit run`/`kit test`) to a reveal.js deck
   OUT/site/slides/NN-*.slides.html cut into 1280×720 slides by environment/slides.py, with reveal.js,
   require.js, jQuery and MathJax served from OUT/site itself (offline);
5. OUT/site/index.html lists, part by part in lecture order, the lecture notebook, its deck, its exercises
   (student / instructor) and then the homework;
6. environment/a11y.py makes every page and deck accessible (language, main landmark, AA colours, the figures'
   text alternatives from the executed notebooks; checked by environment/tests/a11y_check.py in `kit test`).
Needs environment/install-browser.sh (reveal.js in .cache/, the JavaScript libraries) to have run.
In a student release (environment/edition says "student"; environment/release.py) the sources are already
student editions: only the student edition is built, and its check is that no check passes on a placeholder.
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVEAL_VERSION = '4.0.2'
JS = Path('/usr/share/javascript')
CHECK = re.compile(r'^\[check\] (\S+) (PASS|FAIL|TODO)\b', re.M)
GRADE = re.compile(r'^\[grade\] (\S+) (\d+)/(\d+)', re.M)

# Lecture order: the index's sections; every notebook is placed by its number (lecture notebooks NN-*, exercises
# EN-*), so a notebook whose name says nothing about its part (03-comparing-distributions) still lands in it.
PARTS = [
    'Before the lecture',
    'Recap: the ELBO',
    'Part one: the VAE',
    'Part two: KL divergence and MMD',
    'Part three: MMD-VAE, β-VAE and the KL decomposition',
]
LECTURE_PART = {'00': 0, '01': 1, '02': 2, '03': 3, '04': 4, '05': 4}   # notebooks/NN-*.ipynb
EXERCISE_PART = {'E1': 1, 'E2': 2, 'E3': 3, 'E4': 4}                 # notebooks/exercises/EN-*.ipynb


def built_editions():
    """('instructor', 'student'), or ('student',) in a student release (no solutions to build from)."""
    marker = ROOT / 'environment' / 'edition'
    if marker.is_file() and marker.read_text().strip() == 'student':
        return ('student',)
    return ('instructor', 'student')


EDITIONS = built_editions()


def log(msg):
    print(f'\033[1m[kit]\033[0m {msg}', flush=True)


def part_of(name):
    """Index into PARTS of a notebook file name like 03-comparing-distributions.ipynb or E4-decomposition.ipynb."""
    m = re.match(r'([0-9]{2}|E[0-9]+)-', Path(name).name)
    part = m and (LECTURE_PART.get(m.group(1)) if m.group(1)[0].isdigit() else EXERCISE_PART.get(m.group(1)))
    if part is None:
        raise SystemExit(f'error: {name} has no place in the index: add its number to LECTURE_PART or EXERCISE_PART '
                         'in environment/site.py')
    return part


# ---- executing and checking the editions -----------------------------------------------------------------------

def run(cmd, **kw):
    log(' '.join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def make_editions(out):
    sources = [p for sub in ('exercises', 'homework') for p in sorted((ROOT / 'notebooks' / sub).glob('*.ipynb'))]
    run([sys.executable, ROOT / 'environment' / 'editions.py', '--root', ROOT / 'notebooks',
         '--out', out / 'editions', *sources])
    return [p.relative_to(ROOT / 'notebooks') for p in sources]


def execute_editions(rel_paths, out):
    for edition in EDITIONS:
        run([sys.executable, ROOT / 'environment' / 'run_notebooks.py',
             *[out / 'editions' / edition / r for r in rel_paths], '--out', out / 'run' / edition])


def executed(out, edition, rel):
    """run_notebooks.py keeps the path below notebooks/ for sources there, else only the file name."""
    return out / 'run' / edition / 'notebooks' / Path(rel).name


def outputs_text(nb):
    parts = []
    for c in nb['cells']:
        for o in c.get('outputs', []):
            t = o.get('text', '')
            parts.append(''.join(t) if isinstance(t, list) else t)
    return ''.join(parts)


def checks_of(nb):
    """{exercise id: last outcome} from the [check] marker lines of an executed notebook."""
    return {m.group(1): m.group(2) for m in CHECK.finditer(outputs_text(nb))}


def verify_editions(rel_paths, out):
    """Returns a list of problems: instructor checks that do not pass, student checks that do."""
    problems, summary = [], {}
    for rel in rel_paths:
        stud = checks_of(json.loads(executed(out, 'student', rel).read_text()))
        inst = checks_of(json.loads(executed(out, 'instructor', rel).read_text())) if 'instructor' in EDITIONS \
            else {cid: 'PASS' for cid in stud}   # a student release: only "no placeholder passes" is checked
        summary[str(rel)] = {'instructor': inst, 'student': stud}
        if not inst:
            problems.append(f'{rel}: the instructor edition printed no [check] line')
        for cid, outcome in inst.items():
            if outcome != 'PASS':
                problems.append(f'{rel}: instructor edition, check {cid} is {outcome}, expected PASS')
        for cid in inst:
            if cid not in stud:
                problems.append(f'{rel}: student edition, check {cid} did not run')
            elif stud[cid] == 'PASS':
                problems.append(f'{rel}: student edition, check {cid} passes with the placeholder (a check that cannot fail)')
    (out / 'site').mkdir(parents=True, exist_ok=True)
    (out / 'site' / 'checks.json').write_text(json.dumps(summary, indent=1) + '\n')
    return problems, summary


# ---- rendering ----------------------------------------------------------------------------------------------------

def copy_assets(site):
    """reveal.js (npm), require.js, jQuery and the part of MathJax 2 that TeX→CommonHTML needs, into site/."""
    reveal = ROOT / '.cache' / f'reveal.js-{REVEAL_VERSION}'
    if not (reveal / 'dist' / 'reveal.js').is_file():
        raise SystemExit(f'error: {reveal} is missing: run environment/install-browser.sh')
    shutil.copytree(reveal, site / 'reveal.js', dirs_exist_ok=True)
    assets = site / 'assets'
    assets.mkdir(parents=True, exist_ok=True)
    for src in (JS / 'requirejs' / 'require.min.js', JS / 'jquery' / 'jquery.min.js'):
        if not src.is_file():
            raise SystemExit(f'error: {src} is missing: run environment/install-browser.sh')
        shutil.copy2(src, assets / src.name)
    mj = JS / 'mathjax'
    if (mj / 'MathJax.js').is_file() and not (assets / 'mathjax' / 'MathJax.js').is_file():
        dst = assets / 'mathjax'
        for rel in ('MathJax.js', 'config/TeX-AMS_CHTML-full.js', 'config/Safe.js', 'extensions', 'jax/input/TeX',
                    'jax/output/CommonHTML', 'jax/element', 'fonts/HTML-CSS/TeX/woff', 'localization/en'):
            s = mj / rel
            if s.is_dir():
                shutil.copytree(s, dst / rel, dirs_exist_ok=True)
            elif s.is_file():
                (dst / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(s, dst / rel)


def urls(depth):
    up = '../' * depth
    return dict(require_js_url=f'{up}assets/require.min.js', jquery_url=f'{up}assets/jquery.min.js',
                mathjax_url=f'{up}assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe')


def title_of(nb, fallback):
    for c in nb['cells']:
        if c['cell_type'] == 'markdown':
            m = re.search(r'^#\s+(.+)$', ''.join(c['source']), re.M)
            if m:
                return m.group(1).strip()
    return fallback


def render_page(nb_path, dest, depth):
    import nbformat
    from nbconvert import HTMLExporter
    nb = nbformat.read(str(nb_path), as_version=4)
    exporter = HTMLExporter(**urls(depth))
    body, _ = exporter.from_notebook_node(nb, resources={'metadata': {'name': nb_path.stem}})
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(body, encoding='utf-8')
    return title_of(nb, nb_path.stem)


def render_deck(nb_path, dest):
    """The reveal.js deck of an executed lecture notebook (environment/slides.py cuts the slides)."""
    sys.path.insert(0, str(ROOT / 'environment'))
    import slides
    return slides.render_deck(nb_path, dest, **urls(1))


def write_index(site, lectures, exercises, homework, summary):
    """lectures: [(part, title, page, deck)]; exercises/homework: [(part, title, student, instructor, rel)]."""
    def li_ex(t, s, i, rel):
        ch = summary.get(rel, {}).get('instructor', {})
        n = f' <small>({len(ch)} checks)</small>' if ch else ''
        return (f'<li>{html.escape(t)}{n}: <a href="{html.escape(s)}">student edition</a>'
                + (f' · <a href="{html.escape(i)}">instructor edition</a>' if i else '') + '</li>')

    sections = []
    for part, ptitle in enumerate(PARTS):
        lec = [l for l in lectures if l[0] == part]
        exs = [e for e in exercises if e[0] == part]
        if not lec and not exs:
            continue
        rows = [f'<li><a href="{html.escape(pg)}">{html.escape(t)}</a>'
                + (f' · <a href="{html.escape(d)}">slides</a>' if d else '') + '</li>' for _, t, pg, d in lec]
        rows += [li_ex(t, s, i, rel) for _, t, s, i, rel in exs]
        sections.append(f'<h2>{html.escape(ptitle)}</h2>\n<ul>\n' + '\n'.join(rows) + '\n</ul>')
    if homework:
        sections.append('<h2>Homework</h2>\n<ul>\n' + '\n'.join(li_ex(t, s, i, rel) for _, t, s, i, rel in homework)
                        + '\n</ul>')
    mode = 'fast mode (CI subsets)' if os.environ.get('KIT_FAST', '0') not in ('', '0', 'false') else 'full mode'
    (site / 'index.html').write_text(f'''<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lecture 7 kit</title>
<style>body{{font-family:system-ui,sans-serif;max-width:50em;margin:3em auto;line-height:1.5;padding:0 1em}}
li{{margin:.35em 0}} h2{{margin-top:1.6em;border-bottom:1px solid #ddd}} small{{color:#666}}</style>
</head><body><main>
<h1>Lecture 7: deep generative models — the Java kit</h1>
<p>The ELBO, variational autoencoders, comparing distributions with MMD, MMD-VAE and disentanglement.
Each lecture notebook is here executed, and as a slide deck for presenting in class (arrow keys; <kbd>s</kbd> for
speaker notes). Exercises come in a <em>student edition</em> (cells to fill, checks that explain a wrong answer)
and an <em>instructor edition</em> (solutions, every check passing).
Built in {mode} on {time.strftime('%Y-%m-%d %H:%M')}.</p>
{chr(10).join(sections)}
</main></body></html>
''', encoding='utf-8')
    return site / 'index.html'


def main(argv=None):
    sys.path.insert(0, str(ROOT / 'environment'))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=str(ROOT / 'build'))
    ap.add_argument('--skip-exec', action='store_true', help='reuse OUT/run/* from an earlier run')
    args = ap.parse_args(argv)
    out = Path(args.out).resolve()
    site = out / 'site'
    rel_paths = make_editions(out)
    if not args.skip_exec:
        execute_editions(rel_paths, out)
    problems, summary = verify_editions(rel_paths, out)
    n_checks = sum(len(v['instructor']) for v in summary.values())
    copy_assets(site)

    lectures = []
    for nb_path in sorted((out / 'notebooks').glob('[0-9][0-9]-*.ipynb')):
        page = site / nb_path.with_suffix('.html').name
        if not page.is_file():
            render_page(nb_path, page, 0)
        deck = render_deck(nb_path, site / 'slides' / (nb_path.stem + '.slides.html'))
        lectures.append((part_of(nb_path.name), title_of(json.loads(nb_path.read_text()), nb_path.stem),
                         page.name, str(deck.relative_to(site))))
    exercises, homework = [], []
    for rel in rel_paths:
        pages = {}
        for edition in EDITIONS:
            dest = site / edition / Path(rel).with_suffix('.html').name
            title = render_page(executed(out, edition, rel), dest, 1)
            pages[edition] = str(dest.relative_to(site))
        entry = (part_of(rel.name) if rel.parts[0] != 'homework' else None, title, pages['student'], pages.get('instructor'), str(rel))
        (homework if rel.parts[0] == 'homework' else exercises).append(entry)
    index = write_index(site, lectures, exercises, homework, summary)
    # every page and deck: language, main landmark, AA colours, the figures' text alternatives (environment/a11y.py)
    import a11y
    executed_nbs = sorted((out / 'notebooks').glob('[0-9][0-9]-*.ipynb')) + [
        executed(out, edition, rel) for rel in rel_paths for edition in EDITIONS]
    changed = a11y.fix_files(a11y.site_pages(site), executed_nbs)
    log(f'accessibility: {len(changed)} pages given a language, a main landmark, AA colours and their figures\' alt texts')
    log(f'site: {index} ({len(lectures)} lecture notebooks with slides, {len(exercises)} exercise sheets, '
        f'{len(homework)} homework sheets, {n_checks} checks)')
    if problems:
        print('\n'.join(['\033[1;31m[kit] edition check FAILED\033[0m'] + ['  ' + p for p in problems]), file=sys.stderr)
        return 1
    log(f'editions: all {n_checks} checks pass in the instructor edition and fail on the placeholders in the student edition'
        if 'instructor' in EDITIONS else f'student edition: none of the {n_checks} checks passes on a placeholder')
    return 0


if __name__ == '__main__':
    sys.exit(main())
