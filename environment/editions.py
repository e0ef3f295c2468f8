#!/usr/bin/python3
"""One source, two editions: writes the instructor and the student edition of the kit's notebooks.

Solutions live in the source notebooks, marked in one of two ways:

* a block inside a code (or markdown) cell, delimited by comment lines
      // BEGIN SOLUTION                       (or  // BEGIN SOLUTION: double kl = Exercise.todo();)
      ...the instructor's code...
      // END SOLUTION
  (`<!-- BEGIN SOLUTION -->` / `<!-- END SOLUTION -->` in markdown). The student edition replaces the block
  by "// YOUR CODE HERE" and the placeholder after the colon, or by `throw Exercise.notAnswered();` (the body
  of a method the student writes) when there is none; placeholders fail their check with "not answered yet".
* a whole cell tagged `solution` (metadata.tags): the student edition gets metadata.kit.placeholder if set,
  else "// YOUR CODE HERE" (code) or "*Your answer here.*" (markdown).

Cells tagged `instructor-only` are left out of the student edition. The instructor edition keeps every
solution and drops the marker lines. Outputs are cleared in both. Standard library only.

    usage: editions.py [--out build/editions] [--root notebooks] [SOURCE.ipynb | DIR ...]
    default sources: notebooks/exercises, notebooks/homework and the lecture notebooks notebooks/NN-*.ipynb
"""
import argparse
import copy
import json
import re
import sys
from pathlib import Path

BEGIN = re.compile(r'^(?P<indent>\s*)(?://|#|<!--)\s*BEGIN SOLUTION(?:\s*:\s*(?P<placeholder>.*?))?\s*(?:-->)?\s*$')
END = re.compile(r'^\s*(?://|#|<!--)\s*END SOLUTION\s*(?:-->)?\s*$')
DEFAULT_CODE_PLACEHOLDER = 'throw Exercise.notAnswered();'
EDITIONS = ('instructor', 'student')


class MarkerError(ValueError):
    """Unbalanced or nested solution markers, reported with the notebook and the cell."""


def source_text(cell):
    src = cell.get('source', '')
    return ''.join(src) if isinstance(src, list) else src


def as_source(text):
    """nbformat's multi-line string: a list of lines, each but the last ending in a newline."""
    return text.splitlines(keepends=True)


def tags(cell):
    return cell.get('metadata', {}).get('tags', [])


def split_blocks(text, where):
    """Parses marker blocks: yields ('text', lines) and ('solution', indent, placeholder, lines)."""
    parts, current, block = [], [], None
    for n, line in enumerate(text.splitlines(keepends=True), 1):
        bare = line.rstrip('\n')
        m = BEGIN.match(bare)
        if m:
            if block is not None:
                raise MarkerError(f'{where}, line {n}: BEGIN SOLUTION inside another solution block')
            parts.append(('text', current))
            current, block = [], (m.group('indent'), m.group('placeholder'))
            continue
        if END.match(bare):
            if block is None:
                raise MarkerError(f'{where}, line {n}: END SOLUTION without BEGIN SOLUTION')
            parts.append(('solution', block[0], block[1], current))
            current, block = [], None
            continue
        current.append(line)
    if block is not None:
        raise MarkerError(f'{where}: BEGIN SOLUTION without END SOLUTION')
    parts.append(('text', current))
    return parts


def render(parts, edition, cell_type):
    out = []
    for part in parts:
        if part[0] == 'text':
            out.extend(part[1])
            continue
        _, indent, placeholder, lines = part
        if edition == 'instructor':
            out.extend(lines)
        elif cell_type == 'markdown':
            out.append(f'{indent}*Your answer here.*\n')
        else:
            out.append(f'{indent}// YOUR CODE HERE\n')
            out.append(f'{indent}{placeholder or DEFAULT_CODE_PLACEHOLDER}\n')
    text = ''.join(out)
    return text[:-1] if text.endswith('\n') else text


def has_solution(cell):
    return 'solution' in tags(cell) or any(BEGIN.match(l) for l in source_text(cell).splitlines())


def edition_of(nb, edition, name='notebook'):
    """Returns a new notebook dict: the given edition of the source notebook `nb`."""
    if edition not in EDITIONS:
        raise ValueError(f'edition must be one of {EDITIONS}, got {edition!r}')
    out = copy.deepcopy(nb)
    cells = []
    for i, cell in enumerate(out.get('cells', [])):
        where = f'{name}, cell {i}'
        if edition == 'student' and 'instructor-only' in tags(cell):
            continue
        text = source_text(cell)
        if 'solution' in tags(cell) and edition == 'student':
            if BEGIN.search(text) or END.search(text):
                split_blocks(text, where)  # still validate markers
            placeholder = cell.get('metadata', {}).get('kit', {}).get('placeholder')
            if placeholder is None:
                placeholder = '// YOUR CODE HERE' if cell['cell_type'] == 'code' else '*Your answer here.*'
            text = placeholder
        else:
            text = render(split_blocks(text, where), edition, cell['cell_type'])
        cell['source'] = as_source(text)
        if cell['cell_type'] == 'code':
            cell['outputs'] = []
            cell['execution_count'] = None
        cells.append(cell)
    out['cells'] = cells
    out.setdefault('metadata', {}).setdefault('kit', {})['edition'] = edition
    return out


def default_sources(root):
    found = sorted(root.glob('[0-9][0-9]-*.ipynb'))
    for sub in ('exercises', 'homework'):
        found += sorted((root / sub).glob('*.ipynb'))
    return found


def collect(paths, root):
    if not paths:
        return default_sources(root)
    found = []
    for p in map(Path, paths):
        found += sorted(p.rglob('*.ipynb')) if p.is_dir() else [p]
    return [p for p in found if '.ipynb_checkpoints' not in p.parts]


def write_editions(sources, root, out_dir):
    """Writes out_dir/<edition>/<path relative to root> for every source; returns the written paths."""
    written = []
    for src in sources:
        nb = json.loads(Path(src).read_text(encoding='utf-8'))
        try:
            rel = Path(src).resolve().relative_to(Path(root).resolve())
        except ValueError:
            rel = Path(Path(src).name)
        for edition in EDITIONS:
            dest = Path(out_dir) / edition / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(json.dumps(edition_of(nb, edition, str(src)), indent=1, ensure_ascii=False) + '\n',
                            encoding='utf-8')
            written.append(dest)
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('sources', nargs='*', help='notebooks or folders (default: the kit notebooks)')
    ap.add_argument('--root', default='notebooks', help='folder the output paths are relative to')
    ap.add_argument('--out', default='build/editions', help='output folder (gets instructor/ and student/)')
    args = ap.parse_args(argv)
    sources = collect(args.sources, Path(args.root))
    if not sources:
        print(f'editions: no notebooks found under {args.root}', file=sys.stderr)
        return 1
    try:
        written = write_editions(sources, args.root, args.out)
    except MarkerError as e:
        print(f'editions: {e}', file=sys.stderr)
        return 1
    n_sol = sum(1 for s in sources for c in json.loads(Path(s).read_text(encoding='utf-8'))['cells'] if has_solution(c))
    print(f'editions: {len(sources)} notebooks, {n_sol} solution cells -> {args.out}/{{instructor,student}} '
          f'({len(written)} files)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
