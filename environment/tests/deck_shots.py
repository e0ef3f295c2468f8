#!/usr/bin/env python3
"""Screenshots of every slide of the decks made from executed lecture notebooks, to look at.

    usage: deck_shots.py EXECUTED.ipynb ... --out DIR [--only TEXT]

Builds each notebook's deck (environment/slides.py) into a scratch site with the assets site.py serves (reveal.js,
MathJax), measures it with browser_check.py's probe (every slide inside 1280×720, every figure visible) and saves
one PNG per slide, DIR/NN-name/HH-VV.png (with --only: just the slides whose text contains TEXT). Exit status 1 when
a slide overflows or a figure is hidden. Needs environment/install-browser.sh.
"""
import argparse
import importlib.util
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / 'environment'))
sys.path.insert(0, str(ROOT / 'environment' / 'tests'))
import browser_check  # noqa: E402
import slides  # noqa: E402


def kit_site():
    spec = importlib.util.spec_from_file_location('kit_site', ROOT / 'environment' / 'site.py')
    mod = importlib.util.module_from_spec(spec)  # by path: Python has its own `site`
    spec.loader.exec_module(mod)
    return mod


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('notebooks', nargs='+')
    ap.add_argument('--out', required=True)
    ap.add_argument('--only', help='only the slides whose text contains this')
    args = ap.parse_args(argv)
    out = Path(args.out)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / 'site'
        kit_site().copy_assets(site)
        httpd, base = browser_check.serve(site)
        try:
            for nb in map(Path, args.notebooks):
                deck = site / 'slides' / (nb.stem + '.slides.html')
                slides.render_deck(nb, deck, **kit_site().urls(1))
                text = deck.read_text(encoding='utf-8')

                def expect(ok, what):
                    print(('[ok]   ' if ok else '[FAIL] ') + what)
                    if not ok:
                        failures.append(what)
                found = browser_check.check_deck(base, site, str(deck.relative_to(site)), Path(tmp) / 'profile', expect)
                shots = out / nb.stem
                shots.mkdir(parents=True, exist_ok=True)
                sections = re.findall(r'<section[^>]*>(.*?)</section>', text, re.S)
                for s in found:
                    if args.only and args.only not in s['title'] and not any(args.only in sec for sec in sections):
                        continue
                    browser_check.browser(f'{base}/slides/{deck.name}#/{s["h"]}/{s["v"]}', Path(tmp) / 'profile',
                                          f'--screenshot={shots / ("%02d-%02d.png" % (s["h"], s["v"]))}',
                                          '--window-size=1280,720', budget_ms=30000)
                print(f'[shots] {len(found)} slides of {nb.name} in {shots}')
        finally:
            httpd.shutdown()
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
