#!/usr/bin/env python3
"""Slide decks a lecturer can present from, made from the executed lecture notebooks (reveal.js via nbconvert).

    usage: slides.py EXECUTED.ipynb DECK.slides.html      (site.py calls deck_notebook and render_deck)

Every slide is a 1280×720 frame whose content fits without scrolling. A copy of the notebook is cut into
slides by these rules (a cell's own `slideshow.slide_type`, set in Jupyter under View → Cell toolbar →
Slideshow, always wins; the tag `slides-code` keeps a cell's code on its slide, `slides-skip` leaves it out):

  * a `#`/`##` heading starts a slide, `###` a sub-slide (reveal.js: down arrow);
  * markdown taller than the frame keeps its heading and first paragraphs on the slide and moves the rest to
    the speaker notes (key `s`); a fenced code block longer than 16 lines gets a sub-slide of its own, in two
    columns (the slide's PyTorch code in 02);
  * a figure gets a sub-slide of its own with the code hidden (one sub-slide per figure of a cell), and text the cell
    printed after it (its reading) follows it on that sub-slide, the figure shrunk to leave room; code longer
    than 12 lines, import-only cells and cells that only print (System.out.println of a reading: the text shows)
    are not shown; text output longer than 6 lines is left off (the
    executed notebook and its HTML page have it); an HTML table gets a sub-slide if it does not fit, a table taller
    than the frame is split over several sub-slides (header repeated), and a table of 9 or more columns gets a
    smaller font;
  * whatever would push a slide's estimated height past the frame starts a new sub-slide;
  * printed text wraps at spaces, never inside a word.
The browser check (environment/tests/browser_check.py) measures every slide of every deck in Chromium.
"""
import base64
import copy
import html
import math
import re
import struct
import sys
from pathlib import Path

WIDTH, HEIGHT = 1280, 720
BUDGET = 600            # px of a slide's estimated height (frame minus margins, slide number, safety)
IMAGE_MAX_H = 560       # px, the CSS max-height of a figure on a slide (see CSS below)
MD_LINE, MD_CHARS = 31, 105      # markdown at 20 px: line height, characters per line at 1280 px
CODE_LINE, CODE_CHARS = 25, 110
OUT_LINE = 23
MAX_CODE_LINES, MAX_STREAM_LINES, LONG_FENCE = 12, 6, 16
READING_SHARE = 0.5     # a figure's reading up to this share of the slide stays beside it, the figure shrunk to make room

CSS = f"""
<style type="text/css">
/* environment/slides.py: a 1280×720 frame that nothing overflows */
.reveal .slides section {{ height: auto; }}
.reveal .jp-InputPrompt, .reveal .jp-OutputPrompt {{ display: none; }}
.reveal .jp-Cell, .reveal .jp-Cell-inputWrapper, .reveal .jp-Cell-outputWrapper {{ padding: 0; margin: 0; }}
.reveal .jp-RenderedImage img, .reveal .jp-OutputArea-output img {{ max-height: {IMAGE_MAX_H}px; max-width: 100%;
  height: auto; object-fit: contain; margin: 0 auto; display: block; }}
.reveal .jp-RenderedText pre, .reveal .jp-OutputArea-output pre {{ font-size: 17px; line-height: 1.3; white-space: pre-wrap;
  word-break: normal; overflow-wrap: break-word; }}
.reveal .jp-InputArea-editor {{ font-size: 15px; }}
:root {{ --jp-code-font-size: 16px; }}
.reveal .highlight {{ margin: 0; }}
.reveal .CodeMirror, .reveal .CodeMirror pre, .reveal .CodeMirror .highlight {{ max-width: 100%; box-sizing: border-box; }}
.reveal .jp-InputArea-editor, .reveal .jp-OutputArea-output {{ max-width: 100%; box-sizing: border-box; }}
.reveal .kit-table table {{ font-size: 17px; }}
.reveal .kit-table caption {{ font-size: 18px; }}
.reveal .jp-RenderedMarkdown p, .reveal .jp-RenderedMarkdown li {{ line-height: 1.45; }}
.reveal pre.kit-two-columns {{ width: 100%; box-sizing: border-box; max-height: none; overflow: visible; box-shadow: none; background: #f7f7f7;
  padding: 0.5em; margin: 0; font-size: 15px; line-height: 1.3; }}
.reveal pre.kit-two-columns code {{ display: block; column-count: 2; column-gap: 2em; column-rule: 1px solid #ddd;
  max-height: none; overflow: visible; white-space: pre; font-size: 15px; line-height: 1.3; }}
.reveal .jp-InputArea-editor pre, .reveal .jp-InputArea-editor .highlight pre {{ white-space: pre-wrap; overflow: visible; }}
</style>
"""

