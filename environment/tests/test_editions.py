"""Tests of environment/editions.py (run: /usr/bin/python3 -m unittest discover -s environment/tests)."""
import json
import re
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import editions  # noqa: E402


def code(src, tags=None, **meta):
    md = dict(meta)
    if tags:
        md['tags'] = tags
    return {'cell_type': 'code', 'metadata': md, 'source': src,
            'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': 'old'}], 'execution_count': 3}


def markdown(src, tags=None):
    return {'cell_type': 'markdown', 'metadata': {'tags': tags} if tags else {}, 'source': src}


def notebook(*cells):
    return {'nbformat': 4, 'nbformat_minor': 5, 'cells': list(cells),
            'metadata': {'kernelspec': {'name': 'java', 'language': 'java', 'display_name': 'Java'}}}


SOLVED = ('double kl(double mu, double s) {\n'
          '    // BEGIN SOLUTION\n'
          '    // KL = ½ (μ² + σ² − 2 ln σ − 1)\n'
          '    return 0.5 * (mu * mu + s * s - 2 * Math.log(s) - 1);\n'
          '    // END SOLUTION\n'
          '}')


def src(cell):
    return ''.join(cell['source'])


class EditionTest(unittest.TestCase):

    def test_method_body_becomes_the_throwing_placeholder_at_the_same_indent(self):
        nb = notebook(code(SOLVED))
        student = src(editions.edition_of(nb, 'student')['cells'][0])
        self.assertEqual(student, 'double kl(double mu, double s) {\n'
                                  '    // YOUR CODE HERE\n'
                                  '    throw Exercise.notAnswered();\n'
                                  '}')

    def test_instructor_keeps_the_solution_without_markers(self):
        nb = notebook(code(SOLVED))
        inst = src(editions.edition_of(nb, 'instructor')['cells'][0])
        self.assertIn('return 0.5 * (mu * mu', inst)
        self.assertNotIn('SOLUTION', inst)
        self.assertEqual(inst.count('\n'), SOLVED.count('\n') - 2)

    def test_placeholder_after_colon_replaces_a_top_level_value(self):
        nb = notebook(code('double mu = 0.3;\n// BEGIN SOLUTION: double kl = Exercise.todo();\n'
                           'double kl = mu * mu / 2;\n// END SOLUTION\nCheck.value("E1-kl", kl, 0.045);'))
        student = src(editions.edition_of(nb, 'student')['cells'][0])
        self.assertEqual(student, 'double mu = 0.3;\n// YOUR CODE HERE\ndouble kl = Exercise.todo();\n'
                                  'Check.value("E1-kl", kl, 0.045);')

    def test_several_blocks_in_one_cell(self):
        text = '// BEGIN SOLUTION: int a = 0;\nint a = 1;\n// END SOLUTION\nint b = 2;\n' \
               '// BEGIN SOLUTION: int c = 0;\nint c = 3;\n// END SOLUTION'
        student = src(editions.edition_of(notebook(code(text)), 'student')['cells'][0])
        self.assertEqual(student, '// YOUR CODE HERE\nint a = 0;\nint b = 2;\n// YOUR CODE HERE\nint c = 0;')

    def test_tagged_cells_and_markdown_markers(self):
        nb = notebook(markdown('Derive the KL.\n<!-- BEGIN SOLUTION -->\n$KL = ½(μ²+σ²−2\\ln σ−1)$\n<!-- END SOLUTION -->'),
                      code('double x = 42;', tags=['solution']),
                      code('double y = 1;', tags=['solution'], kit={'placeholder': 'double y = Exercise.todo();'}),
                      markdown('The answer is 42.', tags=['solution']))
        cells = editions.edition_of(nb, 'student')['cells']
        self.assertEqual(src(cells[0]), 'Derive the KL.\n*Your answer here.*')
        self.assertEqual(src(cells[1]), '// YOUR CODE HERE')
        self.assertEqual(src(cells[2]), 'double y = Exercise.todo();')
        self.assertEqual(src(cells[3]), '*Your answer here.*')
        inst = editions.edition_of(nb, 'instructor')['cells']
        self.assertEqual(src(inst[1]), 'double x = 42;')
        self.assertIn('$KL', src(inst[0]))

    def test_instructor_only_cells_are_dropped_from_the_student_edition(self):
        nb = notebook(markdown('Teaching note: students often forget the ½.', tags=['instructor-only']),
                      code('int a = 1;'))
        self.assertEqual(len(editions.edition_of(nb, 'student')['cells']), 1)
        self.assertEqual(len(editions.edition_of(nb, 'instructor')['cells']), 2)

    def test_no_solution_text_leaks_into_the_student_edition(self):
        nb = notebook(code(SOLVED), code('int secret = 7;', tags=['solution']),
                      markdown('secret note', tags=['instructor-only']))
        dumped = json.dumps(editions.edition_of(nb, 'student'))
        for leak in ('Math.log(s)', 'secret', 'SOLUTION', 'old'):
            self.assertNotIn(leak, dumped)

    def test_outputs_are_cleared_and_the_source_is_untouched(self):
        nb = notebook(code(SOLVED))
        before = json.dumps(nb)
        for ed in editions.EDITIONS:
            out = editions.edition_of(nb, ed)
            self.assertEqual(out['cells'][0]['outputs'], [])
            self.assertIsNone(out['cells'][0]['execution_count'])
            self.assertEqual(out['metadata']['kit']['edition'], ed)
        self.assertEqual(json.dumps(nb), before)

    def test_unbalanced_markers_are_errors_naming_the_cell(self):
        for bad in ('// BEGIN SOLUTION\nint a;', 'int a;\n// END SOLUTION',
                    '// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n// END SOLUTION'):
            with self.assertRaises(editions.MarkerError) as ctx:
                editions.edition_of(notebook(code('int ok;'), code(bad)), 'student', 'E9.ipynb')
            self.assertIn('E9.ipynb, cell 1', str(ctx.exception))
        with self.assertRaises(ValueError):
            editions.edition_of(notebook(), 'teacher')

    def test_cli_writes_both_editions_mirroring_the_folders(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / 'notebooks'
            (root / 'exercises').mkdir(parents=True)
            (root / 'exercises' / 'E1-elbo.ipynb').write_text(json.dumps(notebook(code(SOLVED))))
            (root / '01-elbo.ipynb').write_text(json.dumps(notebook(code('int a = 1;'))))
            (root / 'scratch.ipynb').write_text(json.dumps(notebook()))  # not a kit notebook: ignored
            out = Path(tmp) / 'build'
            self.assertEqual(editions.main(['--root', str(root), '--out', str(out)]), 0)
            written = sorted(str(p.relative_to(out)) for p in out.rglob('*.ipynb'))
            self.assertEqual(written, ['instructor/01-elbo.ipynb', 'instructor/exercises/E1-elbo.ipynb',
                                       'student/01-elbo.ipynb', 'student/exercises/E1-elbo.ipynb'])
            student = json.loads((out / 'student/exercises/E1-elbo.ipynb').read_text())
            self.assertIn('Exercise.notAnswered()', src(student['cells'][0]))
            (root / 'exercises' / 'E2-bad.ipynb').write_text(json.dumps(notebook(code('// BEGIN SOLUTION'))))
            self.assertEqual(editions.main(['--root', str(root), '--out', str(out)]), 1)


class CatalogueTest(unittest.TestCase):
    """Every check of the exercises and homework is given its part's catalogue of mistakes (lecture7.notebook.Mistakes;
    each mistake's message is tested in lib/src/test/java/lecture7/notebook/MistakesTest.java), in both editions."""

    ROOT = Path(__file__).resolve().parents[2]
    CALL = re.compile(r'\b(?:Check\.(?:value|array|cases|estimate|rate|function)|Verdict\.rate)\(\s*"([^"]+)"')
    # checks of a property of other answers, with nothing of their own to get wrong
    DERIVED = set()

    def sources(self):
        for kind in ('exercises', 'homework'):
            yield from sorted((self.ROOT / 'notebooks' / kind).glob('*.ipynb'))

    def calls(self, nb):
        for i, cell in enumerate(nb['cells']):
            text = editions.source_text(cell)
            for m in self.CALL.finditer(text):
                depth, j = 0, text.index('(', m.start())
                for k in range(j, len(text)):
                    depth += {'(': 1, ')': -1}.get(text[k], 0)
                    if depth == 0:
                        break
                yield i, m.group(1), text[j:k + 1]

    def test_every_check_gets_its_catalogue_in_both_editions(self):
        """In the call, or registered before it in the same cell with Check.catalogue(id, Mistakes…) (homework)."""
        seen = 0
        for path in self.sources():
            nb = json.loads(path.read_text(encoding='utf-8'))
            for edition in editions.EDITIONS:
                out = editions.edition_of(nb, edition, path.name)
                for i, cid, call in self.calls(out):
                    if cid in self.DERIVED:
                        continue
                    seen += 1
                    cell = editions.source_text(out['cells'][i])
                    registered = re.search(r'Check\.catalogue\(\s*"' + re.escape(cid) + r'",\s*Mistakes\.', cell)
                    before = registered and registered.start() < cell.index(call)
                    with self.subTest(notebook=path.name, edition=edition, check=cid):
                        self.assertTrue('Mistakes.' in call or before,
                                        f'{path.name}, cell {i}: check {cid} has no catalogue of mistakes')
        self.assertGreaterEqual(seen, 2 * 30)

    def test_every_part_has_points(self):
        for path in self.sources():
            text = '\n'.join(editions.source_text(c) for c in json.loads(path.read_text(encoding='utf-8'))['cells'])
            parts = set(re.findall(r'\.part\("([^"]+)", [1-9]', text))
            checked = {cid for cid in re.findall(r'\b(?:Check\.\w+)\(\s*"([^"]+)"', text)}
            with self.subTest(notebook=path.name):
                self.assertTrue(parts, f'{path.name} declares no points')
                self.assertLessEqual(parts, checked, f'{path.name}: parts without a check')
                self.assertIn('.report();', text)


if __name__ == '__main__':
    unittest.main()
