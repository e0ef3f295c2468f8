"""The committed notebooks are the one source: they are normalised, their solution markers balance, and every value a
`Check` in the exercises and homework expects agrees with the independent reference data
(environment/reference/check-values.json, written by environment/reference/golden.py).

Run: /usr/bin/python3 -m unittest discover -s environment/tests
"""
import json
import math
import re
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import editions  # noqa: E402
import nbfmt  # noqa: E402

ROOT = HERE.parents[1]
REFERENCE = ROOT / 'environment' / 'reference' / 'check-values.json'
NUMBER = re.compile(r'(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])')
CHECK_CALL = re.compile(r'\bCheck\.(value|array|cases|estimate|rate|function|that)\(\s*"([^"]+)"')
# Which argument of each Check method holds the expected value(s) and which the tolerance (None: not literal).
EXPECTED_ARG = {'value': (2, 3), 'array': (2, 3), 'cases': (3, 4), 'estimate': (2, 3), 'rate': (2, None)}


def _sources(kind):
    return sorted((ROOT / 'notebooks' / kind).glob('*.ipynb'))


def _code_cells(path):
    nb = json.loads(path.read_text(encoding='utf-8'))
    for i, cell in enumerate(nb['cells']):
        if cell['cell_type'] == 'code':
            yield i, editions.source_text(cell)


def _call_arguments(text, start):
    """Top-level arguments of the call whose '(' is at text[start], split on commas outside (), {}, [] and strings."""
    depth, args, cur, i, quote = 0, [], [], start, None
    while i < len(text):
        ch = text[i]
        if quote:
            cur.append(ch)
            if ch == '\\':
                cur.append(text[i + 1])
                i += 1
            elif ch == quote:
                quote = None
        elif ch in '"\'':
            quote = ch
            cur.append(ch)
        elif ch in '([{':
            depth += 1
            if depth > 1:
                cur.append(ch)
        elif ch in ')]}':
            depth -= 1
            if depth == 0:
                args.append(''.join(cur).strip())
                return args
            cur.append(ch)
        elif ch == ',' and depth == 1:
            args.append(''.join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    raise ValueError('unbalanced parentheses')


def _literal_numbers(arg):
    """The numbers of an argument made only of literals (a number, new double[]{…}, Nd4j.createFromArray(…)); else
    None, for an expected value the notebook computes itself."""
    rest = NUMBER.sub('', arg)
    rest = re.sub(r'Nd4j\.createFromArray|new\s+double\s*(\[\s*\])+|[\s,{}()]', '', rest)
    if rest:
        return None
    return [float(x) for x in NUMBER.findall(arg)]


def check_calls(path):
    """(cell index, method, id, arguments) of every Check call in a notebook's code cells."""
    for i, text in _code_cells(path):
        for m in CHECK_CALL.finditer(text):
            yield i, m.group(1), m.group(2), _call_arguments(text, text.index('(', m.start()))


class NormalisedTest(unittest.TestCase):
    def test_every_notebook_is_normalised(self):
        paths = nbfmt.notebooks(ROOT)
        self.assertGreaterEqual(len(paths), 12)
        bad = [f'{p.relative_to(ROOT)}: {why}' for p in paths if (why := nbfmt.check(p))]
        self.assertEqual(bad, [], 'run environment/kit fmt and commit:\n' + '\n'.join(bad))

    def test_normalising_is_idempotent_and_clears_outputs(self):
        nb = {'cells': [{'cell_type': 'code', 'source': 'int x = 1;', 'metadata': {'execution': {'t': 1},
                                                                                   'tags': ['keep']},
                         'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': 'x'}],
                         'execution_count': 4},
                        {'cell_type': 'markdown', 'source': '# t', 'metadata': {}, 'id': 'same'},
                        {'cell_type': 'markdown', 'source': '# u', 'metadata': {}, 'id': 'same'}],
              'metadata': {'kernelspec': {'name': 'other'}}, 'nbformat': 4, 'nbformat_minor': 2}
        once = nbfmt.normalise(nb)
        self.assertEqual(nbfmt.dumps(nbfmt.normalise(once)), nbfmt.dumps(once))
        code = once['cells'][0]
        self.assertEqual((code['outputs'], code['execution_count']), ([], None))
        self.assertEqual(code['metadata'], {'tags': ['keep']})
        self.assertEqual(once['metadata']['kernelspec'], nbfmt.KERNELSPEC)
        ids = [c['id'] for c in once['cells']]
        self.assertEqual(len(set(ids)), 3)
        self.assertEqual(ids[1], 'same')
        self.assertEqual(nbfmt.normalise(nb)['cells'][0]['id'], ids[0], 'ids must be stable')


