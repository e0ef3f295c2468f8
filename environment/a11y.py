#!/usr/bin/env python3
"""Makes the kit's HTML pages usable by every student (WCAG 2.1 AA): applied to every page of the site, every slide
deck, and any page passed to it.

    usage: a11y.py PAGE.html [PAGE.html ...] [--notebook EXECUTED.ipynb ...]     (rewrites the pages in place)

nbconvert 6 writes pages without a language, without a main landmark, and with prompt, syntax-highlighting and slide
number colours below the AA contrast ratio (4.5:1 for text); figures are `<img>`s whose alt is whatever the notebook
output carried. For each page this
  * sets `<html lang="en">` (the kit's material is in English);
  * wraps the body's content in `<main>` (display: contents, so nothing moves; a deck's reveal.js frame included);
  * adds a style sheet (A11Y_CSS) whose colours pass 4.5:1 on the backgrounds they are drawn on (each pair's
    ratio is checked by `contrast()` in environment/tests/test_a11y.py);
  * gives an `<img>` of a PNG without alt the text alternative its notebook output carried (the kit's kernel fix
    puts it in the output's text/html `<img alt>` and in metadata image/png.alt: see lecture7.viz.AltText), looked
    up by the image's data in the executed notebooks passed with --notebook; an image that has none stays without
    (the accessibility check then names it);
  * in a reveal.js deck: a figure that nbconvert took from the output's text/html (the `<img alt>`) gets the width
    the slide cutter gives figures (environment/slides.py, image_scale), so it fills its slide as before; a help text
    for screen readers at the top says how to move (arrow keys) and how to reach the speaker notes; a deck with
    notes gets a region after the slides (NOTES_PANEL, outside reveal.js's 1280×720 frame, hidden until asked for):
    the `t` key shows the current slide's notes there, below the slide (which shrinks to the space above), as text
    a screen reader reads out when it changes (aria-live) and that follows the slides; `t` again hides it. So a
    lecturer with one screen and a screen-reader user reach the notes without reveal.js's pop-up speaker view (the
    `s` key, still there).
What the Java kernels and Jupyter front-ends do with a figure's text alternative, checked (not read) on this kit's
versions by displaying (a) an image/png output with metadata {"image/png": {"alt": ...}} and (b) a text/html output
`<img alt="..." src="data:image/png;base64,...">`, and the kit's figures (c):
  * rapaio-jupyter-kernel 3.0.1: sends (a) and (b) unchanged; `display(img)` of a BufferedImage sends image/png alone,
    so (c) needs the kit's kernel fix (environment/kernel-patch/.../display/image/ImageAlt.java), which sends
    image/png + text/html `<img alt>` + text/plain (the alt) + metadata image/png.alt;
  * Jupyter Notebook 6.4.12 (Debian): (a) shows the image without alt; (b) and (c) show the `<img>` with its alt, in a
    notebook opened from disk (not trusted) and in one run live;
  * nbconvert 6.5.3 (HTMLExporter for the site, SlidesExporter for the decks): (a) writes `<img>` without alt; (b)
    and (c) write the `<img alt>` (text/html is preferred to image/png);
  * JupyterLab 4.6.4 (a wheel in a throwaway venv; environment/tests/lab_alt_check.py, which runs only where a
    JupyterLab is installed): (a) renders the image/png with an `<img>` without alt (Lab does not read the metadata
    alt); (b) and (c) render the text/html (preferred to image/png, sanitised when untrusted) with the `<img alt>`,
    from disk (untrusted) and in a cell run live in the kit's kernel (trusted);
  * JJava (dflib/jjava at ef30da8, built here): like rapaio, it passes (a) and (b) through `kernel.display(...)` and
    sends `display(img)` as image/png (+ the image's toString as text/plain) without the alt; the kit's library
    registers, on its first figure, a BufferedImage renderer with the JJava/IJava kernel (lecture7.viz.Show) that
    sends what the rapaio fix sends;
so the text/html route reaches all of them; the metadata and this post-processor cover the rest.
MathJax 2 (served by the site) renders formulas with its assistive MathML (the TeX-AMS_CHTML-full configuration loads
AssistiveMML): a screen reader reads the MathML, not the glyphs. The check of all this is environment/tests/a11y_check.py.
The function is idempotent: a page already processed is left as it is (a deck with notes processed by an earlier
version, without the notes region, gets the region and its help).
"""
import argparse
import base64
import hashlib
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARK = 'kit-a11y'

