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


def figure(w=800, h=500):
    """An image/png output: a PNG header of w × h (all that slides.py reads of it)."""
    import base64
    import struct
    head = b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + b'IHDR' + struct.pack('>II', w, h) + b'\x08\x02\x00\x00\x00'
    return nbformat.v4.new_output('display_data', data={'image/png': base64.b64encode(head + b'\x00' * 40).decode()})


def table():
    return nbformat.v4.new_output('display_data', data={'text/html': TABLE})


class PlanCodeTest(unittest.TestCase):
    def test_a_reading_printed_after_a_table_follows_it(self):
        kinds = [k for _, _, k in slides.plan_code(cell(table(), stream('the reading\n')))]
        self.assertEqual(['table', 'text'], kinds)

    def test_text_printed_before_a_table_stays_before_it(self):
        kinds = [k for _, _, k in slides.plan_code(cell(stream('loaded 5 models\n'), table()))]
        self.assertEqual(['code', 'table'], kinds)
        kinds = [k for _, _, k in slides.plan_code(cell(stream('a\n'), table(), stream('b\n')))]
        self.assertEqual(['code', 'table', 'text'], kinds, 'text on both sides: each where it was printed')

    def test_text_printed_between_figures_follows_its_figure(self):
        pieces = slides.plan_code(cell(figure(), stream('first reading\n'), figure(), stream('second reading\n'), figure()))
        self.assertEqual(['figure', 'text', 'figure', 'text', 'figure'], [k for _, _, k in pieces])
        self.assertEqual('first reading\n', pieces[1][0]['outputs'][0]['text'])

    def test_a_figure_shrinks_to_keep_its_reading_on_its_slide(self):
        deck = slides.deck_notebook(nbformat.v4.new_notebook(cells=[cell(figure(), stream('the reading\n'))]))
        types = [c['metadata']['slideshow']['slide_type'] for c in deck.cells]
        self.assertEqual(['slide', '-'], types, 'figure and its reading on one slide')
        width = deck.cells[0]['outputs'][0]['metadata']['image/png']['width']
        self.assertLess(width * 500 / 800 + 20 + slides.output_height(stream('the reading\n')), slides.BUDGET + 1)

    def test_a_figure_with_its_text_alternative_gets_the_same_width_in_both_forms(self):
        fig = figure()
        fig['data']['text/html'] = '<img alt="Scatter plot of codes" src="data:image/png;base64,AAAA">'
        fig['metadata'] = {'image/png': {'alt': 'Scatter plot of codes'}}
        deck = slides.deck_notebook(nbformat.v4.new_notebook(cells=[cell(fig, stream('the reading\n'))]))
        out = deck.cells[0]['outputs'][0]
        width = out['metadata']['image/png']['width']
        self.assertEqual('Scatter plot of codes', out['metadata']['image/png']['alt'], 'the alt in the metadata kept')
        self.assertIn(f'<img width="{width}" alt="Scatter plot of codes"', out['data']['text/html'],
                      'nbconvert shows the text/html form: it must carry the width the slide was planned with')

    def test_a_cell_that_only_prints_shows_its_text_not_its_code(self):
        c = nbformat.v4.new_code_cell('System.out.println(MmdVaeReadings.latent2d(a, b,\n        c, d));')
        c.outputs = [stream('I(x; z): VAE 4.41 nats\n')]
        pieces = slides.plan_code(c)
        self.assertEqual(1, len(pieces))
        self.assertTrue(pieces[0][0].get('transient', {}).get('remove_source'), 'the code is hidden')
        self.assertEqual(1, len(pieces[0][0]['outputs']))
        other = nbformat.v4.new_code_cell('double x = 1;\nSystem.out.println(x);')
        other.outputs = [stream('1.0\n')]
        self.assertFalse(slides.plan_code(other)[0][0].get('transient', {}).get('remove_source'), 'computing code stays')

    def test_printed_text_wraps_at_spaces(self):
        self.assertIn('word-break: normal', slides.CSS)


if __name__ == '__main__':
    unittest.main()


class PlanMarkdownTest(unittest.TestCase):
    LONG = '\n\n'.join(f'Paragraph {k}: ' + 'words ' * 90 for k in range(8))

    def test_a_heading_inside_a_cell_starts_its_own_slide_and_its_text_is_not_in_the_notes_before_it(self):
        # issue 24: "## The same pull …" landed on a slide while its paragraph went to the previous section's notes
        src = '## First\n\n' + self.LONG + '\n\n## Second section\n\nThe point of the second section.'
        deck = slides.deck_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(src)]))
        kinds = [(c['metadata']['slideshow']['slide_type'], c['source'].split('\n')[0][:20]) for c in deck.cells]
        second = next(i for i, c in enumerate(deck.cells) if c['source'].startswith('## Second'))
        self.assertEqual('slide', deck.cells[second]['metadata']['slideshow']['slide_type'], kinds)
        self.assertIn('The point of the second section.', deck.cells[second]['source'])
        notes = [c['source'] for c in deck.cells if c['metadata']['slideshow']['slide_type'] == 'notes']
        self.assertTrue(notes, 'the long first section keeps its detail in the notes')
        self.assertFalse(any('second section' in n for n in notes), notes)

    def test_notes_keep_the_order_of_the_text(self):
        # a 6-line paragraph fits, a 10-line one does not, then another 6-line one would fit again after it
        a, b, c = 'six lines ' * 55, 'ten lines ' * 100, 'third one ' * 55
        pieces = slides.plan_markdown(nbformat.v4.new_markdown_cell(f'## T\n\n{a}\n\n{b}\n\n{c}\n\nlast line'))
        kept = ''.join(p['source'] for p, _ in pieces if p['metadata']['slideshow']['slide_type'] != 'notes')
        self.assertIn('six lines', kept)
        self.assertNotIn('third one', kept, 'a block after the notes began goes to the notes too, in order')

    def test_a_cell_marked_notes_stays_in_the_notes(self):
        c = nbformat.v4.new_markdown_cell('Training details.')
        c.metadata['slideshow'] = {'slide_type': 'notes'}
        deck = slides.deck_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell('# Title'), c]))
        self.assertEqual('notes', deck.cells[1]['metadata']['slideshow']['slide_type'])
