"""environment/a11y.py (the page post-processor) and the figure part of environment/tests/a11y_check.py, without a
browser: the browser part runs in `kit test` (site-test.sh)."""
import base64
import json
import re
import struct
import sys
import tempfile
import unittest
import zlib
from pathlib import Path

ENV = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ENV))
sys.path.insert(0, str(ENV / 'tests'))
import a11y  # noqa: E402
import a11y_check  # noqa: E402


def luminance(hex_colour):
    """WCAG 2.1 relative luminance of #rrggbb."""
    h = hex_colour.lstrip('#')
    def lin(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(fg, bg):
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def png(w, h):
    """A w×h black PNG, base64."""
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
    raw = b''.join(b'\x00' + b'\x00\x00\x00' * w for _ in range(h))
    data = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
    return base64.b64encode(data).decode()


PAGE = '''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>t</title></head>
<body class="jp-Notebook">
<div class="jp-Cell"><img src="data:image/png;base64,{a}"
class="
"
></div>
<div class="jp-Cell"><img src="data:image/png;base64,{b}"></div>
</body>
</html>
'''


class ContrastTest(unittest.TestCase):
    def test_reference_values(self):
        # WCAG's own end points: black on white 21:1, a colour on itself 1:1; #767676 is the lightest grey at 4.5:1
        self.assertAlmostEqual(21.0, contrast('#000000', '#ffffff'), places=6)
        self.assertAlmostEqual(1.0, contrast('#f5f5f5', '#f5f5f5'), places=6)
        self.assertGreaterEqual(contrast('#767676', '#ffffff'), 4.5)
        self.assertLess(contrast('#777777', '#ffffff'), 4.5)

    def test_every_colour_the_post_processor_sets_passes_aa(self):
        for cls, colour in a11y.TOKEN_COLOURS.items():
            self.assertGreaterEqual(contrast(colour, a11y.CODE_BG), 4.5, f'.highlight .{cls} {colour} on {a11y.CODE_BG}')
        for name, colour in a11y.ANSI.items():
            for bg in ('#ffffff', a11y.CODE_BG):
                self.assertGreaterEqual(contrast(colour, bg), 4.5, f'ANSI {name} {colour} on {bg}')
        self.assertGreaterEqual(contrast(a11y.PROMPT, '#ffffff'), 4.5)
        self.assertGreaterEqual(contrast('#ffffff', '#444444'), 4.5)   # the slide number

    def test_the_colours_replaced_failed(self):
        # nbconvert 6.5's pygments colours that axe flagged on 02-vae.html (so the override is needed, not cosmetic)
        self.assertLess(contrast('#008800', a11y.CODE_BG), 4.5)
        self.assertLess(contrast('#408080', a11y.CODE_BG), 4.5)
        self.assertLess(contrast('#b0b0b0', '#ffffff'), 4.5)


class FixPageTest(unittest.TestCase):
    def setUp(self):
        self.a, self.b = png(2, 1), png(3, 1)
        self.page = PAGE.format(a=self.a, b=self.b)
        self.alts = {a11y.png_key(self.a): 'Line chart: "loss" < 3.'}

    def test_language_landmark_style_and_alt(self):
        out = a11y.fix_page(self.page, self.alts, deck=False)
        self.assertIn('<html lang="en">', out)
        self.assertEqual(1, out.count('<main class="kit-main">'))
        self.assertLess(out.index('<main'), out.index('<img'))
        self.assertLess(out.rindex('<img'), out.index('</main>'))
        self.assertIn(f'id="{a11y.MARK}"', out)
        self.assertIn('alt="Line chart: &quot;loss&quot; &lt; 3."', out)
        # the second image has no text alternative in the notebook: it stays without one (the check names it)
        second = re.findall(r'<img\b[^>]*>', out, re.S)[1]
        self.assertNotIn('alt=', second)

    def test_idempotent(self):
        once = a11y.fix_page(self.page, self.alts)
        self.assertEqual(once, a11y.fix_page(once, self.alts))

    def test_an_existing_alt_and_lang_are_kept(self):
        page = self.page.replace('<html>', '<html lang="de">').replace('<img src', '<img alt="mine" src', 1)
        out = a11y.fix_page(page, self.alts)
        self.assertIn('<html lang="de">', out)
        self.assertIn('alt="mine"', out)
        self.assertNotIn('Line chart', out)

    def test_deck_figure_gets_the_slide_width_and_help(self):
        deck = self.page.replace('<body class="jp-Notebook">', '<body><div class="reveal">')
        out = a11y.fix_page(deck, self.alts)
        self.assertIn('kit-deck-help', out)
        import slides
        scale, w, _ = slides.image_scale(self.a)
        self.assertIn(f'<img width="{int(w * scale)}"', out)

    def test_deck_with_notes_gets_the_notes_region_and_key_in_its_help(self):
        deck = self.page.replace('<body class="jp-Notebook">', '<body><div class="reveal"><div class="slides"><section>') \
            .replace('</body>', '<aside class="notes"><p>Say why.</p></aside></section></div></div></body>')
        out = a11y.fix_page(deck, self.alts)
        main = out[out.index('<main'):out.index('</main>')]
        # the region: in the deck's main landmark, after the slides, hidden until the key, read out when it changes
        region = re.search(r'<section id="kit-notes"[^>]*>', main).group(0)
        for attr in ('role="region"', 'aria-label="Speaker notes"', 'aria-live="polite"', 'tabindex="0"', 'hidden'):
            self.assertIn(attr, region)
        self.assertLess(main.index('</aside>'), main.index('id="kit-notes"'))
        self.assertIn("(e.key || '').toLowerCase() !== '" + a11y.NOTES_KEY + "'", main)
        # the help a screen reader reads first names the key
        help_text = re.search(r'<p class="kit-deck-help"[^>]*>(.*?)</p>', main).group(1)
        self.assertLess(main.index('kit-deck-help'), main.index('<section'))
        self.assertIn(f'the {a11y.NOTES_KEY} key shows the current slide', help_text)
        # the region's colours pass AA, and the style sheet shrinks the slide above it
        self.assertIn('.kit-notes { position: fixed;', out)
        self.assertGreaterEqual(contrast('#1a1a1a', '#ffffff'), 4.5)
        self.assertIn('body.kit-notes-open .reveal { height: 66vh', out)
        self.assertEqual(out, a11y.fix_page(out, self.alts))

    def test_a_deck_processed_before_the_notes_region_gets_it(self):
        deck = self.page.replace('<body class="jp-Notebook">', '<body><div class="reveal"><div class="slides"><section>') \
            .replace('</body>', '<aside class="notes"><p>Say why.</p></aside></section></div></div></body>')
        now = a11y.fix_page(deck, self.alts)
        # what the previous version wrote: the plain help, no region, no region style
        before = now.replace(a11y.DECK_HELP_NOTES, a11y.DECK_HELP).replace(a11y.NOTES_PANEL, '').replace(a11y.NOTES_CSS, '')
        self.assertNotIn('id="kit-notes"', before)
        self.assertEqual(now, a11y.fix_page(before, self.alts))

    def test_deck_without_notes_has_no_notes_region(self):
        deck = self.page.replace('<body class="jp-Notebook">', '<body><div class="reveal">')
        out = a11y.fix_page(deck, self.alts)
        self.assertNotIn('id="kit-notes"', out)
        self.assertNotIn(f'the {a11y.NOTES_KEY} key', out)
        # a notebook page is no deck: no help, no region
        page = a11y.fix_page(self.page.replace('</body>', '<aside class="notes">x</aside></body>'), self.alts, deck=False)
        self.assertNotIn('kit-deck-help', page)
        self.assertNotIn('id="kit-notes"', page)

    def test_alts_of_a_notebook_from_metadata_or_html(self):
        nb = {'cells': [{'cell_type': 'code', 'outputs': [
            {'output_type': 'display_data', 'data': {'image/png': self.a}, 'metadata': {'image/png': {'alt': 'from metadata'}}},
            {'output_type': 'display_data', 'data': {'image/png': self.b, 'text/html': f'<img alt="from &amp; html" src="data:image/png;base64,{self.b}">'},
             'metadata': {}},
        ]}]}
        alts = a11y.alts_of(nb)
        self.assertEqual('from metadata', alts[a11y.png_key(self.a)])
        self.assertEqual('from & html', alts[a11y.png_key(self.b)])

    def test_fix_files_rewrites_in_place(self):
        with tempfile.TemporaryDirectory() as tmp:
            page, nb = Path(tmp) / 'p.html', Path(tmp) / 'n.ipynb'
            page.write_text(self.page, encoding='utf-8')
            nb.write_text(json.dumps({'cells': [{'cell_type': 'code', 'outputs': [
                {'output_type': 'display_data', 'data': {'image/png': self.a}, 'metadata': {'image/png': {'alt': 'A figure.'}}}]}]}))
            self.assertEqual([page], a11y.fix_files([page], [nb]))
            self.assertIn('alt="A figure."', page.read_text(encoding='utf-8'))
            self.assertEqual([], a11y.fix_files([page], [nb]))


class FigureCheckTest(unittest.TestCase):
    def test_outputs_without_alt_are_named(self):
        p = png(1, 1)
        nb = {'cells': [
            {'cell_type': 'markdown', 'source': 'x'},
            {'cell_type': 'code', 'outputs': [
                {'output_type': 'display_data', 'data': {'image/png': p}, 'metadata': {}},
                {'output_type': 'display_data', 'data': {'image/png': p}, 'metadata': {'image/png': {'alt': '  '}}},
                {'output_type': 'display_data', 'data': {'image/png': p}, 'metadata': {'image/png': {'alt': 'ok'}}},
                {'output_type': 'display_data', 'data': {'image/png': p, 'text/html': '<img alt="ok too" src="x">'}, 'metadata': {}},
                {'output_type': 'stream', 'name': 'stdout', 'text': 'no image'},
            ]}]}
        with tempfile.TemporaryDirectory() as tmp:
            f = Path(tmp) / 'n.ipynb'
            f.write_text(json.dumps(nb))
            missing, total = a11y_check.images_without_alt([f])
        self.assertEqual(4, total)
        self.assertEqual([(str(f), 2, 1), (str(f), 2, 2)], missing)

    def test_problems_of_a_page(self):
        ok = {'violations': [{'id': 'region', 'impact': 'moderate', 'nodes': 3, 'help': 'h'}], 'lang': 'en', 'main': 1,
              'math': {'typeset': 2, 'assistive': 2}, 'deck': {'keyboardMoves': True, 'notes': 1, 'speakerView': True,
              'notesPanel': True, 'notesShown': True, 'notesBelowSlide': True, 'notesFollow': True, 'notesHide': True}}
        self.assertEqual([], a11y_check.problems_of(ok))
        bad = dict(ok, violations=[{'id': 'color-contrast', 'impact': 'serious', 'nodes': 2, 'help': 'contrast'}], lang=None,
                   math={'typeset': 2, 'assistive': 1}, deck={'keyboardMoves': False, 'notes': 1, 'speakerView': False})
        probs = a11y_check.problems_of(bad)
        self.assertEqual(6, len(probs), probs)   # no notes region either

    def test_problems_of_the_notes_region(self):
        deck = {'keyboardMoves': True, 'notes': 2, 'speakerView': True, 'notesPanel': True, 'notesShown': True,
                'notesBelowSlide': True, 'notesFollow': True, 'notesHide': True, 'notesViolations': []}
        page = {'violations': [], 'lang': 'en', 'main': 1, 'math': {}, 'deck': deck}
        self.assertEqual([], a11y_check.problems_of(page))
        for key in ('notesPanel', 'notesShown', 'notesBelowSlide', 'notesFollow', 'notesHide'):
            probs = a11y_check.problems_of(dict(page, deck=dict(deck, **{key: False})))
            self.assertEqual(1, len(probs), (key, probs))
        probs = a11y_check.problems_of(dict(page, deck=dict(deck, notesViolations=['serious color-contrast on 1 node(s)'])))
        self.assertEqual(['notes region: serious color-contrast on 1 node(s)'], probs)
        # a deck without notes needs no region
        self.assertEqual([], a11y_check.problems_of(dict(page, deck={'keyboardMoves': True, 'notes': 0})))


if __name__ == '__main__':
    unittest.main()