# Colours: (foreground, background) pairs with their contrast ratio ≥ 4.5 (see test_a11y.py). Code cells are drawn on
# #f5f5f5 (nbconvert's --jp-cell-editor-background); prompts and output text on white.
CODE_BG = '#f5f5f5'
TOKEN_COLOURS = {
    # pygments classes nbconvert's lab template colours below 4.5:1 on #f5f5f5 → darker shades of the same hue
    'c': '#3d6b6b', 'ch': '#3d6b6b', 'cm': '#3d6b6b', 'c1': '#3d6b6b', 'cs': '#3d6b6b', 'cpf': '#3d6b6b',
    'cp': '#8a5a00', 'k': '#007000', 'kc': '#007000', 'kd': '#007000', 'kn': '#007000', 'kr': '#007000',
    'kt': '#8f2a00', 'kp': '#007000', 'o': '#555555', 'ow': '#8b1fb5', 'm': '#006e00', 'mi': '#006e00',
    'mf': '#006e00', 'mh': '#006e00', 'mo': '#006e00', 'mb': '#006e00', 'il': '#006e00',
    's': '#b51e1e', 's1': '#b51e1e', 's2': '#b51e1e', 'sa': '#b51e1e', 'sb': '#b51e1e', 'sc': '#b51e1e',
    'dl': '#b51e1e', 'sd': '#b51e1e', 'se': '#8a4a00', 'sh': '#b51e1e', 'si': '#8a3a5c', 'sx': '#007000',
    'sr': '#8a3a5c', 'ss': '#19177c', 'nb': '#007000', 'bp': '#007000', 'nc': '#0000cc', 'nn': '#0000cc',
    'nf': '#0000cc', 'fm': '#0000cc', 'nd': '#8b1fb5', 'ne': '#b02020', 'ni': '#6b6b6b', 'nl': '#6b6b00',
    'na': '#5e6b00', 'no': '#880000', 'nt': '#007000', 'nv': '#19177c', 'vc': '#19177c', 'vg': '#19177c',
    'vi': '#19177c', 'vm': '#19177c', 'gd': '#a00000', 'gi': '#006e00', 'gh': '#000080', 'gu': '#800080',
    'go': '#555555', 'gp': '#000080', 'gt': '#0044dd', 'err': '#cc0000', 'w': '#6b6b6b',
}
PROMPT = '#595959'          # 7:1 on white (nbconvert: #b0b0b0 for an empty prompt, #307fc1 / #bf5b3d for In/Out)
# ANSI terminal colours in outputs (nbconvert's defaults include #00a250 green, #dda500 yellow, #208ffb blue ...)
ANSI = {'black': '#3e424d', 'red': '#b22b31', 'green': '#007427', 'yellow': '#7a5c00', 'blue': '#0065ca',
        'magenta': '#a03196', 'cyan': '#0b6e80', 'white': '#595959'}

DECK_HELP = ('<p class="kit-deck-help" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">'
             'Slides: the arrow keys move between slides (right and left: next and previous; down: the next sub-slide), '
             'the s key opens the speaker view, a window with the current slide, the next one and the speaker notes as '
             'text.</p>')
# A deck with speaker notes: the t key shows the current slide's notes in a region below the slide (the slide shrinks
# to the top of the window), read out by a screen reader as it changes (aria-live) and following the slides; t again
# hides it. For a lecturer with one screen and for a screen-reader user, who cannot use reveal.js's pop-up window.
NOTES_KEY = 't'
DECK_HELP_NOTES = ('<p class="kit-deck-help" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">'
                   'Slides: the arrow keys move between slides (right and left: next and previous; down: the next '
                   'sub-slide). Speaker notes: the ' + NOTES_KEY + ' key shows the current slide\'s notes below the slide, '
                   'in a region that is read out when it changes and follows the slides; ' + NOTES_KEY + ' again hides '
                   'them. The s key opens the speaker view, a separate window with the notes.</p>')
