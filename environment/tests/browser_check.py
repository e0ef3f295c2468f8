#!/usr/bin/env python3
"""Loads the built site in a real headless browser (Debian's chromium) and checks what a reader sees.

    usage: browser_check.py [--site build/site] [--screenshots DIR]

Serves the site on 127.0.0.1 (a free port) with Python's http.server, then for
  * the index: links to the student and instructor editions and to the slide decks, in lecture order;
  * one notebook page (an executed instructor edition with a figure): plots embedded as data:image/png,
    MathJax (served by the site itself) typeset the formulas, the check verdicts are on the page;
  * the index's sections: every lecture notebook and exercise sheet under its part of the lecture;
  * every slide deck: reveal.js (served by the site itself) initialised, and then, in a 1280×720 window, every
    slide visited: its content fits the 1280×720 frame (no overflow, no scroll bar inside), and on every slide
    with a figure the image is loaded and inside the window. A copy of the deck with a measuring script
    (SLIDE_PROBE) appended is loaded; the script writes its findings into the page.
The DOM is taken after scripts ran (--dump-dom with a virtual time budget). Exit status 1 on any failure.
With --screenshots DIR: the index, a notebook page, a wide table, and three slides (a title slide, a figure slide,
a code slide) as PNGs, to look at.
"""
import argparse
import html
import json
import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def chromium():
    for name in ('chromium', 'chromium-browser', 'google-chrome'):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit('error: no chromium found: run environment/install-browser.sh')


def student_release():
    """True in the folder `environment/kit release student` makes (environment/edition says so; see site.py)."""
    marker = ROOT / 'environment' / 'edition'
    return marker.is_file() and marker.read_text().strip() == 'student'


def browser(url, profile, *extra, budget_ms=20000):
    # screenshots get more virtual time: MathJax loads its extensions (\boldsymbol) after the first typesetting,
    # and a 20 s budget caught some slides half typeset (formulas twice, the macro in red)
    cmd = [chromium(), '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-dev-shm-usage', f'--user-data-dir={profile}', f'--virtual-time-budget={budget_ms}',
           *(extra or ['--dump-dom']), url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=int(__import__("os").environ.get("KIT_BROWSER_TIMEOUT", "600")))
    if r.returncode != 0:
        raise RuntimeError(f'chromium failed on {url}: {r.stderr[-800:]}')
    return r.stdout


# Runs in the deck after reveal.js and MathJax are done: visits every slide and reports what overflows.
SLIDE_PROBE = r"""
<script>
(function () {
  var W = 1280, H = 720, tries = 0;
  function report(obj) {
    var pre = document.createElement('pre');
    pre.id = 'kit-slide-check';
    pre.textContent = JSON.stringify(obj);
    document.body.appendChild(pre);
  }
  function measure() {
    var R = window.Reveal || (window.require && window.require.defined && window.require.defined(REVEAL_JS) ? window.require(REVEAL_JS) : null);
    if (!R || !R.isReady || !R.isReady()) { if (tries++ < 100) { setTimeout(safely, 100); } else { report({error: 'reveal.js not ready'}); } return; }
    var box = document.querySelector('.reveal .slides').getBoundingClientRect();
    var scale = box.width / W;  // reveal.js scales the 1280×720 frame to the window
    var leaves = Array.prototype.filter.call(document.querySelectorAll('.reveal .slides section'),
                                             function (s) { return !s.querySelector('section'); });
    var slides = [];
    leaves.forEach(function (sec) {
      var idx = R.getIndices(sec);
      // lay the slide out where it would be shown, without navigating (no transitions, no MathJax re-render)
      var saved = [sec.style.display, sec.style.transform, sec.style.top, sec.parentNode.style.display, sec.parentNode.style.transform];
      sec.style.display = 'block'; sec.style.transform = 'none'; sec.style.top = '0px';
      if (sec.parentNode.tagName === 'SECTION') { sec.parentNode.style.display = 'block'; sec.parentNode.style.transform = 'none'; }
      var over = [];
      if (sec.scrollHeight > H + 2) over.push('height ' + sec.scrollHeight + ' px');
      if (sec.scrollWidth > W + 2) over.push('width ' + sec.scrollWidth + ' px');
      // content cut off or hidden behind a scroll bar inside the slide (code boxes, outputs, tables)
      sec.querySelectorAll('pre, code, table, div').forEach(function (el) {
        var cs = getComputedStyle(el);
        if (el.scrollWidth > el.clientWidth + 2 && cs.overflowX !== 'visible')
          over.push(el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0] + ' cut or scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
        if (el.scrollHeight > el.clientHeight + 2 && cs.overflowY !== 'visible')
          over.push(el.tagName.toLowerCase() + ' cut or scrolls vertically (' + el.scrollHeight + ' > ' + el.clientHeight + ')');
      });
      var top = sec.getBoundingClientRect().top, left = box.left;
      var imgs = [];
      sec.querySelectorAll('img').forEach(function (img) {
        var r = img.getBoundingClientRect();
        var t = (r.top - top) / scale, bot = (r.bottom - top) / scale, l = (r.left - left) / scale, rt = (r.right - left) / scale;
        imgs.push({ok: img.complete && img.naturalWidth > 0 && r.width / scale > 50 && r.height / scale > 50 && t >= -1 &&
                       bot <= H + 1 && l >= -1 && rt <= W + 1,
                   top: Math.round(t), bottom: Math.round(bot), height: Math.round(r.height / scale)});
      });
      sec.style.display = saved[0]; sec.style.transform = saved[1]; sec.style.top = saved[2];
      if (sec.parentNode.tagName === 'SECTION') { sec.parentNode.style.display = saved[3]; sec.parentNode.style.transform = saved[4]; }
      var title = (sec.querySelector('h1, h2, h3') || {}).textContent || '';
      slides.push({h: idx.h, v: idx.v || 0, title: title.replace(/\u00b6/g, '').trim().slice(0, 60), over: over, images: imgs,
                   code: sec.querySelectorAll('.jp-CodeCell .jp-InputArea').length});
    });
    report({slides: slides});
  }
  function safely() { try { measure(); } catch (e) { report({error: String(e)}); } }
  function start() {
    if (window.MathJax && MathJax.Hub && MathJax.Hub.Queue) { MathJax.Hub.Queue(function () { setTimeout(safely, 300); }); }
    else { setTimeout(safely, 300); }
  }
  if (document.readyState === 'complete') { start(); } else { window.addEventListener('load', start); }
})();
</script>
"""


