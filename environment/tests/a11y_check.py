#!/usr/bin/env python3
"""The kit's accessibility check (part of `environment/kit test`, called by environment/site-test.sh).

    usage: a11y_check.py [--site build/site] [--notebooks DIR ...] [--page FILE.html ...] [--json OUT.json]

1. Figures: every `image/png` output of every executed notebook under the --notebooks folders (default build/notebooks
   and build/run) has a non-empty text alternative — `alt` in the output's image/png metadata, or an `<img alt>` in its
   text/html (what the kit's kernel fix sends; see environment/a11y.py).
2. Pages: axe-core (npm axe-core, run in the Debian headless Chromium by environment/tests/a11y_check.cjs) with the
   WCAG 2.0 and 2.1 A and AA rule tags on every page of the site (every notebook page, the index, every slide deck)
   and on every --page (a feedback page of `kit grade`): no critical and no serious violation. Also, on every page:
   a language, and on the site's pages a main landmark; every formula MathJax typeset has its assistive MathML (a screen reader reads
   it); on every deck: the right arrow key moves to the next slide, and where a deck has speaker notes the `s` key
   opens the speaker view (a window with the notes as text) and the `t` key shows the current slide's notes in the
   deck, in a visible aria-live region below the slide that follows the slides (no critical or serious violation in
   it) and hides again.
Exit status 1 when anything fails; the table of violations per page is printed (and written to --json).
Needs environment/install-browser.sh (chromium, axe-core and playwright-core in .cache/a11y-node).
"""
import argparse
import functools
import html
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / '.cache' / 'a11y-node' / 'node_modules'
FAILING = ('critical', 'serious')
IMG_ALT = re.compile(r'<img\b[^>]*\balt="([^"]+)"', re.S)


def text(v):
    return v if isinstance(v, str) else ''.join(v)


def alt_of(output):
    """The text alternative an image output carries ('' when none)."""
    meta = (output.get('metadata', {}) or {}).get('image/png') or {}
    alt = meta.get('alt', '') if isinstance(meta, dict) else ''
    if not alt.strip():
        m = IMG_ALT.search(text(output.get('data', {}).get('text/html', '')))
        alt = html.unescape(m.group(1)) if m else ''
    return alt.strip()


def images_without_alt(nb_paths):
    """([(notebook, cell number, output number)] of PNG outputs without a text alternative, number of PNG outputs)."""
    missing, total = [], 0
    for p in nb_paths:
        nb = json.loads(Path(p).read_text(encoding='utf-8'))
        for ci, cell in enumerate(nb.get('cells', []), 1):
            for oi, o in enumerate(cell.get('outputs', []), 1):
                if 'image/png' in o.get('data', {}):
                    total += 1
                    if not alt_of(o):
                        missing.append((str(p), ci, oi))
    return missing, total


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def run_axe(root, pages):
    """{page: result} from a11y_check.cjs over the pages (paths relative to root)."""
    if not (NODE_MODULES / 'axe-core' / 'axe.min.js').is_file():
        raise SystemExit('error: axe-core is missing: run environment/install-browser.sh')
    httpd = serve(root)
    try:
        env = dict(os.environ, NODE_PATH=str(NODE_MODULES))
        r = subprocess.run(['node', str(Path(__file__).with_name('a11y_check.cjs')),
                            f'http://127.0.0.1:{httpd.server_address[1]}', *pages],
                           capture_output=True, text=True, env=env, timeout=int(os.environ.get('KIT_BROWSER_TIMEOUT', '1800')))
    finally:
        httpd.shutdown()
    results = {}
    for line in r.stdout.splitlines():
        if line.startswith('{'):
            d = json.loads(line)
            results[d['page']] = d
    if r.returncode not in (0, 2) or not results:
        raise SystemExit(f'error: the axe run failed (status {r.returncode}):\n{r.stderr[-2000:]}')
    return results


