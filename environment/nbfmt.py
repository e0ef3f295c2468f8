"""`environment/kit fmt`: the committed notebooks are the one source; this keeps them in one shape.

A notebook is *normalised* when it has no outputs, no execution counts, the kit's kernelspec, stable unique cell
ids, none of the per-user cell metadata that Jupyter adds while you work (execution times, scroll and collapse
state), and is written as Jupyter writes it (JSON, one-space indent, UTF-8, final newline). Editing a notebook in
Jupyter and running `environment/kit fmt` before committing gives exactly that; `environment/kit test` fails on a
notebook that is not normalised and names it.

    python3 environment/nbfmt.py [--check] [NOTEBOOK ...]      # default: every notebook under notebooks/
"""
import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {'display_name': 'Java 17 + ND4J (Lecture 7 kit)', 'language': 'java', 'name': 'java'}
LANGUAGE_INFO = {'file_extension': '.jshell', 'mimetype': 'text/x-java-source', 'name': 'java'}
# Cell metadata that records a user's session, not the notebook's content.
VOLATILE_CELL_METADATA = ('execution', 'ExecuteTime', 'collapsed', 'scrolled', 'jp-MarkdownHeadingCollapsed')
VALID_ID = re.compile(r'^[a-zA-Z0-9-_]{1,64}$')  # nbformat 4.5's cell id pattern


def notebooks(root=ROOT):
    """Every notebook of the kit's source (lecture notebooks, exercises, homework)."""
    return sorted(p for p in (root / 'notebooks').rglob('*.ipynb') if '.ipynb_checkpoints' not in p.parts)


def _source_text(cell):
    src = cell.get('source', '')
    return ''.join(src) if isinstance(src, list) else src


def normalise(nb):
    """The normalised form of a notebook (a new dict; the argument is not changed)."""
    nb = json.loads(json.dumps(nb))
    nb['nbformat'], nb['nbformat_minor'] = 4, 5
    meta = nb.setdefault('metadata', {})
    meta['kernelspec'] = dict(KERNELSPEC)
    meta['language_info'] = dict(LANGUAGE_INFO)
    seen = set()
    for i, cell in enumerate(nb.get('cells', [])):
        text = _source_text(cell)
        cell['source'] = text.splitlines(keepends=True)
        cmeta = cell.setdefault('metadata', {})
        for key in VOLATILE_CELL_METADATA:
            cmeta.pop(key, None)
        if cell.get('cell_type') == 'code':
            cell['outputs'] = []
            cell['execution_count'] = None
        else:
            cell.pop('outputs', None)
            cell.pop('execution_count', None)
        cid = cell.get('id')
        if not (isinstance(cid, str) and VALID_ID.match(cid)) or cid in seen:
            # a new id from the cell's content and position: the same notebook always gets the same ids
            cid = hashlib.sha1(f"{cell.get('cell_type')}\n{i}\n{text}".encode()).hexdigest()[:12]
            while cid in seen:
                cid = hashlib.sha1(cid.encode()).hexdigest()[:12]
        cell['id'] = cid
        seen.add(cid)
    return nb


def dumps(nb):
    """Jupyter's own file format (nbformat.writes): sorted keys, one-space indent, non-ASCII kept, final newline."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + '\n'


def check(path):
    """None if the file at `path` is normalised, else a short reason."""
    text = Path(path).read_text(encoding='utf-8')
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as e:
        return f'not valid JSON ({e})'
    want = dumps(normalise(nb))
    if text == want:
        return None
    if any(c.get('outputs') or c.get('execution_count') for c in nb.get('cells', [])):
        return 'has outputs or execution counts'
    return 'differs from its normalised form (kernelspec, cell ids, metadata or layout)'


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', action='store_true', help='only report notebooks that are not normalised')
    ap.add_argument('paths', nargs='*', type=Path)
    args = ap.parse_args(argv)
    paths = args.paths or notebooks()
    bad = 0
    for p in paths:
        if args.check:
            why = check(p)
            if why:
                bad += 1
                print(f'{p}: {why}; run environment/kit fmt')
        else:
            text = p.read_text(encoding='utf-8')
            new = dumps(normalise(json.loads(text)))
            if new != text:
                p.write_text(new, encoding='utf-8')
                print(f'normalised {p}')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
