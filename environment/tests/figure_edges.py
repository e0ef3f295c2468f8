#!/usr/bin/env python3
"""Every figure of an executed notebook has nothing cut off at its edges: no title, legend or label runs out of the image.

    usage: figure_edges.py EXECUTED.ipynb ...

XChart draws a figure on white with a margin of about 10 px, centres the title and puts an outside legend next to
the plot; a title wider than the figure, or a legend that does not fit, is drawn past the image's edges and cut. So
a figure is whole when its outer MARGIN px frame holds no ink (a pixel darker than INK on any channel). Decodes the
PNG outputs in pure Python (8-bit RGB/RGBA/grey, non-interlaced, as Java's ImageIO writes them). Prints each cut figure
(notebook, cell, which edge, the first ink position); exit status 1 if any.
"""
import base64
import html
import json
import re
import struct
import sys
import zlib
from pathlib import Path

MARGIN = 2      # px: the frame that must stay blank
INK = 200       # a channel value below this is ink (anti-aliased text edges are lighter, cores darker)


def decode_png(raw):
    """(width, height, rows) with rows a list of bytes objects, `channels` bytes per pixel; grey/RGB/RGBA, 8 bit."""
    if raw[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, w = 8, [], None
    while pos < len(raw):
        length, kind = struct.unpack('>I4s', raw[pos:pos + 8])
        data = raw[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            w, h, depth, color, _, _, interlace = struct.unpack('>IIBBBBB', data)
            if depth != 8 or interlace or color not in (0, 2, 6):
                raise ValueError(f'unsupported PNG: depth {depth}, colour type {color}, interlace {interlace}')
            channels = {0: 1, 2: 3, 6: 4}[color]
        elif kind == b'IDAT':
            idat.append(data)
        elif kind == b'IEND':
            break
        pos += 12 + length
    flat = zlib.decompress(b''.join(idat))
    stride, rows, prev = w * channels, [], bytearray(w * channels)
    for y in range(h):
        f, line = flat[y * (stride + 1)], bytearray(flat[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):  # undo the row filter (PNG spec §9)
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, channels, rows


def cut_edges(raw):
    """[(edge, x, y)] of the first ink pixel in each edge strip of the frame; empty when the figure is whole."""
    w, h, ch, rows = decode_png(raw)

    def ink(x, y):
        px = rows[y][x * ch:x * ch + min(ch, 3)]
        return min(px) < INK
    found = []
    strips = {'top': ((x, y) for y in range(MARGIN) for x in range(w)),
              'bottom': ((x, y) for y in range(h - MARGIN, h) for x in range(w)),
              'left': ((x, y) for x in range(MARGIN) for y in range(h)),
              'right': ((x, y) for x in range(w - MARGIN, w) for y in range(h))}
    for edge, pixels in strips.items():
        hit = next(((x, y) for x, y in pixels if ink(x, y)), None)
        if hit:
            found.append((edge, *hit))
    return found


def figure_name(output):
    """' ("Title…")': the start of the figure's text alternative (<img alt>, which begins with its title), if it has one."""
    h = output.get('data', {}).get('text/html', '')
    m = re.search(r'<img[^>]*\balt="([^"]*)"', ''.join(h) if isinstance(h, list) else h)
    if not m:
        return ''
    alt = html.unescape(m.group(1))
    return f' ("{alt[:70]}{"…" if len(alt) > 70 else ""}")'


def check_notebook(path):
    """[message] for every figure of the executed notebook at `path` that is cut at an edge."""
    nb = json.loads(Path(path).read_text(encoding='utf-8'))
    problems, n = [], 0
    for i, cell in enumerate(nb['cells']):
        for o in cell.get('outputs', []) if cell['cell_type'] == 'code' else []:
            data = o.get('data', {}).get('image/png')
            if not data:
                continue
            n += 1
            for edge, x, y in cut_edges(base64.b64decode(''.join(data) if isinstance(data, list) else data)):
                problems.append(f'{Path(path).name}: cell {i}, figure {n}{figure_name(o)}: ink at the {edge} edge '
                                f'(x = {x}, y = {y}): a title, legend or label runs out of the image')
    return problems, n


def main(argv):
    if not argv:
        raise SystemExit(__doc__.split('\n\n')[1])
    problems = []
    for p in argv:
        found, n = check_notebook(p)
        print(f'[figures] {Path(p).name}: {n} figures, {len(found)} cut at an edge')
        problems += found
    for p in problems:
        print('[figures] ' + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