class SolutionMarkersTest(unittest.TestCase):
    def test_markers_balance_in_every_cell(self):
        for path in nbfmt.notebooks(ROOT):
            nb = json.loads(path.read_text(encoding='utf-8'))
            for i, cell in enumerate(nb['cells']):
                with self.subTest(notebook=path.name, cell=i):
                    editions.split_blocks(editions.source_text(cell), f'{path.name}, cell {i}')

    def test_every_exercise_and_homework_has_solutions(self):
        for path in _sources('exercises') + _sources('homework'):
            nb = json.loads(path.read_text(encoding='utf-8'))
            blocks = sum(1 for c in nb['cells'] for part in editions.split_blocks(editions.source_text(c), path.name)
                         if part[0] == 'solution')
            tagged = sum(1 for c in nb['cells'] if 'solution' in editions.tags(c))
            self.assertGreater(blocks + tagged, 0, f'{path.name} has no solution')


class CheckValuesTest(unittest.TestCase):
    reference = json.loads(REFERENCE.read_text(encoding='utf-8'))['checks']

    def _close(self, got, want, tol, what):
        self.assertEqual(len(got), len(want), f'{what}: {len(got)} values, the reference has {len(want)}')
        for k, (g, w) in enumerate(zip(got, want)):
            self.assertTrue(math.isclose(g, w, rel_tol=0, abs_tol=tol),
                            f'{what}[{k}] = {g!r}, the reference value is {w!r} (tolerance {tol:g}); '
                            f'recompute with environment/reference/golden.py')

    def test_parser_reads_each_kind_of_call(self):
        text = ('Check.value("a", () -> f(x, 1.0), -1.5e-3, 1e-9,\n  Mistake.of(2.0, "no, (really)"));\n'
                'Check.cases("b", new String[]{"x = 1, y = 2"}, i -> g(i), new double[]{0.5, -2}, 1e-12);\n'
                'Check.array("c", () -> h(), Nd4j.createFromArray(new double[][]{{1.0, 2.0}, {3, 4}}), 1e-12);\n'
                'Check.value("d", x, avgKl, 1e-9);')
        calls = [(m.group(1), m.group(2), _call_arguments(text, text.index('(', m.start())))
                 for m in CHECK_CALL.finditer(text)]
        self.assertEqual([c[1] for c in calls], ['a', 'b', 'c', 'd'])
        self.assertEqual(_literal_numbers(calls[0][2][2]), [-1.5e-3])
        self.assertEqual(calls[0][2][4], 'Mistake.of(2.0, "no, (really)")')
        self.assertEqual(_literal_numbers(calls[1][2][3]), [0.5, -2.0])
        self.assertEqual(_literal_numbers(calls[2][2][2]), [1.0, 2.0, 3.0, 4.0])
        self.assertIsNone(_literal_numbers(calls[3][2][2]))

    def test_every_check_agrees_with_the_reference(self):
        seen = set()
        for path in _sources('exercises') + _sources('homework'):
            for cell, method, cid, args in check_calls(path):
                where = f'{path.name}, cell {cell}, check {cid}'
                if method not in EXPECTED_ARG:
                    continue  # Check.that / Check.function: a property or a formula, no literal value
                e, t = EXPECTED_ARG[method]
                expected = _literal_numbers(args[e])
                if expected is None:
                    continue  # computed by the notebook itself (e.g. E4-sum against the average KL)
                with self.subTest(check=cid):
                    self.assertIn(cid, self.reference, f'{where}: no reference value; add it to golden.py')
                    ref = self.reference[cid]
                    seen.add(cid)
                    if t is None:  # a rate: its true value (e.g. the level α) is the one literal to agree
                        self._close(expected, ref['expected'], 1e-12, where)
                        continue
                    tol = _literal_numbers(args[t])
                    if method == 'estimate':  # the value, and its standard error when that is a literal too
                        want = ref['expected'][:len(expected) + len(tol or [])]
                        self._close(expected + (tol or []), want, 1e-12 * max(1, abs(want[0])), where)
                        continue
                    self.assertIsNotNone(tol, f'{where}: tolerance is not a number')
                    self._close(expected, ref['expected'], tol[0], where)
                    mistakes = [_literal_numbers(a[len('Mistake.of('):].split(',')[0]) for a in args[t + 1:]
                                if a.startswith('Mistake.of(')]
                    self._close([m[0] for m in mistakes], ref['mistakes'], tol[0], where + ' (mistakes)')
        self.assertEqual(sorted(set(self.reference) - seen), [],
                         'reference values that no notebook checks any more')


if __name__ == '__main__':
    unittest.main()
