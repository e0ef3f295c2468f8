"""environment/slides.py: where a cell's printed text goes relative to its figures and tables."""
import sys
import unittest
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import slides  # noqa: E402

TABLE = '<table><caption>t</caption><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'


def cell(*outputs):
    c = nbformat.v4.new_code_cell('Show.table(t);\nSystem.out.println(reading);')
    c.outputs = list(outputs)
    return c


def stream(s):
    return nbformat.v4.new_output('stream', name='stdout', text=s)


def table():
    return nbformat.v4.new_output('display_data', data={'text/html': TABLE})


class PlanCodeTest(unittest.TestCase):
    def test_a_reading_printed_after_a_table_follows_it(self):
        kinds = [k for _, _, k in slides.plan_code(cell(table(), stream('the reading\n')))]
        self.assertEqual(['table', 'code'], kinds)

    def test_text_printed_before_a_table_stays_before_it(self):
        kinds = [k for _, _, k in slides.plan_code(cell(stream('loaded 5 models\n'), table()))]
        self.assertEqual(['code', 'table'], kinds)
        kinds = [k for _, _, k in slides.plan_code(cell(stream('a\n'), table(), stream('b\n')))]
        self.assertEqual(['code', 'table'], kinds, 'text on both sides: one text piece, first')


if __name__ == '__main__':
    unittest.main()