def problems_of(result, own=True):
    """The failures of one page's result, as sentences; `own`: a page of the site (environment/a11y.py processed
    it), which must also have a main landmark (axe's WCAG rules do not ask for one; for a grading page, made by
    environment/grading/report.py, its absence is printed as a note)."""
    out = []
    if result.get('error'):
        return [f"could not be checked: {result['error']}"]
    for v in result.get('violations', []):
        if v['impact'] in FAILING:
            what = '; '.join(v.get('summaries', [])[:3])
            out.append(f"{v['impact']} {v['id']} on {v['nodes']} node(s): {v['help']}" + (f' ({what})' if what else ''))
    if not result.get('lang'):
        out.append('no lang on <html>')
    if not result.get('main') and own:
        out.append('no main landmark')
    m = result.get('math', {})
    if m.get('typeset', 0) and m.get('assistive', 0) < m['typeset']:
        out.append(f"{m['typeset'] - m['assistive']} of {m['typeset']} formulas without assistive MathML")
    d = result.get('deck')
    if d is not None:
        if not d.get('keyboardMoves'):
            out.append('the right arrow key does not move to the next slide')
        if d.get('notes') and not d.get('speakerView'):
            out.append('the speaker notes are not reachable (the s key does not open the speaker view)')
        if d.get('notes'):
            if not d.get('notesPanel'):
                out.append('no speaker-notes region in the deck (environment/a11y.py adds it to a deck with notes)')
            else:
                for key, what in (('notesShown', "the t key does not show the slide's notes in a visible aria-live region"),
                                  ('notesBelowSlide', 'the notes region covers the slide'),
                                  ('notesFollow', 'the notes region does not follow the next slide'),
                                  ('notesHide', 'the t key does not hide the notes again')):
                    if not d.get(key):
                        out.append(what)
                out.extend(f'notes region: {v}' for v in d.get('notesViolations', []))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--site', type=Path, default=ROOT / 'build' / 'site')
    ap.add_argument('--notebooks', type=Path, action='append', help='folders of executed notebooks (searched recursively)')
    ap.add_argument('--page', type=Path, action='append', default=[], help='another page to check (a feedback page)')
    ap.add_argument('--json', type=Path, help='write the results here')
    args = ap.parse_args(argv)
    failed = False

    folders = args.notebooks or [ROOT / 'build' / 'notebooks', ROOT / 'build' / 'run']
    nbs = sorted(p for f in folders if f.is_dir() for p in f.rglob('*.ipynb') if '.ipynb_checkpoints' not in p.parts)
    missing, total = images_without_alt(nbs)
    print(f'[a11y] figures: {total - len(missing)} of {total} image/png outputs in {len(nbs)} executed notebooks '
          'carry a text alternative')
    for nb, ci, oi in missing:
        print(f'  FAIL {nb}: cell {ci}, output {oi} has no text alternative')
        failed = True

    site = args.site.resolve()
    sys.path.insert(0, str(ROOT / 'environment'))
    import a11y
    pages = [p.relative_to(site) for p in a11y.site_pages(site)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / 'site').symlink_to(site)
        rel = [str(Path('site') / p) for p in pages]
        for k, extra in enumerate(args.page):
            (root / f'extra{k}').symlink_to(extra.resolve().parent)
            rel.append(f'extra{k}/{extra.name}')
        results = run_axe(root, rel)
    print(f'[a11y] axe-core, WCAG 2.0/2.1 A and AA, {len(rel)} pages:')
    print(f'  {"page":58} critical serious  moderate minor')
    for page in rel:
        r = results.get(page, {'error': 'no result'})
        count = {i: sum(v['nodes'] for v in r.get('violations', []) if v['impact'] == i)
                 for i in ('critical', 'serious', 'moderate', 'minor')}
        own = page.startswith('site/')
        probs = problems_of(r, own)
        shown = page.replace('site/', '', 1) if page.startswith('site/') else str(args.page[int(page[5:page.index('/')])])
        print(f'  {shown[-58:]:58} {count["critical"]:8} {count["serious"]:7} {count["moderate"]:9} {count["minor"]:5}'
              + ('' if not probs else '  FAIL'))
        for p in probs:
            print(f'      {p}')
        if not own and not r.get('error') and not r.get('main'):
            print('      note: no main landmark (environment/grading/report.py writes this page)')
        failed |= bool(probs)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({'figures': {'total': total, 'missing': missing}, 'pages': results}, indent=1) + '\n')
    print('[a11y] ' + ('FAILED' if failed else 'passed: every figure has a text alternative; no critical or serious '
                                                 'violation on any page; keyboard and notes on every deck'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