REVEAL_CONFIG = f'width: {WIDTH}, height: {HEIGHT}, margin: 0.03, center: false, '


def text(src):
    return src if isinstance(src, str) else ''.join(src)


def tags(cell):
    return set(cell.get('metadata', {}).get('tags', []))


def own_slide_type(cell):
    return cell.get('metadata', {}).get('slideshow', {}).get('slide_type')


# ---- height estimates ---------------------------------------------------------------------------------------------

def wrapped(line, chars):
    return max(1, math.ceil(len(line) / chars))


def markdown_height(src):
    """Estimated rendered height in px of a markdown source on a slide."""
    h, in_fence, in_math = 0, False, False
    for line in src.splitlines():
        s = line.strip()
        if s.startswith('```'):
            in_fence = not in_fence
            h += 10
            continue
        if in_fence:
            h += CODE_LINE
            continue
        if s.startswith('$$'):
            if s.endswith('$$') and len(s) > 2:
                h += 80
            else:
                in_math = not in_math
                h += 40
            continue
        if in_math:
            h += 20
            continue
        m = re.match(r'(#{1,6})\s', s)
        if m:
            h += {1: 80, 2: 65}.get(len(m.group(1)), 50)
        elif not s:
            h += 12
        else:
            # inline maths renders wider than its source is long, roughly
            h += wrapped(re.sub(r'\$[^$]*\$', 'xxxxxxx', line), MD_CHARS) * MD_LINE
    return h


def png_size(data_b64):
    raw = base64.b64decode(data_b64[:64] if isinstance(data_b64, str) else ''.join(data_b64)[:64])
    if raw[:8] == b'\x89PNG\r\n\x1a\n':
        return struct.unpack('>II', raw[16:24])
    return 800, 500


def image_scale(data_b64, max_h=IMAGE_MAX_H):
    """How much a figure is enlarged (up to 1.6×) or shrunk to fill the frame: at most max_h high, 1240 px wide."""
    w, h = png_size(data_b64)
    return min(1.6, max_h / max(h, 1), (WIDTH - 40) / max(w, 1)), w, h


def image_height(data_b64):
    scale, w, h = image_scale(data_b64)
    return h * scale + 20


def output_height(o):
    if o.get('output_type') == 'stream':
        return sum(wrapped(l, CODE_CHARS) for l in text(o.get('text', '')).splitlines()) * OUT_LINE + 10
    data = o.get('data', {})
    if 'image/png' in data:
        return image_height(data['image/png'])
    if 'text/html' in data:
        h = text(data['text/html'])
        rows = h.count('<tr')
        if rows:
            return rows * 28 + (40 if '<caption' in h else 0) + 20
        return 40 if 'kit-progress' in h else 80
    if 'text/plain' in data:
        return len(text(data['text/plain']).splitlines()) * OUT_LINE + 10
    return 0


def stream_lines(cell):
    return sum(len(text(o.get('text', '')).splitlines()) for o in cell.get('outputs', []) if o.get('output_type') == 'stream')


# ---- splitting markdown -------------------------------------------------------------------------------------------

def blocks_of(src):
    """Markdown split into blocks at blank lines, keeping fenced code and $$ maths whole."""
    blocks, cur, fence, math_ = [], [], False, False
    for line in src.splitlines():
        s = line.strip()
        if s.startswith('```'):
            if not fence and cur:
                blocks.append('\n'.join(cur)); cur = []
            fence = not fence
            cur.append(line)
            if not fence:
                blocks.append('\n'.join(cur)); cur = []
            continue
        if not fence and s.startswith('$$') and not (s.endswith('$$') and len(s) > 2):
            math_ = not math_
        if not s and not fence and not math_:
            if cur:
                blocks.append('\n'.join(cur)); cur = []
            continue
        if not fence and not math_ and re.match(r'#{1,6}\s', s) and cur:
            blocks.append('\n'.join(cur)); cur = []
        cur.append(line)
    if cur:
        blocks.append('\n'.join(cur))
    return blocks