def probe_copy(site, deck):
    """A copy of the deck with SLIDE_PROBE appended, beside it (same relative URLs)."""
    src = site / deck
    dst = src.with_name(src.name.replace('.slides.html', '.probe.html'))
    text = src.read_text(encoding='utf-8')
    m = re.search(r'"([^"]*/dist/reveal\.js)"', text)  # the module name the deck's require() call loads reveal.js by
    probe = SLIDE_PROBE.replace('REVEAL_JS', json.dumps(m.group(1) if m else 'reveal.js'))
    dst.write_text(text.replace('</body>', probe + '</body>', 1), encoding='utf-8')
    return str(dst.relative_to(site))


def check_deck(base, site, deck, profile, expect):
    """Loads the probe copy of `deck` at 1280×720; returns the slide reports."""
    url = probe_copy(site, deck)
    try:
        dom = browser(f'{base}/{url}', profile, '--window-size=1280,720', '--dump-dom')
    finally:
        (site / url).unlink(missing_ok=True)
    m = re.search(r'<pre id="kit-slide-check">(.*?)</pre>', dom, re.S)
    expect(m is not None, f'{deck}: the slide probe reported')
    if not m:
        return []
    found = json.loads(html.unescape(m.group(1)))
    expect('error' not in found, f'{deck}: reveal.js ready ({found.get("error", "ok")})')
    slides = found.get('slides', [])
    expect(len(slides) >= 2, f'{deck}: {len(slides)} slides')
    too_big = [s for s in slides if s['over']]
    for s in too_big[:8]:
        print(f'         slide {s["h"]}/{s["v"]} "{s["title"]}": ' + '; '.join(s['over']))
    expect(not too_big, f'{deck}: every slide fits 1280×720 ({len(too_big)} of {len(slides)} overflow)')
    with_figures = [s for s in slides if s['images']]
    hidden = [s for s in with_figures if not all(i['ok'] for i in s['images'])]
    for s in hidden[:8]:
        print(f'         slide {s["h"]}/{s["v"]} "{s["title"]}": figure not fully visible {s["images"]}')
    expect(not hidden, f'{deck}: every figure slide shows its figure ({len(with_figures) - len(hidden)} of {len(with_figures)})')
    return slides