NOTES_PANEL = """<section id="kit-notes" class="kit-notes" role="region" aria-label="Speaker notes" aria-live="polite" tabindex="0" hidden></section>
<script id="kit-notes-script">
/* environment/a11y.py: the speaker notes of the current slide below it, on the key KEY (a copy of the slide's
   <aside class="notes">, which reveal.js hides) */
(function () {
  var panel = document.getElementById('kit-notes');
  function current() {
    var all = document.querySelectorAll('.reveal .slides section.present');
    for (var i = all.length - 1; i >= 0; i--) if (!all[i].querySelector('section')) return all[i];
    return null;
  }
  function fill() {
    var s = current(), notes = [];
    if (s) for (var c = s.firstElementChild; c; c = c.nextElementSibling) if (c.matches('aside.notes')) notes.push(c);
    var num = document.querySelector('.reveal .slide-number');
    var head = document.createElement('h2');
    head.className = 'kit-notes-title';
    head.textContent = 'Speaker notes' + (num && num.textContent.trim() ? ', slide ' + num.textContent.trim() : '');
    panel.textContent = '';
    panel.appendChild(head);
    if (!notes.length) {
      var none = document.createElement('p');
      none.textContent = 'This slide has no speaker notes.';
      panel.appendChild(none);
    }
    notes.forEach(function (n) {
      var copy = document.createElement('div');
      copy.className = 'kit-notes-text';
      copy.innerHTML = n.innerHTML;
      // MathJax's output is typeset again in the copy; ids stay unique
      copy.querySelectorAll('.MathJax_Preview, .MathJax_CHTML, .MathJax, .MathJax_Display, .MJX_Assistive_MathML')
        .forEach(function (e) { e.remove(); });
      copy.querySelectorAll('[id]').forEach(function (e) { e.id = 'kit-notes-' + e.id; });
      panel.appendChild(copy);
    });
    if (window.MathJax && MathJax.Hub && panel.querySelector('script[type^="math/tex"]')) {
      MathJax.Hub.Queue(['Typeset', MathJax.Hub, panel]);
    }
  }
  function toggle() {
    var open = panel.hidden;
    if (open) fill();
    panel.hidden = !open;
    document.body.classList.toggle('kit-notes-open', open);
    window.dispatchEvent(new Event('resize'));   /* reveal.js fits the slide into the space left */
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.key || '').toLowerCase() !== 'KEY') return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    toggle();
  });
  var deck = document.querySelector('.reveal');
  if (deck) deck.addEventListener('slidechanged', function () { if (!panel.hidden) fill(); });
})();
</script>
""".replace('KEY', NOTES_KEY)
NOTES_CSS = ('.kit-notes { position: fixed; left: 0; right: 0; bottom: 0; height: 34vh; overflow: auto; box-sizing: border-box; '
             'margin: 0; padding: 0.4em 1.5em; background: #ffffff; color: #1a1a1a; border-top: 3px solid #1a5fb4; '
             'font-size: 18px; line-height: 1.45; z-index: 40; }\n'
             '.kit-notes[hidden] { display: none; }\n'
             '.kit-notes .kit-notes-title { font-size: 18px; margin: 0.2em 0 0.4em; color: #1a1a1a; }\n'
             'body.kit-notes-open .reveal { height: 66vh !important; }\n')


A11Y_CSS = ('<style id="' + MARK + '">\n/* environment/a11y.py: colours that pass WCAG AA (4.5:1) */\n'
            '.jp-InputPrompt, .jp-OutputPrompt, .jp-InputArea-prompt, .jp-OutputArea-prompt { color: ' + PROMPT + ' !important; opacity: 1 !important; }\n'
            + ''.join(f'.highlight .{k}, .cm-s-jupyter .{k} {{ color: {v} !important; }}\n' for k, v in TOKEN_COLOURS.items())
            + ''.join(f'.ansi-{n}-fg {{ color: {c} !important; }} .ansi-{n}-intense-fg {{ color: {c} !important; }}\n'
                      for n, c in ANSI.items())
            + 'main.kit-main { display: contents; }\n'
            # reveal.js's slide number: white on #999 (2.8:1) → white on #444
            + '.reveal .slide-number, .reveal .slide-number a { background-color: #444 !important; color: #fff !important; }\n'
            + '.reveal .controls { color: #1a5fb4; }\n'
            + '.reveal .progress { color: #1a5fb4; }\n'
            + NOTES_CSS
            + '</style>\n')

def has_notes(page):
    """Whether a deck has speaker notes (reveal.js's <aside class="notes">)."""
    return re.search(r'<aside\b[^>]*\bclass="notes"', page) is not None


def png_key(data):
    """A short key of a PNG's base64 data (whitespace and line breaks ignored)."""
    d = re.sub(r'\s+', '', data if isinstance(data, str) else ''.join(data))
    return hashlib.sha1(d.encode('ascii', 'ignore')).hexdigest()


