"""Tiny notebook writer for the authoring scripts (json only): md(), code(), write()."""
import hashlib
import json
from pathlib import Path


def _cell(kind, text, tags=None, **meta):
    md = dict(meta)
    if tags:
        md['tags'] = list(tags)
    src = text.strip('\n')
    cid = hashlib.sha1((kind + src).encode()).hexdigest()[:12]
    c = {'cell_type': kind, 'id': cid, 'metadata': md, 'source': src.splitlines(keepends=True)}
    if kind == 'code':
        c.update(outputs=[], execution_count=None)
    return c


def md(text, tags=None, **meta):
    return _cell('markdown', text, tags, **meta)


def code(text, tags=None, **meta):
    return _cell('code', text, tags, **meta)


def write(path, cells, title):
    seen = set()
    for c in cells:  # ids must be unique within a notebook
        while c['id'] in seen:
            c['id'] = hashlib.sha1(c['id'].encode()).hexdigest()[:12]
        seen.add(c['id'])
    nb = {'nbformat': 4, 'nbformat_minor': 5, 'cells': cells,
          'metadata': {'kernelspec': {'name': 'java', 'display_name': 'Java', 'language': 'java'},
                       'language_info': {'name': 'java', 'file_extension': '.jshell', 'mimetype': 'text/x-java-source'},
                       'title': title}}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
    return path
