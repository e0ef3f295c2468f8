#!/usr/bin/env python3
"""Loads the built site in a real headless browser (Debian's chromium) and checks what a reader sees.

    usage: browser_check.py [--site build/site] [--screenshots DIR]

Serves the site on 127.0.0.1 (a free port) with Python's http.server, then for
  * the index: links to the student and instructor editions and to the slide decks, in lecture order;
  * one notebook page (an executed instructor edition with a figure): plots embedded as data:image/png,
    MathJax (served by the site itself) typeset the formulas, the check verdicts are on the page;
  * one slide deck: reveal.js (served by the site itself) initialised (`.reveal.ready`, sections), plots present.
The DOM is taken after scripts ran (--dump-dom with a virtual time budget). Exit status 1 on any failure.
"""
import argparse
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


def browser(url, profile, *extra):
    cmd = [chromium(), '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-dev-shm-usage', f'--user-data-dir={profile}', '--virtual-time-budget=20000',
           *(extra or ['--dump-dom']), url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if r.returncode != 0:
        raise RuntimeError(f'chromium failed on {url}: {r.stderr[-800:]}')
    return r.stdout


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
            expect(len(student) > 0 and len(student) == len(instructor), f'index: {len(student)} student and instructor editions linked')
            expect(len(decks) > 0, f'index: {len(decks)} slide decks linked')
            # one notebook page: the first instructor edition whose source has a figure
            page_url = next((p for p in instructor if 'data:image/png' in (site / p).read_text(errors='ignore')), None)
            expect(page_url is not None, 'a notebook page with a figure exists')
            if page_url:
                page = browser(f'{base}/{page_url}', profile)
                expect(len(re.findall(r'<img[^>]+src="data:image/png;base64,', page)) > 0,
                       f'{page_url}: plots embedded as <img src="data:image/png…">')
                expect('[check]' in page and 'PASS' in page, f'{page_url}: check verdicts shown')
                expect('MJXc-display' in page or 'mjx-chtml' in page, f'{page_url}: formulas typeset by MathJax (served locally)')
            if decks:
                deck_url = next((d for d in decks if 'data:image/png' in (site / d).read_text(errors='ignore')), decks[0])
                deck = browser(f'{base}/{deck_url}', profile)
                m = re.search(r'<div class="(reveal[^"]*)"', deck)
                expect(m is not None and 'ready' in m.group(1).split(), f'{deck_url}: reveal.js initialised (class "{m.group(1) if m else "-"}")')
                expect(len(re.findall(r'<section', deck)) >= 2, f'{deck_url}: {len(re.findall(r"<section", deck))} slides')
                expect('data:image/png;base64,' in deck, f'{deck_url}: plots present')
            if args.screenshots:
                shots = Path(args.screenshots)
                shots.mkdir(parents=True, exist_ok=True)
                for name, url in (('index', 'index.html'), ('page', page_url), ('deck', decks[0] if decks else None)):
                    if url:
                        browser(f'{base}/{url}', profile, f'--screenshot={shots / (name + ".png")}', '--window-size=1280,900')
    finally:
        httpd.shutdown()
    print(f'{len(passed)} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
