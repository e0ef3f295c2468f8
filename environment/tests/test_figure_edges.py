"""environment/tests/figure_edges.py: a figure with ink at an edge is reported, a whole one is not."""
import struct
import sys
import unittest
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import figure_edges  # noqa: E402


def png(pixels, filters=(0,)):
    """An 8-bit RGB PNG of `pixels` (rows of (r, g, b)); row y uses filter filters[y % len] (0 none, 2 up, 1 sub)."""
    h, w = len(pixels), len(pixels[0])
    raw, prev = b'', bytes(3 * w)
    for y, row in enumerate(pixels):
        line = bytes(c for px in row for c in px)
        f = filters[y % len(filters)]
        if f == 2:
            enc = bytes((line[i] - prev[i]) & 255 for i in range(len(line)))
        elif f == 1:
            enc = bytes((line[i] - (line[i - 3] if i >= 3 else 0)) & 255 for i in range(len(line)))
        else:
            enc = line
        raw += bytes([f]) + enc
        prev = line

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def image(w=40, h=30, ink=()):
    px = [[(255, 255, 255)] * w for _ in range(h)]
    for x, y in ink:
        px[y][x] = (20, 20, 20)
    return px


class FigureEdgesTest(unittest.TestCase):
    def test_a_whole_figure_passes(self):
        self.assertEqual([], figure_edges.cut_edges(png(image(ink=[(20, 15), (3, 3)]), filters=(0, 2, 1))))

    def test_ink_at_each_edge_is_found(self):
        for where, spot in (('left', (0, 10)), ('right', (39, 5)), ('top', (12, 1)), ('bottom', (30, 29))):
            for filters in ((0,), (2, 1)):
                found = figure_edges.cut_edges(png(image(ink=[spot]), filters=filters))
                self.assertEqual([(where, *spot)], found, (where, filters))

    def test_light_antialiasing_is_not_ink(self):
        px = image()
        px[10][0] = (230, 230, 230)
        self.assertEqual([], figure_edges.cut_edges(png(px)))


if __name__ == '__main__':
    unittest.main()