IMG_ALT = re.compile(r'<img\b[^>]*?\balt="([^"]*)"[^>]*?\bsrc="data:image/png;base64,([^"]+)"', re.S)


def alts_of(nb):
    """{png key: text alternative} from the image outputs of an executed notebook (metadata alt or text/html alt)."""
    alts = {}
    for cell in nb.get('cells', []):
        for o in cell.get('outputs', []):
            data = o.get('data', {})
            png = data.get('image/png')
            if not png:
                continue
            alt = (o.get('metadata', {}).get('image/png') or {}).get('alt')
            if not alt:
                h = data.get('text/html', '')
                m = IMG_ALT.search(h if isinstance(h, str) else ''.join(h))
                alt = m and html.unescape(m.group(1))
            if alt:
                alts[png_key(png)] = alt
    return alts


def image_width(b64):
    """The width environment/slides.py gives a figure on its slide (slides.image_scale), or None."""
    try:
        sys.path.insert(0, str(ROOT / 'environment'))
        import slides
        scale, w, _ = slides.image_scale(b64)
        return int(w * scale)
    except Exception:  # the slide cutter is not there (a student release without it): the CSS max-width holds
        return None


def fix_images(page, alts, deck):
    def one(m):
        tag = m.group(0)
        src = re.search(r'\bsrc="data:image/png;base64,([^"]+)"', tag)
        if not src:
            return tag
        if not re.search(r'\balt=', tag):
            alt = alts.get(png_key(src.group(1)))
            if alt:
                tag = tag.replace('<img', f'<img alt="{html.escape(alt, quote=True)}"', 1)
        if deck and not re.search(r'\bwidth=', tag):
            w = image_width(src.group(1))
            if w:
                tag = tag.replace('<img', f'<img width="{w}"', 1)
        return tag
    return re.sub(r'<img\b[^>]*>', one, page, flags=re.S)


def fix_page(page, alts=None, deck=None):
    """The page's HTML made accessible as the module doc says; `deck` None: guessed from the page."""
    if deck is None:
        deck = 'class="reveal"' in page
    if MARK in page:
        return add_notes_region(page) if deck else page
    page = re.sub(r'<html(?![^>]*\blang=)([^>]*)>', r'<html lang="en"\1>', page, count=1)
    page = page.replace('</head>', A11Y_CSS + '</head>', 1)
    body = re.search(r'<body\b[^>]*>', page)
    if body and '<main' not in page:
        end = page.rfind('</body>')
        inner = page[body.end():end]
        if deck and has_notes(page):
            inner = DECK_HELP_NOTES + inner + NOTES_PANEL
        elif deck:
            inner = DECK_HELP + inner
        page = page[:body.end()] + '\n<main class="kit-main">' + inner + '</main>\n' + page[end:]
    return fix_images(page, alts or {}, deck)


def add_notes_region(page):
    """A deck with notes processed before the notes region existed (an earlier a11y.py) gets it; else unchanged."""
    if 'id="kit-notes"' in page or not has_notes(page) or '</main>' not in page:
        return page
    page = page.replace(DECK_HELP, DECK_HELP_NOTES, 1)
    style_end = page.index('</style>', page.index(f'id="{MARK}"'))
    page = page[:style_end] + NOTES_CSS + page[style_end:]
    end = page.rindex('</main>')
    return page[:end] + NOTES_PANEL + page[end:]


def fix_files(pages, notebooks=()):
    """Rewrites each page in place; alts from the executed notebooks. Returns the pages changed."""
    import json
    alts = {}
    for nb in notebooks:
        alts.update(alts_of(json.loads(Path(nb).read_text(encoding='utf-8'))))
    changed = []
    for p in map(Path, pages):
        before = p.read_text(encoding='utf-8')
        after = fix_page(before, alts)
        if after != before:
            p.write_text(after, encoding='utf-8')
            changed.append(p)
    return changed


def site_pages(site):
    """Every HTML page of the site (not the pages of reveal.js and MathJax it serves)."""
    return [p for p in sorted(Path(site).rglob('*.html'))
            if not ({'reveal.js', 'assets'} & set(p.relative_to(site).parts))]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('pages', nargs='+', type=Path)
    ap.add_argument('--notebook', action='append', default=[], type=Path, help='executed notebook the pages come from')
    args = ap.parse_args(argv)
    changed = fix_files(args.pages, args.notebook)
    print(f'[kit] a11y: {len(changed)} of {len(args.pages)} pages rewritten')
    return 0


if __name__ == '__main__':
    sys.exit(main())