def fenced_lines(block):
    lines = block.splitlines()
    return len(lines) - 2 if lines and lines[0].strip().startswith('```') else 0


def two_column_code(block):
    """A long fenced code block as raw HTML in two columns (reveal.js frames are wide, not tall)."""
    body = '\n'.join(block.splitlines()[1:-1])
    return f'<pre class="kit-two-columns"><code>{html.escape(body)}</code></pre>'


# ---- the deck -----------------------------------------------------------------------------------------------------

def md_cell(source, slide_type, meta=None):
    return {'cell_type': 'markdown', 'metadata': {**(meta or {}), 'slideshow': {'slide_type': slide_type}}, 'source': source}


def sections_of(src):
    """Markdown split before every `#`–`###` heading that is not its first line: each section is planned on its own."""
    out, cur = [], []
    for b in blocks_of(src):
        if cur and re.match(r'#{1,3}\s', b.strip()):
            out.append(cur)
            cur = []
        cur.append(b)
    if cur:
        out.append(cur)
    return out


def plan_markdown(cell):
    """[(cell, height)] for one markdown cell: kept part, long code blocks on their own, the rest as notes. A heading
    inside the cell starts a slide of its own (`#`/`##`) or a sub-slide (`###`), so a section's text is never left in
    the notes of the section before it; within a section, once a block goes to the notes so does the rest (the notes
    keep the text's order)."""
    src = text(cell['source'])
    sections = sections_of(src)
    if len(sections) > 1:
        out = []
        for k, sec in enumerate(sections):
            sub = copy.deepcopy(cell)
            sub['source'] = '\n\n'.join(sec)
            if k > 0:
                m = re.match(r'\s*(#{1,6})\s', sec[0])
                sub['metadata'] = {**cell.get('metadata', {}),
                                   'slideshow': {'slide_type': 'slide' if m and len(m.group(1)) <= 2 else 'subslide'}}
            out += plan_markdown(sub)
        return out
    if markdown_height(src) <= BUDGET:
        return [(cell, markdown_height(src))]
    out, kept, notes, used, spill = [], [], [], 0, False
    for b in blocks_of(src):
        if fenced_lines(b) > LONG_FENCE:
            if kept:
                out.append((md_cell('\n\n'.join(kept), '-', cell['metadata']), used))
                kept, used = [], 0
            out.append((md_cell(two_column_code(b), 'subslide'), min(BUDGET, (fenced_lines(b) + 1) // 2 * 20 + 40)))
            spill = True  # what follows the code goes on after it
            continue
        h = markdown_height(b)
        if not notes and used + h <= BUDGET * 0.75:
            kept.append(b)
            used += h
        else:
            notes.append(b)
    if kept:
        out.append((md_cell('\n\n'.join(kept), 'subslide' if spill else '-', cell['metadata']), used))
    if notes:
        out.append((md_cell('\n\n'.join(notes), 'notes'), 0))
    # the first piece carries the cell's own slide type (a heading starts a slide)
    if out and own_slide_type(out[0][0]) == '-':
        out[0][0]['metadata']['slideshow']['slide_type'] = own_slide_type(cell) or '-'
    return out


def import_only(src):
    lines = [l.strip() for l in src.splitlines() if l.strip() and not l.strip().startswith('//')]
    return bool(lines) and all(l.startswith('import ') for l in lines)


def print_only(src):
    """A cell that only prints a reading (System.out.println(…) statements, possibly over several lines): on a slide
    the printed text is the point, not the call that printed it."""
    code = re.sub(r'//[^\n]*', '', src)
    statements = [st.strip() for st in code.split(';') if st.strip()]
    return bool(statements) and all(re.match(r'System\.out\.print(ln|f)?\s*\(', st) for st in statements)


TABLE_ROW, TABLE_HEAD = 28, 60   # px per body row; caption and header row
WIDE_TABLE_COLUMNS = 9           # from this many columns a table's font shrinks on a slide (0.9em → 0.78em)


def slide_tables(o):
    """An HTML table output as it goes on slides: body rows split over as many tables as the frame needs (each with
    the caption, marked "(i/n)", and the header row), the font smaller when the table is wide."""
    h = text(o['data']['text/html'])
    m = re.search(r'(<tbody>)(.*?)(</tbody>)', h, re.S)
    if h.count('<th') >= WIDE_TABLE_COLUMNS:
        h = h.replace('font-size:0.9em', 'font-size:0.78em', 1)
    if not m:
        return [o]
    rows = re.findall(r'<tr>.*?</tr>', m.group(2), re.S)
    fit = max(1, (BUDGET - TABLE_HEAD) // TABLE_ROW)
    parts = math.ceil(len(rows) / fit) if rows else 1
    per = math.ceil(len(rows) / parts) if rows else 0
    out = []
    for k in range(parts):
        part = h[:m.start(2)] + '\n'.join(rows[k * per:(k + 1) * per]) + '\n' + h[m.end(2):]
        if parts > 1:
            part = re.sub(r'(<caption[^>]*>)(.*?)(</caption>)', lambda c: f'{c.group(1)}{c.group(2)} ({k + 1}/{parts}){c.group(3)}',
                          part, count=1, flags=re.S)
        piece = copy.deepcopy(o)
        piece['data'] = {'text/html': part}
        out.append(piece)
    return out


def plan_code(cell):
    """[(cell, height, kind)] for one code cell: the code (if shown) with the text printed before the first figure or
    table, then each figure and table in the notebook's order, each followed by the text printed after it (a reading
    of it) on the same slide where both fit — the figure is shrunk to make room for a few lines."""
    src = text(cell['source'])
    t = tags(cell)
    if not src.strip() or import_only(src) or 'slides-skip' in t:
        return []
    outputs = cell.get('outputs', [])
    figures = [o for o in outputs if 'image/png' in o.get('data', {})]
    tables = [o for o in outputs if '<table' in text(o.get('data', {}).get('text/html', ''))]
    long_text = stream_lines(cell) > MAX_STREAM_LINES

    def on_slides(o):  # a text output that goes on the slides
        if o.get('output_type') == 'stream':
            return not long_text
        return o.get('output_type') != 'execute_result' or 'image/png' in o.get('data', {})
    head_out, groups = [], []   # groups: [figure or table, [text printed after it]]
    for o in outputs:
        if o in figures or o in tables:
            groups.append((o, []))
        elif on_slides(o):
            (groups[-1][1] if groups else head_out).append(o)
    show_code = 'slides-code' in t or (not figures and not tables and len(src.splitlines()) <= MAX_CODE_LINES
                                       and not (print_only(src) and head_out))
    pieces = []
    head = copy.deepcopy(cell)
    head['outputs'] = head_out
    h = sum(output_height(o) for o in head_out)
    if show_code:
        h += sum(wrapped(l, CODE_CHARS) for l in src.splitlines()) * CODE_LINE + 20
    else:
        head['transient'] = {'remove_source': True}
    if show_code or head_out:
        pieces.append((head, h, 'code'))
    for o, after in groups:
        after_h = sum(output_height(a) for a in after)
        shown = [o] if o in figures else slide_tables(o)
        for k, piece in enumerate(shown):
            c = copy.deepcopy(cell)
            if o in figures:  # the <img> width nbconvert writes: the figure fills its slide, leaving room for its reading
                piece = copy.deepcopy(piece)
                room = IMAGE_MAX_H if not after or after_h > BUDGET * READING_SHARE else min(IMAGE_MAX_H, BUDGET - after_h - 20)
                scale, w, hh = image_scale(piece['data']['image/png'], room)
                width = int(w * scale)
                piece.setdefault('metadata', {}).setdefault('image/png', {})['width'] = width
                if 'text/html' in piece['data']:  # the figure with its text alternative (<img alt>): nbconvert shows this one
                    piece['data']['text/html'] = re.sub(r'<img\b(?![^>]*\bwidth=)', f'<img width="{width}"',
                                                        text(piece['data']['text/html']), count=1)
                height = hh * scale + 20
            else:
                height = output_height(piece)
            c['outputs'] = [piece]
            c['transient'] = {'remove_source': True}
            c['metadata'].setdefault('slideshow', {})['slide_type'] = '-'
            pieces.append((c, height, 'figure' if o in figures else 'table'))
        if after:
            c = copy.deepcopy(cell)
            c['outputs'] = after
            c['transient'] = {'remove_source': True}
            c['metadata'].setdefault('slideshow', {})['slide_type'] = '-'
            pieces.append((c, after_h, 'text'))
    return pieces


def deck_notebook(nb):
    """A copy of the executed notebook `nb` (a dict or NotebookNode) with slides cut as the module doc says."""
    import nbformat
    nb = copy.deepcopy(nb)
    cells = []
    src_cells = nb['cells']
    for i, cell in enumerate(src_cells):
        own = own_slide_type(cell)
        if own == 'skip' or 'slides-skip' in tags(cell):
            continue
        # a short heading over an import-only cell ("## Imports") would be an empty slide
        nxt = src_cells[i + 1] if i + 1 < len(src_cells) else None
        if (cell['cell_type'] == 'markdown' and i > 0 and nxt is not None and nxt['cell_type'] == 'code'
                and import_only(text(nxt['source'])) and len(text(cell['source']).strip().splitlines()) <= 3 and not own):
            continue
        if cell['cell_type'] == 'markdown':
            src = text(cell['source'])
            m = re.match(r'\s*(#{1,6})\s', src)
            first = own or ('slide' if i == 0 or (m and len(m.group(1)) <= 2) else 'subslide' if m else None)
            for j, (c, h) in enumerate(plan_markdown(cell)):
                kind = own_slide_type(c)
                if j == 0 and first:
                    kind = first
                cells.append((c, h, kind, 'markdown'))
        elif cell['cell_type'] == 'code':
            for c, h, what in plan_code(cell):
                kind = own if own and what == 'code' else ('subslide' if what in ('figure',) else None)
                cells.append((c, h, kind, what))
    # pack: a new sub-slide whenever the estimated height would pass the budget
    used = 0
    out = []
    for k, (c, h, kind, what) in enumerate(cells):
        if kind == 'notes':
            c['metadata'].setdefault('slideshow', {})['slide_type'] = 'notes'
            out.append(c)
            continue
        if k == 0:
            kind = 'slide'
        if kind in ('slide', 'subslide'):
            used = 0
        elif used + h > BUDGET:
            kind = 'subslide'
            used = 0
        used += h
        c['metadata'].setdefault('slideshow', {})['slide_type'] = kind or '-'
        out.append(c)
    for k, c in enumerate(out):
        c['id'] = f'slide-cell-{k}'  # split cells need ids of their own
    nb['cells'] = out
    return nbformat.from_dict(nb)


def finish_html(body):
    """The deck's HTML with the 1280×720 frame configured and the slide CSS added."""
    body = body.replace('Reveal.initialize({', 'Reveal.initialize({\n            ' + REVEAL_CONFIG, 1)
    return body.replace('</head>', CSS + '</head>', 1)


def render_deck(nb_path, dest, **exporter_args):
    """Writes the deck of the executed notebook nb_path to dest (exporter_args: nbconvert URL settings)."""
    import nbformat
    from nbconvert import SlidesExporter
    nb = deck_notebook(nbformat.read(str(nb_path), as_version=4))
    exporter = SlidesExporter(reveal_url_prefix='../reveal.js', reveal_scroll=False, reveal_number='c/t',
                              reveal_transition='none', **exporter_args)
    body, _ = exporter.from_notebook_node(nb, resources={'metadata': {'name': Path(nb_path).stem}})
    Path(dest).parent.mkdir(parents=True, exist_ok=True)
    Path(dest).write_text(finish_html(body), encoding='utf-8')
    return Path(dest)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split('\n\n')[1])
    print(render_deck(Path(sys.argv[1]), Path(sys.argv[2])))