def check_index_sections(index, expect):
    """Every lecture notebook and exercise sheet in the index section of its part (environment/site.py)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location('kit_site', ROOT / 'environment' / 'site.py')
    kit_site = importlib.util.module_from_spec(spec)  # environment/site.py (by path: Python has its own `site`)
    spec.loader.exec_module(kit_site)
    sections = re.split(r'<h2>', index)[1:]
    where = {}
    for sec in sections:
        title = html.unescape(sec.split('</h2>')[0])
        for href in re.findall(r'href="([^"]+)"', sec):
            where.setdefault(Path(href).name.split('.')[0], title)
    placed = 0
    for name, title in where.items():
        if re.match(r'([0-9]{2}|E[0-9]+)-', name):
            part = kit_site.PARTS[kit_site.part_of(name + '.ipynb')]
            expect(title == part, f'index: {name} under "{title}" (its part: "{part}")')
            placed += 1
    expect(placed > 0, f'index: {placed} notebooks placed by part')


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f'http://127.0.0.1:{httpd.server_address[1]}'


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--site', default=str(ROOT / 'build' / 'site'))
    ap.add_argument('--screenshots', help='also save PNG screenshots of the three pages here')
    args = ap.parse_args(argv)
    site = Path(args.site)
    if not (site / 'index.html').is_file():
        raise SystemExit(f'error: {site}/index.html is missing: build the site first (environment/kit run)')
    failures, passed = [], []

    def expect(ok, what):
        (passed if ok else failures).append(what)
        print(('  ok   ' if ok else '  FAIL ') + what, flush=True)

    httpd, base = serve(site)
    try:
        with tempfile.TemporaryDirectory() as profile:
            print(f'[browser] {chromium()} on {base}/', flush=True)
            index = browser(f'{base}/index.html', profile)
            student = re.findall(r'href="(student/[^"]+\.html)"', index)
            instructor = re.findall(r'href="(instructor/[^"]+\.html)"', index)
            decks = re.findall(r'href="(slides/[^"]+\.slides\.html)"', index)
            expect('<h1>' in index and 'Lecture 7' in index, 'index: title rendered')
            if student_release():
                expect(len(student) > 0 and not instructor, f'index: {len(student)} student editions linked, no instructor edition (student release)')
            else:
                expect(len(student) > 0 and len(student) == len(instructor), f'index: {len(student)} student and instructor editions linked')
            expect(len(decks) > 0, f'index: {len(decks)} slide decks linked')
            check_index_sections(index, expect)
            # one notebook page: the first instructor edition (in a student release: student edition) with a figure
            page_url = next((p for p in (instructor or student) if 'data:image/png' in (site / p).read_text(errors='ignore')), None)
            expect(page_url is not None, 'a notebook page with a figure exists')
            if page_url:
                page = browser(f'{base}/{page_url}', profile)
                expect(len(re.findall(r'<img[^>]+src="data:image/png;base64,', page)) > 0,
                       f'{page_url}: plots embedded as <img src="data:image/png…">')
                if instructor:
                    expect('[check]' in page and 'PASS' in page, f'{page_url}: check verdicts shown')
                else:  # the student edition's placeholders: every check reports itself, none passes
                    expect('[check]' in page, f'{page_url}: check verdicts shown')
                expect('MJXc-display' in page or 'mjx-chtml' in page, f'{page_url}: formulas typeset by MathJax (served locally)')
            reports = {}
            for deck_url in decks:
                deck = browser(f'{base}/{deck_url}', profile)
                m = re.search(r'<div class="(reveal[^"]*)"', deck)
                expect(m is not None and 'ready' in m.group(1).split(), f'{deck_url}: reveal.js initialised (class "{m.group(1) if m else "-"}")')
                reports[deck_url] = check_deck(base, site, deck_url, profile, expect)
            if args.screenshots:
                shots = Path(args.screenshots)
                shots.mkdir(parents=True, exist_ok=True)
                pages = [('index', 'index.html'), ('page', page_url)]
                # the widest table of the lecture pages, alone on a page of notebook width (Jupyter's ~1000 px)
                tables = [(t, p) for p in re.findall(r'href="([0-9]{2}-[^"]+\.html)"', index)
                          for t in re.findall(r'<div class="kit-table".*?</table></div>', (site / p).read_text(errors='ignore'), re.S)]
                if tables:
                    widest, where = max(tables, key=lambda tp: tp[0].count('<th'))
                    (site / '_table.html').write_text('<!doctype html><meta charset="utf-8"><body style="font-family:'
                                                      'system-ui,sans-serif;font-size:14px;max-width:1000px;margin:1em auto">'
                                                      f'<p><small>{html.escape(where)}</small></p>{widest}</body>', encoding='utf-8')
                    pages.append(('table', '_table.html'))
                for name, url in pages:
                    if url:
                        browser(f'{base}/{url}', profile, f'--screenshot={shots / (name + ".png")}', '--window-size=1280,900', budget_ms=60000)
                # three slides of the richest deck: its title, a figure slide, a slide with code
                deck_url, slides = max(reports.items(), key=lambda kv: len(kv[1]), default=(None, []))
                picks = [('slide-title', slides[0] if slides else None),
                         ('slide-figure', next((s for s in slides if s['images']), None)),
                         ('slide-code', next((s for s in slides if s['code'] and not s['images']), None))]
                for name, s in picks:
                    if s:
                        browser(f'{base}/{deck_url}#/{s["h"]}/{s["v"]}', profile, f'--screenshot={shots / (name + ".png")}',
                                '--window-size=1280,720', budget_ms=60000)
                (site / '_table.html').unlink(missing_ok=True)
                print(f'[browser] screenshots in {shots}')
    finally:
        httpd.shutdown()
    print(f'{len(passed)} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
